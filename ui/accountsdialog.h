#pragma once

#include "exchanges/core/keystore.h"

#include <QDialog>
#include <QUrl>

#include <optional>

class ConnectionTest;
class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QTableWidget;

// Settings → Accounts: the API keys botterm may trade with, one per venue, name and environment.
// Key, secret and passphrase go only to the OS keychain through KeyStore; the list shows no secret
// and the key at most as its first four characters. "Test connection" sends the venue's private read
// request (ConnectionTest) and shows the answer or the venue's error verbatim.
class AccountsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsDialog)

public:
    explicit AccountsDialog(KeyStore& store, QWidget* parent = nullptr);
    ~AccountsDialog() override;

    // Where the built-in demo venue runs: the demo account's requests go there.
    void setDemoRestUrl(const QUrl& url) { m_demoRestUrl = url; }
    // Demo credentials kept in memory for this run when the keychain is unavailable.
    void setInMemoryDemoCredentials(const Credentials& credentials);

    static AccountId demoAccountId();
    using Done = KeyStore::Done;
    // Stores credentials under id unless the store already lists it.
    static void ensureAccount(KeyStore& store, const AccountId& id, const Credentials& credentials,
                              Done done);

    // The account selected in the list, if any.
    std::optional<AccountId> selectedAccount() const;

Q_SIGNALS:
    void accountsChanged();
    void connectionTested(bool ok, const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void reload();
    void updatePassphraseField();
    void startAdd();
    void startEdit();
    void removeSelected();
    void save();
    void testConnection();
    void showMessage(const QString& text);
    void clearSecretFields();

    KeyStore& m_store;
    QNetworkAccessManager* m_network;
    ConnectionTest* m_test;
    QUrl m_demoRestUrl;
    std::optional<Credentials> m_memoryDemo;
    std::optional<AccountId> m_editing; // the account the editor replaces; none while adding

    QTableWidget* m_table;
    QPushButton* m_addButton;
    QPushButton* m_editButton;
    QPushButton* m_removeButton;
    QPushButton* m_testButton;
    QLabel* m_venueLabel;
    QLabel* m_environmentLabel;
    QLabel* m_nameLabel;
    QLabel* m_keyLabel;
    QLabel* m_secretLabel;
    QLabel* m_passphraseLabel;
    QComboBox* m_venue;
    QComboBox* m_environment;
    QLineEdit* m_name;
    QLineEdit* m_key;
    QLineEdit* m_secret;
    QLineEdit* m_passphrase;
    QPushButton* m_saveButton;
    QPushButton* m_closeButton;
    QLabel* m_message;
};
