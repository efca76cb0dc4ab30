#include "accountsdialog.h"

#include "exchanges/core/connectiontest.h"
#include "exchanges/core/hostregistry.h"
#include "exchanges/core/signer.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column
{
    VenueColumn,
    NameColumn,
    EnvironmentColumn,
    PassphraseColumn,
    ColumnCount,
};

QString environmentText(Environment environment)
{
    switch (environment) {
    case Environment::Mainnet:
        return AccountsDialog::tr("Mainnet");
    case Environment::Testnet:
        return AccountsDialog::tr("Testnet");
    case Environment::Demo:
        return AccountsDialog::tr("Demo");
    }
    return {};
}

QString errorText(const RestError& error)
{
    QStringList parts;
    if (error.httpStatus != 0)
        parts << QStringLiteral("HTTP %1").arg(error.httpStatus);
    if (!error.venueCode.isEmpty())
        parts << error.venueCode;
    parts << error.message;
    return parts.join(QStringLiteral(" "));
}

} // namespace

AccountsDialog::AccountsDialog(KeyStore& store, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_network(new QNetworkAccessManager(this))
    , m_test(new ConnectionTest(m_network, this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_addButton(new QPushButton(this))
    , m_editButton(new QPushButton(this))
    , m_removeButton(new QPushButton(this))
    , m_testButton(new QPushButton(this))
    , m_venueLabel(new QLabel(this))
    , m_environmentLabel(new QLabel(this))
    , m_nameLabel(new QLabel(this))
    , m_keyLabel(new QLabel(this))
    , m_secretLabel(new QLabel(this))
    , m_passphraseLabel(new QLabel(this))
    , m_venue(new QComboBox(this))
    , m_environment(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
    , m_passphrase(new QLineEdit(this))
    , m_saveButton(new QPushButton(this))
    , m_closeButton(new QPushButton(this))
    , m_message(new QLabel(this))
{
    m_table->setObjectName(QStringLiteral("accounts"));
    m_addButton->setObjectName(QStringLiteral("add"));
    m_editButton->setObjectName(QStringLiteral("edit"));
    m_removeButton->setObjectName(QStringLiteral("remove"));
    m_testButton->setObjectName(QStringLiteral("testConnection"));
    m_venue->setObjectName(QStringLiteral("venue"));
    m_environment->setObjectName(QStringLiteral("environment"));
    m_name->setObjectName(QStringLiteral("name"));
    m_key->setObjectName(QStringLiteral("key"));
    m_secret->setObjectName(QStringLiteral("secret"));
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_saveButton->setObjectName(QStringLiteral("save"));
    m_message->setObjectName(QStringLiteral("message"));

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    // Only venues that still trade: closed ones (FTX, Liquid) are never offered.
    for (const QString& venue : HostRegistry::builtIn().venueNames())
        m_venue->addItem(venue, venue);
    for (const Environment environment : {Environment::Mainnet, Environment::Testnet, Environment::Demo})
        m_environment->addItem(QString(), int(environment));
    m_secret->setEchoMode(QLineEdit::Password);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addButton);
    listButtons->addWidget(m_editButton);
    listButtons->addWidget(m_removeButton);
    listButtons->addStretch();
    listButtons->addWidget(m_testButton);

    auto* form = new QFormLayout;
    form->addRow(m_venueLabel, m_venue);
    form->addRow(m_environmentLabel, m_environment);
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_keyLabel, m_key);
    form->addRow(m_secretLabel, m_secret);
    form->addRow(m_passphraseLabel, m_passphrase);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_saveButton);
    bottom->addStretch();
    bottom->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(listButtons);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addLayout(bottom);

    connect(m_addButton, &QPushButton::clicked, this, &AccountsDialog::startAdd);
    connect(m_editButton, &QPushButton::clicked, this, &AccountsDialog::startEdit);
    connect(m_removeButton, &QPushButton::clicked, this, &AccountsDialog::removeSelected);
    connect(m_testButton, &QPushButton::clicked, this, &AccountsDialog::testConnection);
    connect(m_saveButton, &QPushButton::clicked, this, &AccountsDialog::save);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_venue, &QComboBox::currentIndexChanged, this, &AccountsDialog::updatePassphraseField);
    connect(m_environment, &QComboBox::currentIndexChanged, this, &AccountsDialog::updatePassphraseField);

    retranslate();
    reload();
    startAdd();
    resize(640, 520);
}

AccountsDialog::~AccountsDialog()
{
    clearSecretFields();
}

AccountId AccountsDialog::demoAccountId()
{
    return AccountId{QStringLiteral("bybit"), QStringLiteral("demo"), Environment::Demo};
}

void AccountsDialog::ensureAccount(KeyStore& store, const AccountId& id, const Credentials& credentials,
                                   Done done)
{
    if (store.accounts().contains(id)) {
        done(std::monostate{});
        return;
    }
    store.store(id, credentials, std::move(done));
}

void AccountsDialog::setInMemoryDemoCredentials(const Credentials& credentials)
{
    m_memoryDemo = credentials;
    reload();
}

std::optional<AccountId> AccountsDialog::selectedAccount() const
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, VenueColumn))
        return std::nullopt;
    const QVariant environment = m_table->item(row, EnvironmentColumn)->data(Qt::UserRole);
    return AccountId{m_table->item(row, VenueColumn)->text(), m_table->item(row, NameColumn)->text(),
                     Environment(environment.toInt())};
}

void AccountsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void AccountsDialog::retranslate()
{
    setWindowTitle(tr("Accounts"));
    m_table->setHorizontalHeaderLabels({tr("Venue"), tr("Name"), tr("Environment"), tr("Passphrase")});
    m_addButton->setText(tr("&Add"));
    m_editButton->setText(tr("&Edit"));
    m_removeButton->setText(tr("&Remove"));
    m_testButton->setText(tr("&Test connection"));
    m_venueLabel->setText(tr("Venue:"));
    m_environmentLabel->setText(tr("Environment:"));
    m_nameLabel->setText(tr("Name:"));
    m_keyLabel->setText(tr("API key:"));
    m_secretLabel->setText(tr("Secret:"));
    m_passphraseLabel->setText(tr("Passphrase:"));
    m_saveButton->setText(tr("&Save"));
    m_closeButton->setText(tr("Close"));
    for (int i = 0; i < m_environment->count(); ++i)
        m_environment->setItemText(i, environmentText(Environment(m_environment->itemData(i).toInt())));
    reload();
}

void AccountsDialog::reload()
{
    const std::optional<AccountId> selected = selectedAccount();
    QList<AccountId> accounts = m_store.accounts();
    if (m_memoryDemo && !accounts.contains(demoAccountId()))
        accounts.append(demoAccountId()); // kept in memory for this run: no keychain
    m_table->setRowCount(int(accounts.size()));
    for (int row = 0; row < accounts.size(); ++row) {
        const AccountId& id = accounts.at(row);
        m_table->setItem(row, VenueColumn, new QTableWidgetItem(id.venue));
        m_table->setItem(row, NameColumn, new QTableWidgetItem(id.account));
        auto* environment = new QTableWidgetItem(environmentText(id.environment));
        environment->setData(Qt::UserRole, int(id.environment));
        m_table->setItem(row, EnvironmentColumn, environment);
        const bool passphrase = m_store.accounts().contains(id) && m_store.hasPassphrase(id);
        m_table->setItem(row, PassphraseColumn, new QTableWidgetItem(passphrase ? tr("Yes") : tr("No")));
        if (selected && *selected == id)
            m_table->setCurrentCell(row, VenueColumn);
    }
}

void AccountsDialog::updatePassphraseField()
{
    const Environment environment = Environment(m_environment->currentData().toInt());
    const Signer* signer =
        HostRegistry::builtIn().signerForVenue(m_venue->currentData().toString(), environment);
    const bool needed = signer && signer->needsPassphrase();
    m_passphrase->setEnabled(needed);
    if (!needed)
        m_passphrase->clear();
}

void AccountsDialog::startAdd()
{
    m_editing.reset();
    m_name->clear();
    m_key->clear();
    clearSecretFields();
    m_secret->setPlaceholderText(QString());
    m_passphrase->setPlaceholderText(QString());
    m_name->setFocus();
    updatePassphraseField();
}

void AccountsDialog::startEdit()
{
    const std::optional<AccountId> id = selectedAccount();
    if (!id) {
        showMessage(tr("Select an account first."));
        return;
    }
    m_editing = id;
    m_venue->setCurrentIndex(m_venue->findData(id->venue));
    m_environment->setCurrentIndex(m_environment->findData(int(id->environment)));
    m_name->setText(id->account);
    m_key->clear();
    clearSecretFields();
    m_secret->setPlaceholderText(tr("unchanged"));
    m_passphrase->setPlaceholderText(tr("unchanged"));
    updatePassphraseField();
}

void AccountsDialog::removeSelected()
{
    const std::optional<AccountId> id = selectedAccount();
    if (!id) {
        showMessage(tr("Select an account first."));
        return;
    }
    QPointer<AccountsDialog> self(this);
    m_store.remove(*id, [self](const Result<std::monostate, KeyStoreError>& result) {
        if (!self)
            return;
        if (result)
            self->showMessage(tr("Account removed."));
        else
            self->showMessage(tr("Could not remove the account: %1").arg(result.error().message));
        self->m_editing.reset();
        self->reload();
        Q_EMIT self->accountsChanged();
    });
}

void AccountsDialog::save()
{
    const AccountId id{m_venue->currentData().toString(), m_name->text().trimmed(),
                       Environment(m_environment->currentData().toInt())};
    if (id.account.isEmpty()) {
        showMessage(tr("Enter a name for the account."));
        return;
    }
    Credentials entered(m_key->text().trimmed(), m_secret->text().toUtf8(),
                        m_passphrase->isEnabled() ? m_passphrase->text().toUtf8() : QByteArray());
    clearSecretFields();
    const std::optional<AccountId> replaced = m_editing;
    QPointer<AccountsDialog> self(this);
    KeyStore& store = m_store;

    auto write = [self, &store, id, replaced](const Credentials& credentials) {
        if (credentials.isEmpty()) {
            if (self)
                self->showMessage(tr("Enter the API key and the secret."));
            return;
        }
        store.store(
            id, credentials,
            [self, &store, id, replaced](const Result<std::monostate, KeyStoreError>& result) {
                if (!self)
                    return;
                if (!result) {
                    if (result.error().kind == KeyStoreError::Kind::NoKeychain)
                        self->showMessage(tr("No OS keychain is available, so nothing was stored. Start a "
                                             "Secret Service (GNOME Keyring, KWallet) and try again."));
                    else
                        self->showMessage(tr("Could not store the account: %1").arg(result.error().message));
                    return;
                }
                if (replaced && !(*replaced == id))
                    store.remove(*replaced, [](const Result<std::monostate, KeyStoreError>&) {});
                self->m_editing = id;
                self->reload();
                self->showMessage(tr("Account saved."));
                Q_EMIT self->accountsChanged();
            });
    };

    if (!replaced || (!entered.key.isEmpty() && !entered.secret.isEmpty())) {
        write(entered);
        return;
    }
    // Editing with fields left empty: they keep what the keychain holds.
    store.load(*replaced, [write, entered](const Result<Credentials, KeyStoreError>& loaded) {
        if (!loaded) {
            write(entered);
            return;
        }
        Credentials merged = *loaded;
        if (!entered.key.isEmpty())
            merged.key = entered.key;
        if (!entered.secret.isEmpty())
            merged.secret = entered.secret;
        if (!entered.passphrase.isEmpty())
            merged.passphrase = entered.passphrase;
        write(merged);
    });
}

void AccountsDialog::testConnection()
{
    const std::optional<AccountId> id = selectedAccount();
    if (!id) {
        showMessage(tr("Select an account first."));
        return;
    }
    const QUrl baseUrl = *id == demoAccountId() ? m_demoRestUrl : QUrl();
    m_testButton->setEnabled(false);
    showMessage(tr("Testing the connection…"));
    QPointer<AccountsDialog> self(this);
    auto report = [self](const ConnectionTest::Outcome& outcome) {
        if (!self)
            return;
        self->m_testButton->setEnabled(true);
        const QString text = outcome ? outcome.value() : errorText(outcome.error());
        self->showMessage(text);
        Q_EMIT self->connectionTested(bool(outcome), text);
    };
    auto run = [self, id = *id, baseUrl, report](const Credentials& credentials) {
        if (self)
            self->m_test->run(id.venue, id.environment, credentials, baseUrl, report);
    };
    if (*id == demoAccountId() && m_memoryDemo) {
        run(*m_memoryDemo);
        return;
    }
    m_store.load(*id, [self, run](const Result<Credentials, KeyStoreError>& loaded) {
        if (!self)
            return;
        if (!loaded) {
            self->m_testButton->setEnabled(true);
            self->showMessage(
                tr("Could not read the account from the keychain: %1").arg(loaded.error().message));
            return;
        }
        run(*loaded);
    });
}

void AccountsDialog::showMessage(const QString& text)
{
    m_message->setText(text);
}

void AccountsDialog::clearSecretFields()
{
    m_secret->clear();
    m_passphrase->clear();
}
