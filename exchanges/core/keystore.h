#pragma once

#include "marketdataadapter.h" // Environment
#include "result.h"
#include "signer.h" // Credentials

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QSettings;

// Which API key: one keychain entry per venue + account name + environment.
struct AccountId
{
    QString venue;   // "bybit"
    QString account; // the user's name for it, "main"
    Environment environment = Environment::Mainnet;

    QString keychainKey() const; // "bybit/main/mainnet"
    friend bool operator==(const AccountId&, const AccountId&) = default;
};

struct KeyStoreError
{
    enum class Kind : std::uint8_t
    {
        NoKeychain, // no Secret Service / OS keychain reachable: nothing is stored, no plaintext fallback
        NotFound,
        AccessDenied,
        Other,
    };
    Kind kind = Kind::Other;
    QString message;
};

// API keys in the OS keychain (QtKeychain: Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows). Key, secret and passphrase live only there; the list of account ids (no
// secrets) is kept beside it so accounts can be listed. A secret is read only when a request is
// about to be signed, and the Credentials holding it clear themselves when destroyed.
class KeyStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyStore)

public:
    // service: the keychain service name ("botterm"; tests pass their own). The account index is kept
    // in QSettings("botterm", "botterm"), under a group per service.
    explicit KeyStore(const QString& service = QStringLiteral("botterm"), QObject* parent = nullptr);
    // The same, with the account index in this INI file instead (tests, portable installs).
    KeyStore(const QString& service, const QString& indexFile, QObject* parent = nullptr);
    ~KeyStore() override;

    using Done = std::function<void(const Result<std::monostate, KeyStoreError>&)>;
    using Loaded = std::function<void(const Result<Credentials, KeyStoreError>&)>;

    void store(const AccountId& id, const Credentials& credentials, Done done);
    void load(const AccountId& id, Loaded done);
    void remove(const AccountId& id, Done done);
    // Account ids known to this store (never secrets), sorted.
    QList<AccountId> accounts() const;
    // Whether the stored credentials of a listed account include a passphrase (kept in the index so
    // listing never reads a secret).
    bool hasPassphrase(const AccountId& id) const;
    QString service() const { return m_service; }

private:
    struct IndexEntry;
    QList<IndexEntry> readIndex() const;
    void writeIndex(const QList<IndexEntry>& entries);

    QString m_service;
    std::unique_ptr<QSettings> m_settings;
};
