#include "tradingsettingsdialog.h"

#include "accountsettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QVBoxLayout>

TradingSettingsDialog::TradingSettingsDialog(AccountSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_confirm(new QCheckBox(tr("Confirm every order before it is sent")))
{
    setObjectName(QStringLiteral("tradingSettingsDialog"));
    setWindowTitle(tr("Trading settings"));
    auto* layout = new QVBoxLayout(this);
    m_confirm->setChecked(m_settings.confirmOrders());
    layout->addWidget(m_confirm);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_settings.setConfirmOrders(m_confirm->isChecked());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}
