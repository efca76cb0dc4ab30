#include "tradingsettingsdialog.h"

#include "accountsettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
constexpr int kMaxPresetMultiple = 1'000'000;
} // namespace

TradingSettingsDialog::TradingSettingsDialog(AccountSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_confirm(new QCheckBox(tr("Confirm every order before it is sent")))
    , m_ladder(new QCheckBox(tr("Ladder trading: a click on the ladder's bid or ask column sends an order")))
    , m_hotkeys(new QCheckBox(tr("Trading hotkeys")))
    , m_fatFinger(new QLineEdit)
    , m_maxNotional(new QLineEdit)
    , m_fatFingerError(new QLabel)
    , m_maxNotionalError(new QLabel)
{
    setObjectName(QStringLiteral("tradingSettingsDialog"));
    setWindowTitle(tr("Trading settings"));
    auto* layout = new QVBoxLayout(this);

    auto* orders = new QGroupBox(tr("Orders"));
    auto* ordersForm = new QFormLayout(orders);
    m_confirm->setObjectName(QStringLiteral("confirmOrders"));
    m_confirm->setChecked(m_settings.confirmOrders());
    ordersForm->addRow(m_confirm);
    m_fatFinger->setObjectName(QStringLiteral("fatFingerPercent"));
    m_fatFinger->setText(m_settings.fatFingerPercent().normalized().toString());
    m_fatFinger->setToolTip(tr("A price further than this from the mid needs an extra confirmation"));
    m_maxNotional->setObjectName(QStringLiteral("maxNotional"));
    m_maxNotional->setText(m_settings.maxNotional().normalized().toString());
    m_maxNotional->setToolTip(tr("An order worth more than this (in the quote currency) needs an extra "
                                 "confirmation"));
    for (QLabel* error : {m_fatFingerError, m_maxNotionalError}) {
        error->setVisible(false);
        QPalette palette = error->palette();
        palette.setColor(QPalette::WindowText, Qt::red);
        error->setPalette(palette);
    }
    ordersForm->addRow(tr("Price distance from the mid (%)"), m_fatFinger);
    ordersForm->addRow(QString(), m_fatFingerError);
    ordersForm->addRow(tr("Maximum notional"), m_maxNotional);
    ordersForm->addRow(QString(), m_maxNotionalError);
    layout->addWidget(orders);

    auto* fast = new QGroupBox(tr("Ladder trading and hotkeys"));
    auto* fastLayout = new QVBoxLayout(fast);
    m_ladder->setObjectName(QStringLiteral("ladderTrading"));
    m_ladder->setChecked(m_settings.ladderTrading());
    m_hotkeys->setObjectName(QStringLiteral("hotkeys"));
    m_hotkeys->setChecked(m_settings.hotkeys());
    fastLayout->addWidget(m_ladder);
    fastLayout->addWidget(m_hotkeys);
    auto* note = new QLabel(tr("One click or key is one order, sent without the confirmation step (the "
                               "fat-finger guard still asks). Both are refused while the order book is "
                               "not live. Hotkeys do nothing while you type in a field; the presets 1–9 "
                               "act while the ladder has focus."));
    note->setWordWrap(true);
    fastLayout->addWidget(note);

    auto* keys = new QGridLayout;
    int row = 0;
    for (const TradingHotkeys::Action action : TradingHotkeys::actions()) {
        if (action >= TradingHotkeys::Action::Preset1)
            break;
        auto* edit = new QKeySequenceEdit(TradingHotkeys::binding(m_settings, action));
        edit->setObjectName(TradingHotkeys::settingsKey(action).replace(QLatin1Char('/'), QLatin1Char('_')));
        connect(edit, &QKeySequenceEdit::keySequenceChanged, this,
                [this, action](const QKeySequence& sequence) {
                    TradingHotkeys::setBinding(m_settings, action, sequence);
                });
        keys->addWidget(new QLabel(TradingHotkeys::actionText(action)), row, 0);
        keys->addWidget(edit, row, 1);
        m_bindings.insert(action, edit);
        ++row;
    }
    fastLayout->addLayout(keys);

    auto* presets = new QGridLayout;
    presets->addWidget(new QLabel(tr("Quantity presets, in multiples of the symbol's minimum order "
                                     "quantity:")),
                       0, 0, 1, 6);
    for (int n = 1; n <= 9; ++n) {
        const auto action =
            static_cast<TradingHotkeys::Action>(static_cast<int>(TradingHotkeys::Action::Preset1) + n - 1);
        auto* multiple = new QSpinBox;
        multiple->setObjectName(QStringLiteral("preset%1").arg(n));
        multiple->setRange(1, kMaxPresetMultiple);
        multiple->setValue(TradingHotkeys::presetMultiple(m_settings, n));
        multiple->setPrefix(QStringLiteral("× "));
        connect(multiple, &QSpinBox::valueChanged, this,
                [this, n](int value) { TradingHotkeys::setPresetMultiple(m_settings, n, value); });
        auto* key = new QKeySequenceEdit(TradingHotkeys::binding(m_settings, action));
        key->setObjectName(TradingHotkeys::settingsKey(action).replace(QLatin1Char('/'), QLatin1Char('_')));
        key->setToolTip(TradingHotkeys::actionText(action));
        connect(key, &QKeySequenceEdit::keySequenceChanged, this,
                [this, action](const QKeySequence& sequence) {
                    TradingHotkeys::setBinding(m_settings, action, sequence);
                });
        m_bindings.insert(action, key);
        m_presets << multiple;
        const int r = 1 + (n - 1) / 3;
        const int c = ((n - 1) % 3) * 2;
        presets->addWidget(key, r, c);
        presets->addWidget(multiple, r, c + 1);
    }
    fastLayout->addLayout(presets);
    layout->addWidget(fast);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close | QDialogButtonBox::RestoreDefaults);
    buttons->button(QDialogButtonBox::RestoreDefaults)->setText(tr("Default keys"));
    layout->addWidget(buttons);

    connect(m_confirm, &QCheckBox::toggled, this, [this](bool on) { m_settings.setConfirmOrders(on); });
    connect(m_ladder, &QCheckBox::toggled, this, [this](bool on) { m_settings.setLadderTrading(on); });
    connect(m_hotkeys, &QCheckBox::toggled, this, [this](bool on) { m_settings.setHotkeys(on); });
    connect(m_fatFinger, &QLineEdit::textChanged, this,
            [this] { applyThreshold(m_fatFinger, m_fatFingerError, true); });
    connect(m_maxNotional, &QLineEdit::textChanged, this,
            [this] { applyThreshold(m_maxNotional, m_maxNotionalError, false); });
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &TradingSettingsDialog::restoreDefaultKeys);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void TradingSettingsDialog::applyThreshold(QLineEdit* edit, QLabel* error, bool percent)
{
    const auto parsed = Decimal::parse(edit->text().trimmed());
    QString problem;
    if (!parsed)
        problem =
            tr("Enter a number such as %1").arg(percent ? QStringLiteral("2.5") : QStringLiteral("50000"));
    else if (parsed->isNegative() || parsed->isZero())
        problem = tr("Must be more than zero");
    else if (percent && *parsed > Decimal::fromMantissa(100, 0))
        problem = tr("At most 100 %");
    error->setText(problem);
    error->setVisible(!problem.isEmpty());
    edit->setStyleSheet(problem.isEmpty() ? QString()
                                          : QStringLiteral("QLineEdit { border: 1px solid red; }"));
    if (!problem.isEmpty())
        return;
    if (percent)
        m_settings.setFatFingerPercent(*parsed);
    else
        m_settings.setMaxNotional(*parsed);
}

void TradingSettingsDialog::restoreDefaultKeys()
{
    for (auto it = m_bindings.cbegin(); it != m_bindings.cend(); ++it)
    {
        it.value()->setKeySequence(TradingHotkeys::defaultBinding(it.key()));
        TradingHotkeys::setBinding(m_settings, it.key(), TradingHotkeys::defaultBinding(it.key()));
    }
}
