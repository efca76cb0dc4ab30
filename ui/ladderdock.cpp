#include "ladderdock.h"

#include "accountsettings.h"
#include "decimaledit.h"
#include "ladderwidget.h"
#include "numberformat.h"
#include "tradingdesk.h"
#include "tradinghotkeys.h"

#include "models/orderbookmodel.h"
#include "models/orderguard.h"
#include "models/ordervalidation.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
const int kDepths[] = {10, 20, 50};
const int kGroupMultiples[] = {1, 2, 5, 10, 25, 50, 100, 500, 1000};

QString sideText(Side side)
{
    return side == Side::Buy ? LadderDock::tr("Buy") : LadderDock::tr("Sell");
}

QString bookStateText(OrderBook::State state)
{
    switch (state) {
    case OrderBook::State::Live:
        return LadderDock::tr("live");
    case OrderBook::State::AwaitingSnapshot:
        return LadderDock::tr("not loaded yet");
    case OrderBook::State::Resyncing:
        return LadderDock::tr("resyncing");
    case OrderBook::State::Stale:
        return LadderDock::tr("stale");
    }
    return {};
}
} // namespace

LadderDock::LadderDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_ladder(new LadderWidget)
    , m_symbol(new QLabel)
    , m_depthLabel(new QLabel)
    , m_groupingLabel(new QLabel)
    , m_depth(new QComboBox)
    , m_grouping(new QComboBox)
    , m_tradingBar(new QWidget)
    , m_quantityLabel(new QLabel)
    , m_quantity(new DecimalEdit)
    , m_message(new QLabel)
{
    setObjectName(QStringLiteral("ladderDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 4, 2);
    QFont bold = m_symbol->font();
    bold.setBold(true);
    m_symbol->setFont(bold);
    bar->addWidget(m_symbol);
    bar->addStretch();
    bar->addSpacing(8);
    bar->addWidget(m_depthLabel);
    bar->addWidget(m_depth);
    bar->addSpacing(4);
    bar->addWidget(m_groupingLabel);
    bar->addWidget(m_grouping);
    layout->addLayout(bar);

    // The trading strip: quantity, presets, and the last result or refusal.
    m_tradingBar->setObjectName(QStringLiteral("ladderTradingBar"));
    auto* strip = new QVBoxLayout(m_tradingBar);
    strip->setContentsMargins(6, 0, 4, 2);
    strip->setSpacing(2);
    auto* quantityRow = new QHBoxLayout;
    quantityRow->setSpacing(2);
    quantityRow->addWidget(m_quantityLabel);
    m_quantity->setObjectName(QStringLiteral("ladderQuantity"));
    m_quantity->setRoundDownOnFinish(true);
    m_quantity->setMinimumWidth(m_quantity->fontMetrics().horizontalAdvance(QStringLiteral("0000.000000")) +
                                12);
    quantityRow->addWidget(m_quantity);
    quantityRow->addSpacing(4);
    for (int n = 1; n <= 9; ++n) {
        auto* preset = new QToolButton;
        preset->setObjectName(QStringLiteral("ladderPreset%1").arg(n));
        preset->setText(QString::number(n));
        preset->setAutoRaise(true);
        preset->setFocusPolicy(Qt::NoFocus);
        connect(preset, &QToolButton::clicked, this, [this, n] { selectPreset(n); });
        quantityRow->addWidget(preset);
        m_presets << preset;
    }
    quantityRow->addStretch();
    strip->addLayout(quantityRow);
    m_message->setObjectName(QStringLiteral("ladderMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    strip->addWidget(m_message);
    m_tradingBar->setVisible(false);
    layout->addWidget(m_tradingBar);

    layout->addWidget(m_ladder, 1);
    setWidget(body);

    m_depth->setObjectName(QStringLiteral("ladderDepth"));
    m_depth->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_grouping->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_grouping->setObjectName(QStringLiteral("ladderGrouping"));
    const int savedDepth = QSettings().value(QStringLiteral("ladder/depth"), 20).toInt();
    for (const int d : kDepths) {
        m_depth->addItem(QString::number(d), d);
        if (d == savedDepth)
            m_depth->setCurrentIndex(m_depth->count() - 1);
    }
    OrderBookModel* model = m_session.bookModel();
    model->setDepth(m_depth->currentData().toInt());
    m_ladder->setModel(model);
    connect(m_depth, &QComboBox::currentIndexChanged, this, [this] {
        const int depth = m_depth->currentData().toInt();
        m_session.bookModel()->setDepth(depth);
        QSettings().setValue(QStringLiteral("ladder/depth"), depth);
    });
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &LadderDock::applyGrouping);
    connect(&m_session, &MarketSession::activeSymbolChanged, this, &LadderDock::onActiveSymbol);
    connect(&m_session, &MarketSession::instrumentsLoaded, this, &LadderDock::onActiveSymbol);
    connect(&m_session, &MarketSession::frame, m_ladder, &LadderWidget::animate);
    connect(m_ladder, &LadderWidget::priceClicked, this, &LadderDock::priceSelected);
    connect(m_ladder, &LadderWidget::sideClicked, this, &LadderDock::placeAt);
    connect(m_ladder, &LadderWidget::ordersClicked, this, &LadderDock::cancelOrders);
    connect(m_ladder, &LadderWidget::ordersDragged, this, &LadderDock::amendOrders);
    retranslate();
    onActiveSymbol();
}

void LadderDock::setDesk(TradingDesk* desk)
{
    for (const QMetaObject::Connection& c : std::as_const(m_deskConnections))
        disconnect(c);
    m_deskConnections.clear();
    m_desk = desk;
    if (m_desk) {
        m_deskConnections << connect(m_desk, &TradingDesk::modelsRefreshed, this, &LadderDock::refreshOrders)
                          << connect(m_desk, &TradingDesk::stateChanged, this, &LadderDock::refreshOrders)
                          << connect(&m_desk->settings(), &AccountSettings::changed, this,
                                     &LadderDock::applySettings);
    }
    // The account's own preset 1 (its presets may differ from the defaults the quantity started with).
    selectPreset(1);
    applySettings();
    refreshOrders();
}

bool LadderDock::isTradingOn() const
{
    return m_desk && m_desk->settings().ladderTrading();
}

void LadderDock::applySettings()
{
    const bool trading = isTradingOn();
    m_ladder->setShowOrders(m_desk != nullptr);
    m_ladder->setTradingEnabled(trading);
    m_tradingBar->setVisible(m_desk && (trading || m_desk->settings().hotkeys()));
    const Instrument* instrument = m_session.instrument(m_session.activeSymbol());
    for (int n = 1; n <= m_presets.size(); ++n) {
        QToolButton* preset = m_presets[n - 1];
        const int multiple = m_desk ? TradingHotkeys::presetMultiple(m_desk->settings(), n)
                                    : TradingHotkeys::defaultPresetMultiple(n);
        const auto quantity =
            instrument ? TradingHotkeys::presetQuantity(*instrument, multiple) : std::nullopt;
        preset->setEnabled(quantity.has_value());
        preset->setToolTip(
            quantity ? tr("Preset %1: quantity %2")
                           .arg(n)
                           .arg(NumberFormat::decimal(*quantity, NumberFormat::scaleOf(instrument->lotSize)))
                     : QString());
    }
}

void LadderDock::refreshOrders()
{
    m_ladder->setOrders(m_desk ? m_desk->openOrders(m_session.activeSymbol()) : std::vector<Order>());
}

QString LadderDock::symbolText() const
{
    return m_symbol->text();
}

void LadderDock::onActiveSymbol()
{
    const SymbolKey key = m_session.activeSymbol();
    m_symbol->setText(key.symbol);
    const Instrument* instrument = m_session.instrument(key);
    m_ladder->setScales(instrument ? NumberFormat::scaleOf(instrument->tickSize) : -1,
                        instrument ? NumberFormat::scaleOf(instrument->lotSize) : -1);
    fillGroupings();
    // A new symbol (or its rules just loaded) starts at preset 1; instruments of another category
    // arriving keep what the user set.
    const QString quantityFor = instrument ? key.toString() : QString();
    if (quantityFor != m_quantitySymbol) {
        m_quantitySymbol = quantityFor;
        m_quantity->setStep(instrument ? instrument->lotSize : Decimal::fromMantissa(1, 0));
        m_quantity->clear();
        if (instrument)
            selectPreset(1);
    }
    applySettings();
    refreshOrders();
}

Decimal LadderDock::quantity() const
{
    // Only a positive quantity on the lot trades; anything else reads as none (the click says so).
    const std::optional<Decimal> v = m_quantity->value();
    if (!v || v->isNegative() || v->isZero() || !v->isMultipleOf(m_quantity->step()))
        return Decimal();
    return *v;
}

void LadderDock::setQuantity(const Decimal& quantity)
{
    if (quantity.isZero())
        m_quantity->clear();
    else
        m_quantity->setValue(quantity);
}

void LadderDock::selectPreset(int n)
{
    const Instrument* instrument = m_session.instrument(m_session.activeSymbol());
    if (!instrument || n < 1 || n > 9)
        return;
    const int multiple = m_desk ? TradingHotkeys::presetMultiple(m_desk->settings(), n)
                                : TradingHotkeys::defaultPresetMultiple(n);
    if (const auto quantity = TradingHotkeys::presetQuantity(*instrument, multiple))
        m_quantity->setValue(*quantity);
}

DecimalEdit* LadderDock::quantityBox() const
{
    return m_quantity;
}

QString LadderDock::message() const
{
    return m_message->text();
}

void LadderDock::showMessage(const QString& text)
{
    m_message->setText(text);
}

QString LadderDock::tradingRefusal() const
{
    if (!m_desk)
        return tr("Not sent: no trading account");
    if (!m_desk->canTrade())
        return tr("Not sent: the account is not live");
    const SymbolKey key = m_session.activeSymbol();
    const OrderBook::State shown = m_session.bookModel()->bookState();
    if (!m_desk->isBookLive(key) || shown != OrderBook::State::Live)
        return tr("Not sent: the order book is %1")
            .arg(bookStateText(shown == OrderBook::State::Live ? OrderBook::State::Stale : shown));
    if (!m_session.instrument(key))
        return tr("Not sent: %1 has no instrument rules loaded yet").arg(key.symbol);
    return {};
}

QString LadderDock::describe(const OrderRequest& request) const
{
    const Instrument* instrument = m_session.instrument(SymbolKey{request.category, request.symbol});
    const int priceScale = instrument ? NumberFormat::scaleOf(instrument->tickSize) : -1;
    const int sizeScale = instrument ? NumberFormat::scaleOf(instrument->lotSize) : -1;
    const QString quantity = NumberFormat::decimal(request.quantity, sizeScale);
    if (request.triggerPrice)
        return tr("%1 stop %2 %3 at %4")
            .arg(sideText(request.side), quantity, request.symbol,
                 NumberFormat::decimal(*request.triggerPrice, priceScale));
    if (request.type == OrderType::Market)
        return tr("%1 %2 %3 at market").arg(sideText(request.side), quantity, request.symbol);
    const QString price = request.price ? NumberFormat::decimal(*request.price, priceScale) : QString();
    if (request.timeInForce == TimeInForce::ImmediateOrCancel)
        return tr("%1 %2 %3 @ %4 IOC").arg(sideText(request.side), quantity, request.symbol, price);
    return tr("%1 %2 %3 @ %4").arg(sideText(request.side), quantity, request.symbol, price);
}

void LadderDock::placeAt(const Decimal& price, Side side, bool stop)
{
    if (!isTradingOn())
        return;
    const SymbolKey key = m_session.activeSymbol();
    OrderRequest request;
    request.symbol = key.symbol;
    request.category = key.category;
    request.side = side;
    request.quantity = quantity();
    if (stop) {
        // A stop: a market order once the price crosses the row, from whichever side it is now.
        const OrderBook* book = m_session.bookModel()->book();
        const std::optional<Decimal> mid = book ? book->mid() : std::nullopt;
        request.type = OrderType::Market;
        request.timeInForce = TimeInForce::ImmediateOrCancel;
        request.triggerPrice = price;
        request.triggerDirection =
            mid && price > *mid ? TriggerDirection::RisesTo : TriggerDirection::FallsTo;
    } else {
        request.type = OrderType::Limit;
        request.price = price;
    }
    if (request.quantity.isZero()) {
        showMessage(tr("Not sent: enter a quantity on the lot first"));
        return;
    }
    submit(request);
}

void LadderDock::submit(OrderRequest request)
{
    const QString refused = tradingRefusal();
    if (!refused.isEmpty()) {
        showMessage(refused);
        return;
    }
    const QString what = describe(request);
    guarded(request, what, [this, request] { send(request); });
}

void LadderDock::guarded(const OrderRequest& request, const QString& what, std::function<void()> go)
{
    AccountSettings& settings = m_desk->settings();
    const SymbolKey key{request.category, request.symbol};
    const Instrument* instrument = m_session.instrument(key);
    // An inverse contract's notional is its count × its worth in quote, whatever the price.
    const FatFingerCheck check =
        checkFatFinger(request, m_desk->referencePrice(key), settings.fatFingerPercent(),
                       settings.maxNotional(), instrument ? instrument->contractValue : std::nullopt);
    if (!check.needsConfirmation()) {
        go();
        return;
    }
    // Not exec(): the market keeps moving while the question is open; the book is checked again after.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Confirm order"),
                                tr("%1\n\n%2\n\nSend it anyway?").arg(what, check.reason),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("ladderFatFingerConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QDialog::finished, this, [this, box, what, go = std::move(go)] {
        if (box->clickedButton() != box->button(QMessageBox::Yes)) {
            showMessage(tr("Not sent: %1").arg(what));
            return;
        }
        const QString refused = tradingRefusal();
        if (!refused.isEmpty()) {
            showMessage(refused);
            return;
        }
        go();
    });
    box->open();
}

void LadderDock::send(const OrderRequest& request)
{
    const QString what = describe(request);
    showMessage(tr("Sending %1…").arg(what));
    QPointer<LadderDock> self(this);
    m_desk->placeOrder(request, [self, what](const TradingDesk::PlaceOutcome& outcome) {
        if (!self)
            return;
        using Kind = TradingDesk::PlaceOutcome::Kind;
        QString text;
        switch (outcome.kind) {
        case Kind::Live:
            text = tr("%1: working").arg(what);
            break;
        case Kind::Filled:
            text = tr("%1: filled").arg(what);
            break;
        case Kind::Accepted:
            text = tr("%1: accepted").arg(what);
            break;
        case Kind::CancelledAtOnce:
            text = tr("%1: cancelled by the venue (%2)").arg(what, outcome.reason);
            break;
        case Kind::Refused: {
            QStringList reasons;
            for (const OrderRuleViolation& v : outcome.violations)
                reasons << v.message;
            text = tr("%1: not sent: %2").arg(what, reasons.join(QLatin1String("; ")));
            break;
        }
        case Kind::Rejected:
        case Kind::Failed:
            text = tr("%1: %2").arg(what, outcome.error ? outcome.error->message : outcome.reason);
            break;
        case Kind::Unknown:
            text = tr("%1: outcome unknown (client id %2)").arg(what, outcome.request.clientOrderId);
            break;
        }
        self->showMessage(text);
    });
}

void LadderDock::cancelOrders(const QList<Order>& orders)
{
    if (!isTradingOn() || orders.isEmpty())
        return;
    // Pulling orders never adds risk: it needs a live account, not a live book (a stale book is exactly
    // when a trader wants out).
    if (!m_desk->canTrade()) {
        showMessage(tr("Not sent: the account is not live"));
        return;
    }
    showMessage(orders.size() == 1 ? tr("Cancelling the order…")
                                   : tr("Cancelling %n orders…", nullptr, static_cast<int>(orders.size())));
    QPointer<LadderDock> self(this);
    for (const Order& order : orders) {
        m_desk->cancelOrder(order, [self](const Result<OrderAck, RestError>& done) {
            if (self)
                self->showMessage(done ? tr("Order cancelled")
                                       : tr("Cancel failed: %1").arg(done.error().message));
        });
    }
}

void LadderDock::amendOrders(const QList<Order>& orders, const Decimal& price)
{
    if (!isTradingOn() || orders.isEmpty())
        return;
    const QString refused = tradingRefusal();
    if (!refused.isEmpty()) {
        showMessage(refused);
        return;
    }
    for (const Order& order : orders) {
        if (order.type != OrderType::Limit || order.status == OrderStatus::Untriggered) {
            showMessage(tr("Not sent: only resting limit orders can be moved on the ladder"));
            return;
        }
    }
    for (const Order& order : orders) {
        OrderRequest asIf;
        asIf.symbol = order.symbol;
        asIf.category = order.category;
        asIf.side = order.side;
        asIf.quantity = order.quantity;
        asIf.price = price;
        const Instrument* instrument = m_session.instrument(SymbolKey{order.category, order.symbol});
        const int priceScale = instrument ? NumberFormat::scaleOf(instrument->tickSize) : -1;
        const int sizeScale = instrument ? NumberFormat::scaleOf(instrument->lotSize) : -1;
        const QString what = tr("Move %1 %2 %3 to %4")
                                 .arg(sideText(order.side), NumberFormat::decimal(order.quantity, sizeScale),
                                      order.symbol, NumberFormat::decimal(price, priceScale));
        QPointer<LadderDock> self(this);
        guarded(asIf, what, [self, order, price, what] {
            if (!self || !self->m_desk)
                return;
            self->showMessage(tr("Sending %1…").arg(what));
            const auto amended = [self, what](const Result<OrderAck, RestError>& done) {
                if (self)
                    self->showMessage(done ? tr("%1: done").arg(what)
                                           : tr("%1: %2").arg(what, done.error().message));
            };
            self->m_desk->amendOrder(order, price, std::nullopt, amended);
        });
    }
}

void LadderDock::fillGroupings()
{
    const Instrument* instrument = m_session.instrument(m_session.activeSymbol());
    const QSignalBlocker blocker(m_grouping);
    m_grouping->clear();
    if (!instrument || instrument->tickSize.isZero()) {
        m_grouping->setEnabled(false);
        m_session.bookModel()->setGrouping(Decimal());
        return;
    }
    m_grouping->setEnabled(true);
    for (const int multiple : kGroupMultiples) {
        const auto step = Decimal::multiply(instrument->tickSize, Decimal::fromMantissa(multiple, 0));
        if (!step)
            break;
        // 1 × tick is no grouping at all.
        m_grouping->addItem(step->normalized().toString(), multiple == 1 ? QString() : step->toString());
    }
    m_grouping->setCurrentIndex(0);
    applyGrouping();
}

void LadderDock::applyGrouping()
{
    const QString step = m_grouping->currentData().toString();
    const auto parsed = step.isEmpty() ? std::optional<Decimal>() : Decimal::parse(step);
    m_session.bookModel()->setGrouping(parsed.value_or(Decimal()));
}

void LadderDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void LadderDock::retranslate()
{
    setWindowTitle(tr("Order book"));
    m_depthLabel->setText(tr("Levels"));
    m_groupingLabel->setText(tr("Group"));
    m_depth->setToolTip(tr("Price levels shown on each side"));
    m_grouping->setToolTip(tr("Aggregate price levels into steps of this size (multiples of the tick)"));
    m_quantityLabel->setText(tr("Qty"));
    m_quantity->setToolTip(
        tr("The quantity a ladder click or a hotkey trades (on the lot; arrows step by one lot)"));
    applySettings();
    m_ladder->update();
}
