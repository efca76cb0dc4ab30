#include "tradinghotkeys.h"

#include "accountsettings.h"
#include "ladderdock.h"
#include "ladderwidget.h"
#include "tradingdesk.h"

#include "models/marketstore.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QKeySequenceEdit>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextEdit>
#include <QWidget>

#include <algorithm>

namespace {
const int kDefaultPresets[] = {1, 2, 5, 10, 20, 50, 100, 200, 500};
constexpr int kMaxPresetMultiple = 1'000'000;

bool isPreset(TradingHotkeys::Action action)
{
    return action >= TradingHotkeys::Action::Preset1;
}

int presetNumber(TradingHotkeys::Action action)
{
    return static_cast<int>(action) - static_cast<int>(TradingHotkeys::Action::Preset1) + 1;
}
} // namespace

TradingHotkeys::TradingHotkeys(MarketSession& session, QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{}

QList<TradingHotkeys::Action> TradingHotkeys::actions()
{
    QList<Action> all;
    for (int a = static_cast<int>(Action::BuyAtBest); a <= static_cast<int>(Action::Preset9); ++a)
        all << static_cast<Action>(a);
    return all;
}

QString TradingHotkeys::actionText(Action action)
{
    switch (action) {
    case Action::BuyAtBest:
        return tr("Buy at the best ask (limit IOC)");
    case Action::SellAtBest:
        return tr("Sell at the best bid (limit IOC)");
    case Action::CancelLast:
        return tr("Cancel the last order placed");
    case Action::CancelAll:
        return tr("Cancel all orders of the symbol");
    case Action::Flatten:
        return tr("Flatten the symbol's position");
    default:
        return tr("Quantity preset %1 (ladder focused)").arg(presetNumber(action));
    }
}

QString TradingHotkeys::settingsKey(Action action)
{
    switch (action) {
    case Action::BuyAtBest:
        return QStringLiteral("hotkeys/buyAtBest");
    case Action::SellAtBest:
        return QStringLiteral("hotkeys/sellAtBest");
    case Action::CancelLast:
        return QStringLiteral("hotkeys/cancelLast");
    case Action::CancelAll:
        return QStringLiteral("hotkeys/cancelAll");
    case Action::Flatten:
        return QStringLiteral("hotkeys/flatten");
    default:
        return QStringLiteral("hotkeys/preset%1").arg(presetNumber(action));
    }
}

QKeySequence TradingHotkeys::defaultBinding(Action action)
{
    // Alt+F and Alt+S open the File and Settings menus: flatten is Alt+P and sell is Alt+N (beside B).
    switch (action) {
    case Action::BuyAtBest:
        return QKeySequence(Qt::ALT | Qt::Key_B);
    case Action::SellAtBest:
        return QKeySequence(Qt::ALT | Qt::Key_N);
    case Action::CancelLast:
        return QKeySequence(Qt::ALT | Qt::Key_C);
    case Action::CancelAll:
        return QKeySequence(Qt::ALT | Qt::Key_X);
    case Action::Flatten:
        return QKeySequence(Qt::ALT | Qt::Key_P);
    default:
        return QKeySequence(Qt::Key_0 + presetNumber(action));
    }
}

QKeySequence TradingHotkeys::binding(const AccountSettings& settings, Action action)
{
    const QVariant stored = settings.value(settingsKey(action));
    if (!stored.isValid())
        return defaultBinding(action);
    // An empty string is a binding the user cleared.
    return QKeySequence::fromString(stored.toString(), QKeySequence::PortableText);
}

void TradingHotkeys::setBinding(AccountSettings& settings, Action action, const QKeySequence& keys)
{
    settings.setValue(settingsKey(action), keys.toString(QKeySequence::PortableText));
}

int TradingHotkeys::defaultPresetMultiple(int n)
{
    return n >= 1 && n <= 9 ? kDefaultPresets[n - 1] : 1;
}

int TradingHotkeys::presetMultiple(const AccountSettings& settings, int n)
{
    bool ok = false;
    const int stored = settings.value(QStringLiteral("ladder/preset%1").arg(n)).toInt(&ok);
    return ok && stored >= 1 && stored <= kMaxPresetMultiple ? stored : defaultPresetMultiple(n);
}

void TradingHotkeys::setPresetMultiple(AccountSettings& settings, int n, int multiple)
{
    settings.setValue(QStringLiteral("ladder/preset%1").arg(n), std::clamp(multiple, 1, kMaxPresetMultiple));
}

std::optional<Decimal> TradingHotkeys::presetQuantity(const Instrument& instrument, int multiple)
{
    if (instrument.lotSize.isZero() || instrument.lotSize.isNegative() || multiple < 1)
        return std::nullopt;
    // The unit: the minimum order quantity rounded up onto the lot (and at least one lot).
    Decimal unit = instrument.lotSize;
    if (instrument.minQuantity > unit) {
        const auto down = instrument.minQuantity.roundedDownTo(instrument.lotSize);
        if (!down)
            return std::nullopt;
        unit = *down == instrument.minQuantity ? *down
                                               : Decimal::add(*down, instrument.lotSize).value_or(Decimal());
        if (unit.isZero())
            return std::nullopt;
    }
    auto quantity = Decimal::multiply(unit, Decimal::fromMantissa(multiple, 0));
    if (quantity && instrument.maxQuantity && *quantity > *instrument.maxQuantity)
        quantity = instrument.maxQuantity->roundedDownTo(instrument.lotSize);
    return quantity;
}

void TradingHotkeys::setDesk(TradingDesk* desk)
{
    disconnect(m_settingsConnection);
    disconnect(m_placedConnection);
    disconnect(m_sendingConnection);
    m_desk = desk;
    m_sent.clear();
    m_inFlight.clear();
    if (m_desk) {
        m_settingsConnection =
            connect(&m_desk->settings(), &AccountSettings::changed, this, &TradingHotkeys::rebuild);
        m_sendingConnection =
            connect(m_desk, &TradingDesk::orderSending, this, [this](const OrderRequest& r) {
                constexpr std::size_t MaxRemembered = 64;
                m_sent.push_back(r.clientOrderId);
                m_inFlight.insert(r.clientOrderId);
                if (m_sent.size() > MaxRemembered) {
                    m_inFlight.remove(m_sent.front());
                    m_sent.pop_front();
                }
            });
        const auto placed = [this](const TradingDesk::PlaceOutcome& outcome) {
            using Kind = TradingDesk::PlaceOutcome::Kind;
            const QString& id = outcome.request.clientOrderId;
            m_inFlight.remove(id);
            const bool sent = outcome.kind != Kind::Failed && outcome.kind != Kind::Refused &&
                              outcome.kind != Kind::Rejected;
            // An order that never went out is not "the last order".
            if (!sent)
                m_sent.erase(std::remove(m_sent.begin(), m_sent.end(), id), m_sent.end());
        };
        m_placedConnection = connect(m_desk, &TradingDesk::orderPlaced, this, placed);
    }
    rebuild();
}

bool TradingHotkeys::isActive() const
{
    return m_desk && m_desk->settings().hotkeys();
}

QKeySequence TradingHotkeys::currentBinding(Action action) const
{
    const QShortcut* shortcut = m_shortcuts.value(action);
    return shortcut ? shortcut->key() : QKeySequence();
}

LadderDock* TradingHotkeys::ladderDock() const
{
    return m_window ? m_window->findChild<LadderDock*>() : nullptr;
}

void TradingHotkeys::rebuild()
{
    for (const QPointer<QShortcut>& shortcut : std::as_const(m_shortcuts))
        delete shortcut.data();
    m_shortcuts.clear();
    if (!m_desk)
        return;
    const AccountSettings& settings = m_desk->settings();
    LadderDock* dock = ladderDock();
    // The presets send nothing: they also serve ladder trading with the hotkeys off.
    const bool presets = dock && (settings.hotkeys() || settings.ladderTrading());
    for (const Action action : actions()) {
        const QKeySequence keys = binding(settings, action);
        if (keys.isEmpty())
            continue;
        QShortcut* shortcut = nullptr;
        if (isPreset(action)) {
            if (!presets)
                continue;
            // Only while the ladder has focus: digits typed anywhere else stay digits.
            shortcut = new QShortcut(keys, dock->ladder());
            shortcut->setContext(Qt::WidgetShortcut);
        } else {
            if (!settings.hotkeys())
                continue;
            shortcut = new QShortcut(keys, m_window);
            shortcut->setContext(Qt::WindowShortcut);
        }
        shortcut->setObjectName(settingsKey(action));
        connect(shortcut, &QShortcut::activated, this, [this, action] {
            if (!focusIsTextInput())
                trigger(action);
        });
        connect(shortcut, &QShortcut::activatedAmbiguously, this, [this, keys] {
            say(tr("%1 is bound to more than one command: change it in Settings → Trading")
                    .arg(keys.toString(QKeySequence::NativeText)));
        });
        m_shortcuts.insert(action, shortcut);
    }
}

bool TradingHotkeys::focusIsTextInput() const
{
    for (QWidget* w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        if (qobject_cast<QLineEdit*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
            qobject_cast<QTextEdit*>(w) || qobject_cast<QPlainTextEdit*>(w) ||
            qobject_cast<QKeySequenceEdit*>(w))
            return true;
        if (const auto* combo = qobject_cast<QComboBox*>(w); combo && combo->isEditable())
            return true;
        if (w->isWindow())
            break;
    }
    return false;
}

QString TradingHotkeys::refusal() const
{
    if (LadderDock* dock = ladderDock())
        return dock->tradingRefusal();
    if (!m_desk)
        return tr("Not sent: no trading account");
    if (!m_desk->canTrade())
        return tr("Not sent: the account is not live");
    if (!m_desk->isBookLive(m_session.activeSymbol()))
        return tr("Not sent: the order book is not live");
    return {};
}

void TradingHotkeys::say(const QString& text)
{
    m_lastMessage = text;
    if (LadderDock* dock = ladderDock())
        dock->showMessage(text);
    Q_EMIT message(text);
}

void TradingHotkeys::trigger(Action action)
{
    if (!m_desk)
        return;
    if (isPreset(action)) {
        if (LadderDock* dock = ladderDock())
            dock->selectPreset(presetNumber(action));
        return;
    }
    if (!isActive())
        return;
    switch (action) {
    case Action::BuyAtBest:
        atBest(Side::Buy);
        break;
    case Action::SellAtBest:
        atBest(Side::Sell);
        break;
    case Action::CancelLast:
        cancelLast();
        break;
    case Action::CancelAll:
        cancelAll();
        break;
    case Action::Flatten:
        flatten();
        break;
    default:
        break;
    }
}

void TradingHotkeys::atBest(Side side)
{
    const QString refused = refusal();
    if (!refused.isEmpty()) {
        say(refused);
        return;
    }
    LadderDock* dock = ladderDock();
    const SymbolKey key = m_session.activeSymbol();
    const MarketStore* store = m_session.store(key.category);
    const OrderBook* book = store ? store->findBook(key.symbol.toStdString()) : nullptr;
    const std::optional<Decimal> touch = !book               ? std::nullopt
                                         : side == Side::Buy ? book->bestAsk()
                                                             : book->bestBid();
    const Decimal quantity = dock ? dock->quantity() : Decimal();
    if (!touch) {
        say(tr("Not sent: the book has no %1").arg(side == Side::Buy ? tr("asks") : tr("bids")));
        return;
    }
    if (!dock || quantity.isZero()) {
        say(tr("Not sent: enter a quantity on the lot first"));
        return;
    }
    OrderRequest request;
    request.symbol = key.symbol;
    request.category = key.category;
    request.side = side;
    request.type = OrderType::Limit;
    request.price = touch;
    request.timeInForce = TimeInForce::ImmediateOrCancel;
    request.quantity = quantity;
    m_lastMessage.clear();
    dock->submit(request);
}

void TradingHotkeys::cancelLast()
{
    // Like every hotkey, refused while the book is not live (issue #5): a key pressed on a stale or
    // resyncing book is a key pressed blind. The Orders dock cancels whatever the book's state.
    const QString refused = refusal();
    if (!refused.isEmpty()) {
        say(refused);
        return;
    }
    const QString last = m_sent.empty() ? QString() : m_sent.back();
    const Order* order = last.isEmpty() ? nullptr : m_desk->store().findOpenOrderByClientId(last);
    if (!order && m_inFlight.contains(last)) {
        // Never an older order instead: the key means the one just sent.
        say(tr("The last order is still on its way to the venue: press again once it is shown"));
        return;
    }
    if (!order) {
        say(tr("No open order placed this session to cancel"));
        return;
    }
    say(tr("Cancelling the last order…"));
    QPointer<TradingHotkeys> self(this);
    m_desk->cancelOrder(*order, [self](const Result<OrderAck, RestError>& done) {
        if (self)
            self->say(done ? tr("Last order cancelled") : tr("Cancel failed: %1").arg(done.error().message));
    });
}

void TradingHotkeys::cancelAll()
{
    const QString refused = refusal();
    if (!refused.isEmpty()) {
        say(refused);
        return;
    }
    const SymbolKey key = m_session.activeSymbol();
    if (m_desk->openOrders(key).empty()) {
        say(tr("No open orders on %1").arg(key.symbol));
        return;
    }
    say(tr("Cancelling all orders on %1…").arg(key.symbol));
    QPointer<TradingHotkeys> self(this);
    m_desk->cancelAll(key, [self, key](const Result<bool, RestError>& done) {
        if (self)
            self->say(done ? tr("All orders on %1 cancelled").arg(key.symbol)
                           : tr("Cancel all failed: %1").arg(done.error().message));
    });
}

void TradingHotkeys::flatten()
{
    const QString refused = refusal();
    if (!refused.isEmpty()) {
        say(refused);
        return;
    }
    const SymbolKey key = m_session.activeSymbol();
    // Every leg of the symbol: one in one-way mode, the long and the short one on a hedged account.
    std::vector<Position> legs;
    for (const Position& position : m_desk->store().positionsOf(key.symbol)) {
        if (position.side && !position.size.isZero() && position.category == key.category)
            legs.push_back(position);
    }
    if (legs.empty()) {
        say(tr("No position on %1 to flatten").arg(key.symbol));
        return;
    }
    say(tr("Flattening %1…").arg(key.symbol));
    QPointer<TradingHotkeys> self(this);
    for (const Position& position : legs) {
        m_desk->closePosition(position, [self, key](const TradingDesk::PlaceOutcome& outcome) {
            if (!self)
                return;
            using Kind = TradingDesk::PlaceOutcome::Kind;
            if (outcome.kind == Kind::Filled || outcome.kind == Kind::Live || outcome.kind == Kind::Accepted)
                self->say(tr("%1 flattened").arg(key.symbol));
            else
                self->say(
                    tr("Flatten failed: %1").arg(outcome.error ? outcome.error->message : outcome.reason));
        });
    }
}
