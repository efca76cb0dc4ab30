#include "keystore.h"

#include "crypto.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QSettings>
#include <QUrl>
#include <QtEndian>

#include <qt6keychain/keychain.h>

#include <openssl/crypto.h>

#include <algorithm>
#include <optional>
#include <tuple>

// One keychain entry per account holds all of its secret material:
//   "BTK1" | u32 length | key (UTF-8) | u32 length | secret | u32 length | passphrase
// lengths big-endian, nothing after the passphrase. Nothing of it is written anywhere else.

namespace {

constexpr char kMagic[] = "BTK1";
constexpr qsizetype kMagicSize = sizeof(kMagic) - 1;
constexpr qsizetype kLengthSize = 4;

enum class Operation : std::uint8_t
{
    Store,
    Load,
    Remove,
};

void appendField(QByteArray& blob, const QByteArray& field)
{
    char length[kLengthSize];
    qToBigEndian(quint32(field.size()), length);
    blob.append(length, kLengthSize);
    blob.append(field);
}

QByteArray encodeCredentials(const Credentials& credentials)
{
    QByteArray key = credentials.key.toUtf8();
    QByteArray blob;
    // Reserved up front so the buffer never reallocates and leaves an unwiped copy behind.
    blob.reserve(kMagicSize + 3 * kLengthSize + key.size() + credentials.secret.size() +
                 credentials.passphrase.size());
    blob.append(kMagic, kMagicSize);
    appendField(blob, key);
    appendField(blob, credentials.secret);
    appendField(blob, credentials.passphrase);
    Crypto::secureClear(key);
    return blob;
}

std::optional<Credentials> decodeCredentials(const QByteArray& blob)
{
    if (!blob.startsWith(QByteArrayView(kMagic, kMagicSize)))
        return std::nullopt;
    qsizetype position = kMagicSize;
    const auto readField = [&](QByteArray& field) {
        if (blob.size() - position < kLengthSize)
            return false;
        const quint32 length = qFromBigEndian<quint32>(blob.constData() + position);
        position += kLengthSize;
        if (length > quint64(blob.size() - position))
            return false;
        field = QByteArray(blob.constData() + position, qsizetype(length));
        position += qsizetype(length);
        return true;
    };
    QByteArray key;
    QByteArray secret;
    QByteArray passphrase;
    const bool complete =
        readField(key) && readField(secret) && readField(passphrase) && position == blob.size();
    std::optional<Credentials> credentials;
    if (complete)
        credentials.emplace(QString::fromUtf8(key), std::move(secret), std::move(passphrase));
    Crypto::secureClear(key);
    Crypto::secureClear(secret);
    Crypto::secureClear(passphrase);
    return credentials;
}

// QtKeychain hands out its job's own buffer (implicitly shared), which the job frees without wiping:
// overwrite the shared bytes in place, then drop our reference.
void wipeSharedBuffer(QByteArray& bytes)
{
    if (bytes.data_ptr().isMutable()) // heap data, not QByteArray::fromRawData or a literal
        OPENSSL_cleanse(const_cast<char*>(bytes.constData()), size_t(bytes.size()));
    bytes.clear();
}

QString describe(const AccountId& id)
{
    return QCoreApplication::translate("KeyStore", "%1 account \"%2\" (%3)")
        .arg(id.venue, id.account, environmentName(id.environment));
}

// Maps a failed job to a typed error. The backend's text (libsecret, D-Bus, KWallet) never contains the
// secret: only the entry's attributes (service and account key) are sent with a lookup.
KeyStoreError errorFromJob(const QKeychain::Job& job, const AccountId& id, Operation operation)
{
    KeyStoreError error;
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        error.kind = KeyStoreError::Kind::NotFound;
        error.message =
            QCoreApplication::translate("KeyStore", "no API key is stored for %1").arg(describe(id));
        return error;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        error.kind = KeyStoreError::Kind::AccessDenied;
        error.message =
            QCoreApplication::translate("KeyStore", "the keychain refused access (it may be locked): %1")
                .arg(job.errorString());
        return error;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError: {
        // libsecret reports an unreachable bus or a missing Secret Service as OtherError.
        error.kind = KeyStoreError::Kind::NoKeychain;
        const QString consequence = operation == Operation::Store
                                        ? QCoreApplication::translate("KeyStore", "nothing was stored")
                                    : operation == Operation::Remove
                                        ? QCoreApplication::translate("KeyStore", "nothing was removed")
                                        : QCoreApplication::translate("KeyStore", "the key cannot be read");
        error.message = QCoreApplication::translate(
                            "KeyStore", "no keychain is reachable (botterm keeps API keys only in the OS "
                                        "keychain: on Linux a Secret Service such as gnome-keyring or "
                                        "KWallet on the D-Bus session bus): %1; %2")
                            .arg(job.errorString(), consequence);
        return error;
    }
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoError:
        break;
    }
    error.kind = KeyStoreError::Kind::Other;
    error.message = QCoreApplication::translate("KeyStore", "keychain error for %1: %2")
                        .arg(describe(id), job.errorString());
    return error;
}

QString settingsGroup(const QString& service)
{
    return QStringLiteral("keystore/") + QString::fromLatin1(QUrl::toPercentEncoding(service));
}

auto sortKey(const AccountId& id)
{
    return std::make_tuple(id.venue, id.account, int(id.environment));
}

} // namespace

QString AccountId::keychainKey() const
{
    // Percent-encoded so a '/' in a name cannot make two accounts share one entry.
    return QString::fromLatin1(QUrl::toPercentEncoding(venue) + '/' + QUrl::toPercentEncoding(account) + '/' +
                               environmentName(environment).toLatin1());
}

struct KeyStore::IndexEntry
{
    AccountId id;
    bool hasPassphrase = false;
};

KeyStore::KeyStore(const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_settings(std::make_unique<QSettings>(QStringLiteral("botterm"), QStringLiteral("botterm")))
{}

KeyStore::KeyStore(const QString& service, const QString& indexFile, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_settings(std::make_unique<QSettings>(indexFile, QSettings::IniFormat))
{}

KeyStore::~KeyStore() = default;

void KeyStore::store(const AccountId& id, const Credentials& credentials, Done done)
{
    if (id.venue.isEmpty() || id.account.isEmpty() || credentials.isEmpty()) {
        const KeyStoreError error{
            KeyStoreError::Kind::Other,
            QCoreApplication::translate("KeyStore",
                                        "an API key needs a venue, an account name, a key and a secret")};
        QMetaObject::invokeMethod(
            this,
            [error, done = std::move(done)] { done(Result<std::monostate, KeyStoreError>::failure(error)); },
            Qt::QueuedConnection);
        return;
    }

    auto blob = std::make_shared<QByteArray>(encodeCredentials(credentials));
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext copy in QSettings
    job->setKey(id.keychainKey());
    job->setBinaryData(*blob);
    // The job keeps its own reference until it is deleted; then ours is the last and is wiped.
    connect(job, &QObject::destroyed, [blob] { Crypto::secureClear(*blob); });

    const bool withPassphrase = !credentials.passphrase.isEmpty();
    connect(job, &QKeychain::Job::finished, this,
            [this, id, withPassphrase, done = std::move(done)](QKeychain::Job* finished) {
                if (finished->error() != QKeychain::NoError) {
                    done(Result<std::monostate, KeyStoreError>::failure(
                        errorFromJob(*finished, id, Operation::Store)));
                    return;
                }
                QList<IndexEntry> entries = readIndex();
                const auto existing = std::find_if(entries.begin(), entries.end(),
                                                   [&](const IndexEntry& entry) { return entry.id == id; });
                if (existing != entries.end())
                    existing->hasPassphrase = withPassphrase;
                else
                    entries.append(IndexEntry{id, withPassphrase});
                writeIndex(entries);
                if (m_settings->status() != QSettings::NoError) {
                    done(Result<std::monostate, KeyStoreError>::failure(
                        {KeyStoreError::Kind::Other,
                         QCoreApplication::translate("KeyStore",
                                                     "the key for %1 is in the keychain, but the account "
                                                     "list in %2 could not be written")
                             .arg(describe(id), m_settings->fileName())}));
                    return;
                }
                done(std::monostate{});
            });
    job->start();
}

void KeyStore::load(const AccountId& id, Loaded done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(id.keychainKey());
    connect(job, &QKeychain::Job::finished, this, [id, done = std::move(done)](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError) {
            done(Result<Credentials, KeyStoreError>::failure(errorFromJob(*finished, id, Operation::Load)));
            return;
        }
        QByteArray blob = static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData();
        std::optional<Credentials> credentials = decodeCredentials(blob);
        wipeSharedBuffer(blob);
        if (!credentials) {
            done(Result<Credentials, KeyStoreError>::failure(
                {KeyStoreError::Kind::Other,
                 QCoreApplication::translate("KeyStore",
                                             "the keychain entry for %1 is not in botterm's format")
                     .arg(describe(id))}));
            return;
        }
        done(std::move(*credentials));
    });
    job->start();
}

void KeyStore::remove(const AccountId& id, Done done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(id.keychainKey());
    connect(
        job, &QKeychain::Job::finished, this, [this, id, done = std::move(done)](QKeychain::Job* finished) {
            // libsecret reports success for an entry that does not exist; other backends say EntryNotFound.
            // Either way the index decides whether there was an account to remove.
            if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound) {
                done(Result<std::monostate, KeyStoreError>::failure(
                    errorFromJob(*finished, id, Operation::Remove)));
                return;
            }
            QList<IndexEntry> entries = readIndex();
            const qsizetype removed =
                entries.removeIf([&](const IndexEntry& entry) { return entry.id == id; });
            if (removed == 0) {
                done(Result<std::monostate, KeyStoreError>::failure(
                    {KeyStoreError::Kind::NotFound,
                     QCoreApplication::translate("KeyStore", "no API key is stored for %1")
                         .arg(describe(id))}));
                return;
            }
            writeIndex(entries);
            done(std::monostate{});
        });
    job->start();
}

QList<AccountId> KeyStore::accounts() const
{
    QList<AccountId> ids;
    for (const IndexEntry& entry : readIndex())
        ids.append(entry.id);
    return ids;
}

bool KeyStore::hasPassphrase(const AccountId& id) const
{
    const QList<IndexEntry> entries = readIndex();
    return std::any_of(entries.cbegin(), entries.cend(),
                       [&](const IndexEntry& entry) { return entry.id == id && entry.hasPassphrase; });
}

QList<KeyStore::IndexEntry> KeyStore::readIndex() const
{
    m_settings->sync(); // another process (botterm-cli, the GUI) may have changed it
    QList<IndexEntry> entries;
    m_settings->beginGroup(settingsGroup(m_service));
    const int size = m_settings->beginReadArray(QStringLiteral("accounts"));
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        IndexEntry entry;
        entry.id.venue = m_settings->value(QStringLiteral("venue")).toString();
        entry.id.account = m_settings->value(QStringLiteral("account")).toString();
        const std::optional<Environment> environment =
            environmentFromName(m_settings->value(QStringLiteral("environment")).toString());
        entry.hasPassphrase = m_settings->value(QStringLiteral("passphrase")).toBool();
        if (entry.id.venue.isEmpty() || entry.id.account.isEmpty() || !environment)
            continue;
        entry.id.environment = *environment;
        entries.append(entry);
    }
    m_settings->endArray();
    m_settings->endGroup();
    std::sort(entries.begin(), entries.end(),
              [](const IndexEntry& a, const IndexEntry& b) { return sortKey(a.id) < sortKey(b.id); });
    return entries;
}

void KeyStore::writeIndex(const QList<IndexEntry>& entries)
{
    m_settings->beginGroup(settingsGroup(m_service));
    m_settings->remove(QStringLiteral("accounts"));
    m_settings->beginWriteArray(QStringLiteral("accounts"), int(entries.size()));
    for (int i = 0; i < int(entries.size()); ++i) {
        m_settings->setArrayIndex(i);
        const IndexEntry& entry = entries.at(i);
        m_settings->setValue(QStringLiteral("venue"), entry.id.venue);
        m_settings->setValue(QStringLiteral("account"), entry.id.account);
        m_settings->setValue(QStringLiteral("environment"), environmentName(entry.id.environment));
        m_settings->setValue(QStringLiteral("passphrase"), entry.hasPassphrase);
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->sync();
}
