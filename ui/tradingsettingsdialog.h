#pragma once

#include "tradinghotkeys.h"

#include <QDialog>
#include <QHash>
#include <QList>

class AccountSettings;
class QCheckBox;
class QKeySequenceEdit;
class QLabel;
class QLineEdit;
class QSpinBox;

// Settings → Trading for the current account: order confirmation, the fat-finger thresholds (exact
// decimal text), ladder trading and hotkeys on/off, the key bindings and the quantity presets 1–9
// (multiples of a symbol's minimum order quantity, TradingHotkeys::presetQuantity). Every change
// applies at once (AccountSettings::changed); a threshold applies only once it is a valid number.
class TradingSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradingSettingsDialog)

public:
    explicit TradingSettingsDialog(AccountSettings& settings, QWidget* parent = nullptr);

    QLineEdit* fatFingerEdit() const { return m_fatFinger; }
    QLineEdit* maxNotionalEdit() const { return m_maxNotional; }
    QKeySequenceEdit* bindingEdit(TradingHotkeys::Action action) const { return m_bindings.value(action); }
    QSpinBox* presetBox(int n) const { return n >= 1 && n <= m_presets.size() ? m_presets[n - 1] : nullptr; }

private:
    void applyThreshold(QLineEdit* edit, QLabel* error, bool percent);
    void restoreDefaultKeys();

    AccountSettings& m_settings;
    QCheckBox* m_confirm;
    QCheckBox* m_ladder;
    QCheckBox* m_hotkeys;
    QLineEdit* m_fatFinger;
    QLineEdit* m_maxNotional;
    QLabel* m_fatFingerError;
    QLabel* m_maxNotionalError;
    QHash<TradingHotkeys::Action, QKeySequenceEdit*> m_bindings;
    QList<QSpinBox*> m_presets;
};
