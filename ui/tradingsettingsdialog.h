#pragma once

#include <QDialog>

class AccountSettings;
class QCheckBox;

// Settings → Trading: the current account's order confirmation, fat-finger thresholds, ladder trading,
// hotkeys and quantity presets.
class TradingSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradingSettingsDialog)

public:
    explicit TradingSettingsDialog(AccountSettings& settings, QWidget* parent = nullptr);

private:
    AccountSettings& m_settings;
    QCheckBox* m_confirm;
};
