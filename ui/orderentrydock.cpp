#include "orderentrydock.h"

#include "accountsettings.h"
#include "exchanges/core/tradingadapter.h"
#include "models/marketstore.h"
#include "models/orderbook.h"
#include "models/orderguard.h"
#include "models/ordervalidation.h"
#include "numberformat.h"
#include "orderconfirm.h"
#include "theme.h"
#include "tradingdesk.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <cmath>

namespace {

// Bybit's default fee rates (https://www.bybit.com/en/help-center/article/Trading-Fee-Structure): an
// estimate only, the account's own tier may differ.
const Decimal kLinearTaker = Decimal::fromMantissa(55, 5); // 0.055 %
const Decimal kLinearMaker = Decimal::fromMantissa(2, 4);  // 0.02 %
const Decimal kSpotRate = Decimal::fromMantissa(1, 3);     // 0.1 %

const QString kPrice = QStringLiteral("price");
const QString kQty = QStringLiteral("qty");
const QString kTrigger = QStringLiteral("triggerPrice");
const QString kTakeProfit = QStringLiteral("takeProfit");
const QString kStopLoss = QStringLiteral("stopLoss");

bool isPositive(Decimal d)
{
    return !d.isZero() && !d.isNegative();
}

// The most lots whose notional at price stays within budget. Decimal has no division: a floating-point
// estimate is corrected with exact products, so the result is exact.
std::optional<Decimal> lotsWithin(Decimal budget, Decimal price, Decimal lot)
{
    if (!isPositive(budget) || !isPositive(price) || !isPositive(lot))
        return Decimal::fromMantissa(0, lot.scale());
    const auto fits = [&](std::int64_t n) {
        const auto qty = Decimal::multiply(Decimal::fromMantissa(n, 0), lot);
        const auto value = qty ? Decimal::multiply(*qty, price) : std::nullopt;
        return value && *value <= budget;
    };
    const double estimate = std::floor(budget.toDouble() / (price.toDouble() * lot.toDouble()));
    if (!(estimate < 1e15))
        return std::nullopt;
    std::int64_t n = std::max<std::int64_t>(0, static_cast<std::int64_t>(estimate));
    while (n > 0 && !fits(n))
        --n;
    while (fits(n + 1))
        ++n;
    return Decimal::multiply(Decimal::fromMantissa(n, 0), lot);
}

// An inverse contract's worth in quote (Instrument::contractValue); nullopt for anything sized in coin.
std::optional<Decimal> contractValueOf(const Instrument* i)
{
    if (!i || i->category != Category::Inverse || !i->contractValue || !isPositive(*i->contractValue))
        return std::nullopt;
    return i->contractValue;
}

// What the quantity counts: contracts for an inverse contract, else the base coin.
QString quantityUnit(const Instrument& i)
{
    return contractValueOf(&i) ? QCoreApplication::translate("OrderEntryDock", "contracts") : i.baseAsset;
}

// For estimates: the value to `scale` fractional digits (nearest).
QString roundedText(Decimal value, int scale)
{
    const std::optional<Decimal> rounded = value.roundedTo(Decimal::fromMantissa(1, scale));
    return NumberFormat::decimal(rounded.value_or(value), scale);
}

void setEnabledItem(QComboBox* combo, int index, bool enabled)
{
    if (auto* model = qobject_cast<QStandardItemModel*>(combo->model())) {
        if (QStandardItem* item = model->item(index))
            item->setEnabled(enabled);
    }
}

QLabel* errorLabel(const char* name)
{
    auto* label = new QLabel;
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}

QToolButton* stepButton(const char* name, const QString& text, DecimalEdit* edit, int steps)
{
    auto* button = new QToolButton;
    button->setObjectName(QString::fromLatin1(name));
    button->setText(text);
    button->setAutoRepeat(true);
    button->setFocusPolicy(Qt::NoFocus);
    QObject::connect(button, &QToolButton::clicked, edit, [edit, steps] { edit->stepBy(steps); });
    return button;
}

// An edit with its −/+ buttons in one row.
QWidget* steppedRow(DecimalEdit* edit, const char* down, const char* up)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(edit, 1);
    layout->addWidget(stepButton(down, QStringLiteral("−"), edit, -1));
    layout->addWidget(stepButton(up, QStringLiteral("+"), edit, 1));
    return row;
}

} // namespace

// --- OrderEntryDock ------------------------------------------------------------------------------------

OrderEntryDock::OrderEntryDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_key(session.activeSymbol())
{
    setObjectName(QStringLiteral("orderEntryDock"));
    buildForm();
    retranslate();
    connect(&m_session, &MarketSession::activeSymbolChanged, this, &OrderEntryDock::onActiveSymbol);
    connect(&m_session, &MarketSession::instrumentsLoaded, this, [this](Category category) {
        if (category == m_key.category)
            applyInstrumentRules();
    });
    connect(&m_session, &MarketSession::frame, this, &OrderEntryDock::onFrame);
    applyInstrumentRules();
}

void OrderEntryDock::buildForm()
{
    m_form = new QWidget;
    auto* outer = new QVBoxLayout(m_form);
    outer->setContentsMargins(6, 4, 6, 4);
    outer->setSpacing(4);

    m_state = new QLabel;
    m_state->setObjectName(QStringLiteral("stateLabel"));
    m_state->setWordWrap(true);
    outer->addWidget(m_state);

    // Everything but the state line and the result: disabled as a whole without an account.
    m_fields = new QWidget;
    auto* fields = new QVBoxLayout(m_fields);
    fields->setContentsMargins(0, 0, 0, 0);
    fields->setSpacing(4);
    outer->addWidget(m_fields);

    m_symbol = new QLabel;
    m_symbol->setObjectName(QStringLiteral("symbolLabel"));
    QFont symbolFont = m_symbol->font();
    symbolFont.setBold(true);
    m_symbol->setFont(symbolFont);

    m_buy = new QPushButton;
    m_buy->setObjectName(QStringLiteral("buySideButton"));
    m_sell = new QPushButton;
    m_sell->setObjectName(QStringLiteral("sellSideButton"));
    for (QPushButton* b : {m_buy, m_sell}) {
        b->setCheckable(true);
        b->setAutoExclusive(true);
        b->setMinimumHeight(26);
    }
    m_buy->setChecked(true);
    connect(m_buy, &QPushButton::clicked, this, [this] { setSide(Side::Buy); });
    connect(m_sell, &QPushButton::clicked, this, [this] { setSide(Side::Sell); });
    auto* sides = new QHBoxLayout;
    sides->setSpacing(4);
    sides->addWidget(m_symbol, 1);
    sides->addWidget(m_buy, 1);
    sides->addWidget(m_sell, 1);
    fields->addLayout(sides);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(1, 1);
    int row = 0;
    const auto addRow = [&](QLabel* label, QWidget* field, QLabel* error) {
        grid->addWidget(label, row, 0);
        grid->addWidget(field, row, 1);
        ++row;
        if (error) {
            grid->addWidget(error, row, 1);
            ++row;
        }
    };

    m_type = new QComboBox;
    m_type->setObjectName(QStringLiteral("orderTypeCombo"));
    m_type->addItems({QString(), QString(), QString()}); // Kind order; texts in retranslate()
    m_typeLabel = new QLabel;
    addRow(m_typeLabel, m_type, nullptr);

    m_trigger = new DecimalEdit;
    m_trigger->setObjectName(QStringLiteral("triggerEdit"));
    m_trigger->setStartValue([this] { return referencePrice(); });
    m_triggerRow = steppedRow(m_trigger, "triggerDownButton", "triggerUpButton");
    m_triggerLabel = new QLabel;
    m_triggerError = errorLabel("triggerError");
    addRow(m_triggerLabel, m_triggerRow, m_triggerError);

    m_price = new DecimalEdit;
    m_price->setObjectName(QStringLiteral("priceEdit"));
    m_price->setStartValue([this] { return bestPriceForSide(); });
    m_priceRow = steppedRow(m_price, "priceDownButton", "priceUpButton");
    m_priceLabel = new QLabel;
    m_priceError = errorLabel("priceError");
    addRow(m_priceLabel, m_priceRow, m_priceError);

    m_qty = new DecimalEdit;
    m_qty->setObjectName(QStringLiteral("qtyEdit"));
    m_qtyLabel = new QLabel;
    m_qtyError = errorLabel("qtyError");
    m_qtyUnit = new QComboBox;
    m_qtyUnit->setObjectName(QStringLiteral("qtyUnitCombo"));
    m_qtyUnit->addItems({QString(), QString()}); // base, quote: the instrument's coins
    m_qtyUnit->setVisible(false);
    auto* qtyRow = new QWidget;
    auto* qtyLayout = new QHBoxLayout(qtyRow);
    qtyLayout->setContentsMargins(0, 0, 0, 0);
    qtyLayout->setSpacing(2);
    qtyLayout->addWidget(steppedRow(m_qty, "qtyDownButton", "qtyUpButton"), 1);
    qtyLayout->addWidget(m_qtyUnit);
    addRow(m_qtyLabel, qtyRow, nullptr);
    auto* percents = new QWidget;
    auto* percentLayout = new QHBoxLayout(percents);
    percentLayout->setContentsMargins(0, 0, 0, 0);
    percentLayout->setSpacing(2);
    for (int percent : {25, 50, 75, 100}) {
        auto* b = new QPushButton(QStringLiteral("%1 %").arg(percent));
        b->setObjectName(QStringLiteral("percent%1Button").arg(percent));
        b->setFocusPolicy(Qt::NoFocus);
        connect(b, &QPushButton::clicked, this, [this, percent] { applyPercent(percent); });
        percentLayout->addWidget(b);
        m_percents << b;
    }
    grid->addWidget(percents, row++, 1);
    grid->addWidget(m_qtyError, row++, 1);
    m_available = new QLabel;
    m_available->setObjectName(QStringLiteral("availableLabel"));
    m_available->setWordWrap(true);
    grid->addWidget(m_available, row++, 1);

    m_tif = new QComboBox;
    m_tif->setObjectName(QStringLiteral("timeInForceCombo"));
    m_tif->addItems({QString(), QString(), QString(), QString()}); // TimeInForce order
    m_reduceOnly = new QCheckBox;
    m_reduceOnly->setObjectName(QStringLiteral("reduceOnlyCheck"));
    auto* options = new QWidget;
    auto* optionsLayout = new QHBoxLayout(options);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    optionsLayout->addWidget(m_tif, 1);
    optionsLayout->addWidget(m_reduceOnly);
    m_tifLabel = new QLabel;
    m_optionsError = errorLabel("optionsError");
    addRow(m_tifLabel, options, m_optionsError);

    m_tpsl = new QCheckBox;
    m_tpsl->setObjectName(QStringLiteral("tpslCheck"));
    m_takeProfit = new DecimalEdit;
    m_takeProfit->setObjectName(QStringLiteral("takeProfitEdit"));
    m_stopLoss = new DecimalEdit;
    m_stopLoss->setObjectName(QStringLiteral("stopLossEdit"));
    m_tpslRow = new QWidget;
    auto* tpslLayout = new QHBoxLayout(m_tpslRow);
    tpslLayout->setContentsMargins(0, 0, 0, 0);
    tpslLayout->setSpacing(4);
    tpslLayout->addWidget(m_takeProfit, 1);
    tpslLayout->addWidget(m_stopLoss, 1);
    m_tpslError = errorLabel("tpslError");
    addRow(new QLabel, m_tpsl, nullptr);
    grid->addWidget(m_tpslRow, row++, 1);
    grid->addWidget(m_tpslError, row++, 1);
    fields->addLayout(grid);

    m_notional = new QLabel;
    m_notional->setObjectName(QStringLiteral("notionalLabel"));
    m_fee = new QLabel;
    m_fee->setObjectName(QStringLiteral("feeLabel"));
    m_fee->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* estimates = new QHBoxLayout;
    estimates->addWidget(m_notional, 1);
    estimates->addWidget(m_fee, 1);
    fields->addLayout(estimates);

    m_formError = errorLabel("formError");
    fields->addWidget(m_formError);

    m_confirm = new QCheckBox;
    m_confirm->setObjectName(QStringLiteral("confirmOrdersCheck"));
    connect(m_confirm, &QCheckBox::toggled, this, [this](bool on) {
        if (m_desk && m_desk->settings().confirmOrders() != on)
            m_desk->settings().setConfirmOrders(on);
    });
    fields->addWidget(m_confirm);

    m_send = new QPushButton;
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setMinimumHeight(32);
    m_send->setAutoDefault(false);
    QFont sendFont = m_send->font();
    sendFont.setBold(true);
    m_send->setFont(sendFont);
    connect(m_send, &QPushButton::clicked, this, &OrderEntryDock::send);
    outer->addWidget(m_send);

    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_result);
    outer->addStretch(1);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        // A price the dock filled in is a limit order's; a stop starts as a stop market (no limit).
        if (m_priceAuto && kind() == Kind::Stop)
            m_price->clear();
        else if (m_priceAuto && kind() == Kind::Limit)
            m_pricePending = true;
        applyInstrumentRules();
        prefillPrice();
    });
    connect(m_tif, &QComboBox::currentIndexChanged, this, &OrderEntryDock::refresh);
    connect(m_qtyUnit, &QComboBox::currentIndexChanged, this, &OrderEntryDock::onQtyUnitChanged);
    connect(m_reduceOnly, &QCheckBox::toggled, this, &OrderEntryDock::refresh);
    connect(m_tpsl, &QCheckBox::toggled, this, [this] { applyInstrumentRules(); });
    connect(m_price, &DecimalEdit::edited, this, [this] {
        m_priceAuto = false;
        m_pricePending = false;
    });
    for (DecimalEdit* edit : {m_trigger, m_price, m_qty, m_takeProfit, m_stopLoss}) {
        connect(edit, &QLineEdit::textChanged, this, &OrderEntryDock::refresh);
        connect(edit, &QLineEdit::returnPressed, this, &OrderEntryDock::send);
    }
    setWidget(m_form);
}

void OrderEntryDock::setDesk(TradingDesk* desk)
{
    if (m_desk) {
        m_desk->disconnect(this);
        m_desk->settings().disconnect(this);
    }
    m_desk = desk;
    if (m_desk) {
        connect(m_desk, &TradingDesk::stateChanged, this, &OrderEntryDock::refresh);
        connect(m_desk, &TradingDesk::errorOccurred, this, &OrderEntryDock::refresh);
        connect(&m_desk->settings(), &AccountSettings::changed, this, [this] {
            if (m_desk)
                m_confirm->setChecked(m_desk->settings().confirmOrders());
        });
        m_confirm->setChecked(m_desk->settings().confirmOrders());
    }
    m_sending = false;
    if (m_dialog)
        m_dialog->reject();
    m_result->clear();
    m_unitShown = false;
    retranslate();
}

void OrderEntryDock::setPrice(const Decimal& price)
{
    if (kind() == Kind::Market)
        m_type->setCurrentIndex(static_cast<int>(Kind::Limit));
    m_priceAuto = false;
    m_pricePending = false;
    const Instrument* i = instrument();
    const std::optional<Decimal> onTick = i ? roundPriceToTick(price, *i) : std::optional<Decimal>(price);
    m_price->setValue(onTick.value_or(price));
}

void OrderEntryDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void OrderEntryDock::retranslate()
{
    setWindowTitle(tr("Order entry"));
    m_buy->setText(tr("Buy"));
    m_sell->setText(tr("Sell"));
    m_typeLabel->setText(tr("Type"));
    m_type->setItemText(static_cast<int>(Kind::Limit), tr("Limit"));
    m_type->setItemText(static_cast<int>(Kind::Market), tr("Market"));
    m_type->setItemText(static_cast<int>(Kind::Stop), tr("Stop (trigger)"));
    m_triggerLabel->setText(tr("Trigger"));
    m_trigger->setPlaceholderText(tr("trigger price"));
    m_qtyLabel->setText(tr("Qty"));
    m_qtyUnit->setToolTip(tr("Size the market buy in the coin bought or in the currency spent"));
    m_tifLabel->setText(tr("TIF"));
    m_tif->setItemText(static_cast<int>(TimeInForce::GoodTillCancel), tr("GTC"));
    m_tif->setItemText(static_cast<int>(TimeInForce::ImmediateOrCancel), tr("IOC"));
    m_tif->setItemText(static_cast<int>(TimeInForce::FillOrKill), tr("FOK"));
    m_tif->setItemText(static_cast<int>(TimeInForce::PostOnly), tr("Post-only"));
    m_reduceOnly->setText(tr("Reduce-only"));
    m_tpsl->setText(tr("Take-profit / stop-loss"));
    m_takeProfit->setPlaceholderText(tr("TP price"));
    m_stopLoss->setPlaceholderText(tr("SL price"));
    m_confirm->setText(tr("Confirm orders"));
    m_confirm->setToolTip(tr("Ask before each order is sent (this account). Orders far from the market or "
                             "above the maximum notional are always confirmed."));
    m_buy->setToolTip(tr("Buy side (the price starts at the best bid)"));
    m_sell->setToolTip(tr("Sell side (the price starts at the best ask)"));
    applyInstrumentRules();
}

void OrderEntryDock::onActiveSymbol(const SymbolKey& key)
{
    if (key == m_key)
        return;
    m_key = key;
    m_price->clear();
    m_trigger->clear();
    m_qty->clear();
    m_takeProfit->clear();
    m_stopLoss->clear();
    m_priceAuto = true;
    m_pricePending = true;
    m_unitShown = false;
    applyInstrumentRules();
    prefillPrice();
}

void OrderEntryDock::onFrame()
{
    if (!isVisible() && !m_pricePending)
        return;
    // The field is filled once the book has a price after a symbol change, or when it was left empty
    // (unless the user is typing in it).
    if (m_pricePending || (m_price->text().isEmpty() && !m_price->hasFocus()))
        prefillPrice();
    // The market order's estimate and minimum notional, and whether a limit crosses (the fee), follow
    // the market: a few times a second is plenty.
    if (!m_refreshClock.isValid() || m_refreshClock.elapsed() >= 200)
        refresh();
}

void OrderEntryDock::setSide(Side side)
{
    m_side = side;
    m_buy->setChecked(side == Side::Buy);
    m_sell->setChecked(side == Side::Sell);
    if (m_priceAuto)
        m_pricePending = true;
    prefillPrice();
    updateQtyUnit();
    refresh();
}

const Instrument* OrderEntryDock::instrument() const
{
    return m_key.isValid() ? m_session.instrument(m_key) : nullptr;
}

std::optional<Decimal> OrderEntryDock::referencePrice() const
{
    if (m_desk)
        return m_desk->referencePrice(m_key);
    const MarketStore* store = m_session.store(m_key.category);
    const OrderBook* book = store ? store->findBook(m_key.symbol.toStdString()) : nullptr;
    return book && book->isLive() ? book->mid() : std::nullopt;
}

std::optional<Decimal> OrderEntryDock::bestPriceForSide() const
{
    const MarketStore* store = m_session.store(m_key.category);
    const OrderBook* book = store ? store->findBook(m_key.symbol.toStdString()) : nullptr;
    if (!book || !book->isLive())
        return std::nullopt;
    // A buyer joins the bid, a seller the ask: resting, not crossing.
    return m_side == Side::Buy ? book->bestBid() : book->bestAsk();
}

void OrderEntryDock::prefillPrice()
{
    // Only a limit order's price: a stop's empty limit means "market once triggered".
    if (kind() != Kind::Limit || (!m_pricePending && !m_price->text().isEmpty()))
        return;
    const std::optional<Decimal> best = bestPriceForSide();
    if (!best)
        return;
    m_price->setValue(*best);
    m_priceAuto = true;
    m_pricePending = false;
}

OrderEntryDock::Kind OrderEntryDock::kind() const
{
    return static_cast<Kind>(std::clamp(m_type->currentIndex(), 0, 2));
}

void OrderEntryDock::applyInstrumentRules()
{
    const Instrument* i = instrument();
    const bool spot = m_key.category == Category::Spot;
    m_symbol->setText(m_key.isValid() ? tr("%1 · %2").arg(m_key.symbol, categoryName(m_key.category))
                                      : tr("No symbol"));
    if (i) {
        m_price->setStep(i->tickSize);
        m_trigger->setStep(i->tickSize);
        m_takeProfit->setStep(i->tickSize);
        m_stopLoss->setStep(i->tickSize);
        m_qty->setStep(quoteSized() ? quoteStep() : i->lotSize);
        m_qty->setPlaceholderText(quoteSized() ? i->quoteAsset : quantityUnit(*i));
        // A new symbol starts at the smallest quantity the venue takes (on the lot), never at zero.
        if (m_qty->text().isEmpty() && !m_qty->hasFocus()) {
            const Decimal minimum = i->minQuantity.isZero() ? i->lotSize : i->minQuantity;
            if (const auto onLot = roundQuantityToLot(minimum, *i)) {
                const auto start = *onLot < minimum ? Decimal::add(*onLot, i->lotSize) : onLot;
                if (start && !start->isZero())
                    m_qty->setValue(*start);
            }
        }
        m_price->setPlaceholderText(i->quoteAsset);
    }
    // Spot trades limit and market orders only here; stops, TP/SL and reduce-only are derivatives'.
    setEnabledItem(m_type, static_cast<int>(Kind::Stop), !spot);
    if (spot && kind() == Kind::Stop)
        m_type->setCurrentIndex(static_cast<int>(Kind::Limit));
    const Kind k = kind();
    const bool limitPrice = k != Kind::Market;
    setEnabledItem(m_tif, static_cast<int>(TimeInForce::PostOnly), k == Kind::Limit);
    if (k != Kind::Limit && m_tif->currentIndex() == static_cast<int>(TimeInForce::PostOnly))
        m_tif->setCurrentIndex(static_cast<int>(TimeInForce::GoodTillCancel));
    // A market order is immediate-or-cancel by nature.
    m_tif->setEnabled(k != Kind::Market);
    m_reduceOnly->setEnabled(!spot);
    if (spot)
        m_reduceOnly->setChecked(false);
    m_tpsl->setEnabled(!spot);
    if (spot)
        m_tpsl->setChecked(false);
    m_tpslRow->setVisible(m_tpsl->isChecked());

    m_triggerLabel->setVisible(k == Kind::Stop);
    m_triggerRow->setVisible(k == Kind::Stop);
    m_priceLabel->setVisible(limitPrice);
    m_priceRow->setVisible(limitPrice);
    m_priceLabel->setText(k == Kind::Stop ? tr("Limit") : tr("Price"));
    m_price->setPlaceholderText(k == Kind::Stop ? tr("empty: market") : (i ? i->quoteAsset : QString()));
    updateQtyUnit();
    refresh();
}

OrderRequest OrderEntryDock::marketBuyProbe(bool inQuote) const
{
    OrderRequest probe;
    probe.symbol = m_key.symbol;
    probe.category = m_key.category;
    probe.side = Side::Buy;
    probe.type = OrderType::Market;
    probe.timeInForce = TimeInForce::ImmediateOrCancel;
    probe.quantityInQuote = inQuote;
    return probe;
}

bool OrderEntryDock::quoteSizingOffered() const
{
    if (!m_desk || m_key.category != Category::Spot || kind() != Kind::Market || m_side != Side::Buy)
        return false;
    return m_desk->adapter().offersQuoteQuantity(marketBuyProbe(true));
}

bool OrderEntryDock::baseSizingRefused() const
{
    return quoteSizingOffered() && !m_desk->adapter().notOffered(marketBuyProbe(false)).isEmpty();
}

bool OrderEntryDock::quoteSized() const
{
    return m_qtyUnit->currentIndex() == 1 && quoteSizingOffered();
}

Decimal OrderEntryDock::quoteStep() const
{
    // An amount of quote currency steps by the price tick (the quote's smallest price increment).
    const Instrument* i = instrument();
    return i && isPositive(i->tickSize) ? i->tickSize : Decimal::fromMantissa(1, 0);
}

void OrderEntryDock::updateQtyUnit()
{
    const Instrument* i = instrument();
    if (i) {
        m_qtyUnit->setItemText(0, quantityUnit(*i));
        m_qtyUnit->setItemText(1, i->quoteAsset);
    }
    const bool offered = quoteSizingOffered();
    m_qtyUnit->setVisible(offered);
    if (!offered) {
        // Everything but a spot market buy is sized in the base coin.
        if (m_qtyUnit->currentIndex() != 0)
            m_qtyUnit->setCurrentIndex(0);
    } else if (!m_unitShown && baseSizingRefused() && m_qtyUnit->currentIndex() != 1) {
        // The venue takes this market buy only as an amount to spend: that is the way in.
        m_qtyUnit->setCurrentIndex(1);
    }
    m_unitShown = offered;
}

void OrderEntryDock::onQtyUnitChanged()
{
    const Instrument* i = instrument();
    if (!i)
        return;
    const bool quote = m_qtyUnit->currentIndex() == 1;
    m_qty->setStep(quote ? quoteStep() : i->lotSize);
    m_qty->setPlaceholderText(quote ? i->quoteAsset : quantityUnit(*i));
    // The quantity typed so far, carried over at the reference price: the amount it costs, or the
    // base quantity (on the lot) the amount pays for.
    const std::optional<Decimal> value = m_qty->value();
    const std::optional<Decimal> price = referencePrice();
    std::optional<Decimal> converted;
    if (value && price && isPositive(*value)) {
        if (quote) {
            const auto cost = Decimal::multiply(*value, *price);
            converted = cost ? cost->roundedDownTo(quoteStep()) : std::nullopt;
        } else {
            converted = lotsWithin(*value, *price, i->lotSize);
        }
    }
    if (converted && isPositive(*converted))
        m_qty->setValue(*converted);
    else if (quote && i->minNotional)
        m_qty->setValue(*i->minNotional);
    else
        m_qty->clear();
    refresh();
}

OrderEntryDock::Draft OrderEntryDock::draft() const
{
    Draft d;
    OrderRequest& r = d.request;
    r.symbol = m_key.symbol;
    r.category = m_key.category;
    r.side = m_side;
    const Kind k = kind();
    const auto read = [&d](const DecimalEdit* edit, const QString& field, bool required) {
        const QString text = edit->text().trimmed();
        if (text.isEmpty()) {
            if (required)
                d.complete = false;
            return std::optional<Decimal>();
        }
        const std::optional<Decimal> v = edit->value();
        if (!v)
            d.problems[field] << tr("“%1” is not a number").arg(text);
        return v;
    };
    const std::optional<Decimal> qty = read(m_qty, kQty, true);
    r.quantity = qty.value_or(Decimal());
    r.quantityInQuote = k == Kind::Market && quoteSized();
    switch (k) {
    case Kind::Limit:
        r.type = OrderType::Limit;
        r.price = read(m_price, kPrice, true);
        break;
    case Kind::Market:
        r.type = OrderType::Market;
        break;
    case Kind::Stop: {
        r.price = read(m_price, kPrice, false);
        r.type = r.price ? OrderType::Limit : OrderType::Market;
        r.triggerPrice = read(m_trigger, kTrigger, true);
        const std::optional<Decimal> market = referencePrice();
        if (r.triggerPrice && market) {
            if (*r.triggerPrice == *market)
                d.problems[kTrigger]
                    << tr("the trigger must be above or below the market price %1").arg(market->toString());
            r.triggerDirection =
                *r.triggerPrice > *market ? TriggerDirection::RisesTo : TriggerDirection::FallsTo;
        } else if (r.triggerPrice) {
            d.problems[kTrigger] << tr("no market price to place the trigger against");
        }
        break;
    }
    }
    r.timeInForce = k == Kind::Market || (k == Kind::Stop && !r.price)
                        ? TimeInForce::ImmediateOrCancel
                        : static_cast<TimeInForce>(m_tif->currentIndex());
    const bool derivative = m_key.category != Category::Spot;
    r.reduceOnly = derivative && m_reduceOnly->isChecked();
    if (derivative && m_tpsl->isChecked()) {
        r.takeProfit = read(m_takeProfit, kTakeProfit, false);
        r.stopLoss = read(m_stopLoss, kStopLoss, false);
        // Bybit refuses a take-profit or stop-loss on the wrong side of the entry.
        const std::optional<Decimal> entry = r.triggerPrice ? (r.price ? r.price : r.triggerPrice)
                                             : r.price      ? r.price
                                                            : referencePrice();
        const bool buy = r.side == Side::Buy;
        if (r.takeProfit && entry && (buy ? *r.takeProfit <= *entry : *r.takeProfit >= *entry))
            d.problems[kTakeProfit] << (buy ? tr("take-profit must be above the entry %1")
                                            : tr("take-profit must be below the entry %1"))
                                           .arg(entry->toString());
        if (r.stopLoss && entry && (buy ? *r.stopLoss >= *entry : *r.stopLoss <= *entry))
            d.problems[kStopLoss] << (buy ? tr("stop-loss must be below the entry %1")
                                          : tr("stop-loss must be above the entry %1"))
                                         .arg(entry->toString());
        const Instrument* i = instrument();
        const std::pair<std::optional<Decimal>, QString> exits[] = {{r.takeProfit, kTakeProfit},
                                                                    {r.stopLoss, kStopLoss}};
        for (const auto& [value, field] : exits) {
            if (value && i && !i->tickSize.isZero() && !value->isMultipleOf(i->tickSize))
                d.problems[field] << tr("%1 is not a multiple of the tick %2")
                                         .arg(value->toString(), i->tickSize.toString());
        }
    }

    // A market buy the venue takes only in quote currency (Coincheck), sized in the coin: its reason.
    if (k == Kind::Market && !r.quantityInQuote && quoteSizingOffered()) {
        if (const QString why = m_desk->adapter().notOffered(r); !why.isEmpty())
            d.problems[kQty] << why;
    }

    const Instrument* i = instrument();
    if (!i) {
        d.complete = false;
        return d;
    }
    if (d.complete) {
        for (const OrderRuleViolation& v : validateOrder(r, *i, referencePrice()))
            d.problems[v.field] << v.message;
    } else {
        // Only what can be judged already: a typed price off the tick is wrong whatever the quantity.
        OrderRequest partial = r;
        if (partial.quantity.isZero())
            partial.quantity = i->minQuantity.isZero() ? i->lotSize : i->minQuantity;
        if (partial.type == OrderType::Limit && !partial.price)
            partial.price = i->tickSize;
        for (const OrderRuleViolation& v : validateOrder(partial, *i, referencePrice())) {
            if (v.rule == OrderRuleViolation::Rule::PriceNotOnTick ||
                v.rule == OrderRuleViolation::Rule::TriggerPriceNotOnTick ||
                (v.rule == OrderRuleViolation::Rule::QuantityNotOnLot && !r.quantity.isZero()))
                d.problems[v.field] << v.message;
        }
    }
    return d;
}

std::optional<OrderRequest> OrderEntryDock::currentRequest() const
{
    const Draft d = draft();
    if (!d.complete || !d.problems.isEmpty())
        return std::nullopt;
    return d.request;
}

void OrderEntryDock::showProblems(const Draft& d)
{
    const auto show = [](QLabel* label, const QStringList& lines) {
        label->setText(lines.join(QLatin1Char('\n')));
        label->setVisible(!lines.isEmpty());
    };
    QStringList options = d.problems.value(QStringLiteral("timeInForce"));
    options << d.problems.value(QStringLiteral("reduceOnly"));
    QStringList tpsl = d.problems.value(kTakeProfit);
    tpsl << d.problems.value(kStopLoss);
    QStringList other;
    for (auto it = d.problems.cbegin(); it != d.problems.cend(); ++it) {
        static const QStringList known{kPrice,
                                       kQty,
                                       kTrigger,
                                       kTakeProfit,
                                       kStopLoss,
                                       QStringLiteral("timeInForce"),
                                       QStringLiteral("reduceOnly")};
        if (!known.contains(it.key()))
            other << it.value();
    }
    show(m_priceError, d.problems.value(kPrice));
    show(m_qtyError, d.problems.value(kQty));
    show(m_triggerError, d.problems.value(kTrigger));
    show(m_optionsError, options);
    show(m_tpslError, tpsl);
    show(m_formError, other);
}

void OrderEntryDock::updateEstimates(const Draft& d)
{
    const Instrument* i = instrument();
    const OrderRequest& r = d.request;
    const std::optional<Decimal> price = r.type == OrderType::Limit && r.price ? r.price
                                         : r.triggerPrice                      ? r.triggerPrice
                                                                               : referencePrice();
    // An amount of quote currency is its own notional; an inverse contract is worth a fixed amount of quote.
    const std::optional<Decimal> contractValue = contractValueOf(i);
    const std::optional<Decimal> notional = !i || !isPositive(r.quantity) ? std::nullopt
                                            : r.quantityInQuote           ? std::optional(r.quantity)
                                            : contractValue ? Decimal::multiply(r.quantity, *contractValue)
                                            : price         ? Decimal::multiply(r.quantity, *price)
                                                            : std::nullopt;
    const QString quote = i ? i->quoteAsset : QString();
    if (!notional) {
        m_notional->setText(tr("Notional —"));
        m_fee->setText(tr("Fee —"));
        return;
    }
    m_notional->setText(tr("Notional %1 %2").arg(roundedText(*notional, 2), quote));
    // Maker only when the order rests: a limit that does not cross the book, or post-only (which is
    // cancelled rather than cross). Market, IOC/FOK, stops and crossing limits pay the taker rate.
    bool maker = false;
    if (r.type == OrderType::Limit && kind() != Kind::Stop) {
        if (r.timeInForce == TimeInForce::PostOnly) {
            maker = true;
        } else if (r.timeInForce == TimeInForce::GoodTillCancel && r.price) {
            const MarketStore* store = m_session.store(m_key.category);
            const OrderBook* book = store ? store->findBook(m_key.symbol.toStdString()) : nullptr;
            const std::optional<Decimal> touch =
                book ? (r.side == Side::Buy ? book->bestAsk() : book->bestBid()) : std::nullopt;
            maker = !touch || (r.side == Side::Buy ? *r.price < *touch : *r.price > *touch);
        }
    }
    const Decimal rate = m_key.category == Category::Spot ? kSpotRate : maker ? kLinearMaker : kLinearTaker;
    std::optional<Decimal> fee = Decimal::multiply(*notional, rate);
    QString feeCoin = quote;
    int feeScale = 4;
    if (contractValue) {
        // An inverse contract pays its fee in the settle coin: the quote fee at the order's price.
        feeCoin = i->baseAsset;
        feeScale = 8;
        fee = fee && price ? lotsWithin(*fee, *price, Decimal::fromMantissa(1, 10)) : std::nullopt;
    }
    const auto percent = Decimal::multiply(rate, Decimal::fromMantissa(100, 0));
    m_fee->setText(fee ? tr("Fee est. %1 %2 (%3 %4 %)")
                             .arg(roundedText(*fee, feeScale), feeCoin, maker ? tr("maker") : tr("taker"),
                                  percent ? percent->normalized().toString() : QString())
                       : tr("Fee —"));
}

void OrderEntryDock::updateAvailable(const Draft& d)
{
    const Instrument* i = instrument();
    // What the order draws on: the base coin held for a spot sell or margining an inverse contract (its
    // settle coin), else the quote currency.
    const bool inverse = contractValueOf(i).has_value();
    const bool base = (m_key.category == Category::Spot && m_side == Side::Sell) || inverse;
    const std::optional<Decimal> available = !m_desk || !i ? std::nullopt
                                             : base        ? m_desk->availableBase(m_key)
                                                           : m_desk->availableQuote(m_key);
    if (!available) {
        m_available->clear();
        m_available->setVisible(false);
        return;
    }
    const QString coin = base ? i->baseAsset : i->quoteAsset;
    const int scale = inverse ? 8 : NumberFormat::scaleOf(base ? i->lotSize : quoteStep());
    QString text = tr("Available %1 %2").arg(NumberFormat::decimal(*available, scale), coin);
    if (d.request.quantityInQuote && isPositive(d.request.quantity) &&
        Decimal::compare(d.request.quantity, *available) > 0)
        text += QStringLiteral(" — ") +
                tr("less than the %1 %2 to spend").arg(d.request.quantity.normalized().toString(), coin);
    m_available->setText(text);
    m_available->setVisible(true);
}

QString OrderEntryDock::notTradingReason() const
{
    if (!m_desk)
        return tr("No trading account: add one in Settings → Accounts.");
    if (!m_desk->canTrade()) {
        QString why;
        switch (m_desk->state()) {
        case TradingSession::State::Disconnected:
            why = tr("disconnected");
            break;
        case TradingSession::State::Connecting:
        case TradingSession::State::Authenticating:
            why = tr("connecting");
            break;
        case TradingSession::State::Syncing:
            why = tr("loading orders and positions");
            break;
        case TradingSession::State::Reconnecting:
            why = tr("reconnecting");
            break;
        case TradingSession::State::AuthFailed:
            why = tr("login refused");
            break;
        case TradingSession::State::Live:
            break;
        }
        QString text = tr("%1: not live (%2)").arg(m_desk->accountLabel(), why);
        if (!m_desk->lastError().isEmpty())
            text += QStringLiteral(" — ") + m_desk->lastError();
        return text;
    }
    if (!instrument())
        return tr("Waiting for %1's rules from the venue").arg(m_key.symbol);
    return {};
}

void OrderEntryDock::refresh()
{
    m_refreshClock.start();
    const Draft d = draft();
    showProblems(d);
    updateEstimates(d);
    updateAvailable(d);
    updateSendButton(d.complete && d.problems.isEmpty());
}

void OrderEntryDock::updateSendButton(bool formOk)
{
    const ThemeColors& c = Theme::colors();
    const QString reason = notTradingReason();
    const bool live = reason.isEmpty();
    m_state->setText(live ? tr("%1 · trading live").arg(m_desk->accountLabel()) : reason);
    m_fields->setEnabled(m_desk != nullptr);
    for (QPushButton* b : std::as_const(m_percents))
        b->setEnabled(live);

    // Style sheets repolish: set only when the colours change (side, theme), not on every frame.
    const auto setSheet = [](QWidget* w, const QString& sheet) {
        if (w->styleSheet() != sheet)
            w->setStyleSheet(sheet);
    };
    const QString errorSheet = QStringLiteral("color: %1;").arg(c.down.name());
    for (QLabel* error : {m_priceError, m_qtyError, m_triggerError, m_optionsError, m_tpslError, m_formError})
        setSheet(error, errorSheet);
    const QColor side = m_side == Side::Buy ? c.up : c.down;
    const QString sideSheet = QStringLiteral("QPushButton:checked { background: %1; color: white; }");
    setSheet(m_buy, sideSheet.arg(c.up.name()));
    setSheet(m_sell, sideSheet.arg(c.down.name()));
    setSheet(m_send, QStringLiteral("QPushButton { background: %1; color: white; padding: 4px; }"
                                    "QPushButton:disabled { background: %2; color: %3; }")
                         .arg(side.name(), c.panel.name(), c.dimText.name()));
    if (m_sending) {
        m_send->setText(tr("Sending…"));
        m_send->setEnabled(false);
        return;
    }
    const Instrument* i = instrument();
    const QString qty = m_qty->text().trimmed();
    if (quoteSized() && i)
        m_send->setText(qty.isEmpty() ? tr("Buy %1").arg(i->baseAsset)
                                      : tr("Buy %1 for %2 %3").arg(i->baseAsset, qty, i->quoteAsset));
    else if (i && contractValueOf(i))
        m_send->setText(qty.isEmpty()
                            ? (m_side == Side::Buy ? tr("Buy %1") : tr("Sell %1")).arg(i->symbol)
                            : (m_side == Side::Buy ? tr("Buy %1 contracts %2") : tr("Sell %1 contracts %2"))
                                  .arg(qty, i->symbol));
    else
        m_send->setText((m_side == Side::Buy ? tr("Buy %1 %2") : tr("Sell %1 %2"))
                            .arg(qty.isEmpty() ? QString() : qty, i ? i->baseAsset : m_key.symbol)
                            .simplified());
    m_send->setEnabled(live && formOk && !m_dialog);
    m_send->setToolTip(live ? QString() : reason);
}

void OrderEntryDock::applyPercent(int percent)
{
    const Instrument* i = instrument();
    if (!m_desk || !i)
        return;
    const Decimal share = Decimal::fromMantissa(percent, 2);
    const std::optional<Decimal> price = kind() == Kind::Market ? referencePrice()
                                         : m_price->value()     ? m_price->value()
                                         : kind() == Kind::Stop ? m_trigger->value()
                                                                : std::nullopt;
    std::optional<Decimal> qty;
    if (quoteSized()) {
        // A share of the quote currency available, on the amount's step (never more than held).
        const std::optional<Decimal> quote = m_desk->availableQuote(m_key);
        const auto part = quote ? Decimal::multiply(*quote, share) : std::nullopt;
        const auto amount = part ? part->roundedDownTo(quoteStep()) : std::nullopt;
        if (!amount) {
            m_qtyError->setText(tr("No balance to size from"));
            m_qtyError->setVisible(true);
            return;
        }
        m_qty->setValue(*amount);
        return;
    }
    if (const std::optional<Decimal> contractValue = contractValueOf(i)) {
        // Inverse, at 1×: the settle coin available is worth available × price in quote, which buys
        // that over contractValue contracts (rounded down to the lot).
        const std::optional<Decimal> base = m_desk->availableBase(m_key);
        const auto part = base ? Decimal::multiply(*base, share) : std::nullopt;
        const auto worth = part && price ? Decimal::multiply(*part, *price) : std::nullopt;
        const auto lots = worth ? lotsWithin(*worth, *contractValue, i->lotSize) : std::nullopt;
        qty = lots ? roundQuantityToLot(*lots, *i) : std::nullopt;
    } else if (m_key.category == Category::Spot && m_side == Side::Sell) {
        const std::optional<Decimal> base = m_desk->availableBase(m_key);
        const auto part = base ? Decimal::multiply(*base, share) : std::nullopt;
        qty = part ? roundQuantityToLot(*part, *i) : std::nullopt;
    } else {
        // Linear is sized at 1× here (the margin the venue asks is smaller): quote / price.
        const std::optional<Decimal> quote = m_desk->availableQuote(m_key);
        const auto part = quote ? Decimal::multiply(*quote, share) : std::nullopt;
        const auto lots = part && price ? lotsWithin(*part, *price, i->lotSize) : std::nullopt;
        qty = lots ? roundQuantityToLot(*lots, *i) : std::nullopt;
    }
    if (!qty) {
        m_qtyError->setText(price ? tr("No balance to size from") : tr("Enter a price first"));
        m_qtyError->setVisible(true);
        return;
    }
    if (i->maxQuantity && *qty > *i->maxQuantity)
        qty = i->maxQuantity;
    m_qty->setValue(*qty);
}

void OrderEntryDock::send()
{
    if (m_sending || m_dialog || !m_desk)
        return;
    const Draft d = draft();
    if (!d.complete || !d.problems.isEmpty() || !notTradingReason().isEmpty()) {
        refresh();
        return;
    }
    confirmThenPlace(d.request);
}

void OrderEntryDock::confirmThenPlace(const OrderRequest& request)
{
    const Instrument* i = instrument();
    AccountSettings& settings = m_desk->settings();
    FatFingerCheck check;
    if (request.quantityInQuote) {
        // The amount to spend is the notional; a market order has no price to be far from the mid.
        check.notional = request.quantity;
        check.notionalTooLarge = Decimal::compare(request.quantity, settings.maxNotional()) > 0;
        if (check.notionalTooLarge)
            check.reason =
                QCoreApplication::translate("OrderGuard", "The notional %1 is above the maximum %2.")
                    .arg(request.quantity.normalized().toString(),
                         settings.maxNotional().normalized().toString());
    } else {
        check = checkFatFinger(request, m_desk->referencePrice(m_key), settings.fatFingerPercent(),
                               settings.maxNotional(), contractValueOf(i));
    }
    // The guard asks even when confirmations are off.
    if (!check.needsConfirmation() && !settings.confirmOrders()) {
        place(request);
        return;
    }
    QMessageBox* box = OrderConfirmation::create(this, request, *i, check.notional,
                                                 check.needsConfirmation() ? &check : nullptr);
    m_dialog = box;
    QAbstractButton* sendButton = OrderConfirmation::sendButton(box);
    connect(box, &QMessageBox::finished, this, [this, box, sendButton, request] {
        const bool accepted = box->clickedButton() == sendButton;
        m_dialog = nullptr;
        if (accepted && m_desk)
            place(request);
        else
            setResult(tr("Not sent: cancelled at the confirmation"), false);
        refresh();
    });
    refresh();
    box->open();
}

void OrderEntryDock::place(OrderRequest request)
{
    if (m_sending || !m_desk)
        return;
    // A fresh client order id per click: the submitter makes one for an empty id.
    request.clientOrderId.clear();
    m_sending = true;
    QPointer<OrderEntryDock> self(this);
    m_desk->placeOrder(std::move(request), [self](const TradingDesk::PlaceOutcome& outcome) {
        if (!self)
            return;
        self->m_sending = false;
        self->showOutcome(outcome);
        self->refresh();
        Q_EMIT self->outcomeShown(outcome);
    });
    // The request is on its way before the form redraws (a refusal may already have been shown).
    if (m_sending) {
        setResult(tr("Sending…"), true);
        refresh();
    }
}

void OrderEntryDock::showOutcome(const TradingDesk::PlaceOutcome& outcome)
{
    using Kind = TradingDesk::PlaceOutcome::Kind;
    const QString orderId = outcome.order ? outcome.order->orderId
                            : outcome.ack ? outcome.ack->orderId
                                          : QString();
    const QString reason = !outcome.reason.isEmpty()                           ? outcome.reason
                           : outcome.order && !outcome.order->reason.isEmpty() ? outcome.order->reason
                                                                               : QString();
    QString text;
    bool good = false;
    switch (outcome.kind) {
    case Kind::Live:
        text = tr("Live: order %1").arg(orderId);
        good = true;
        break;
    case Kind::Filled:
        text = outcome.order && outcome.order->averageFillPrice
                   ? tr("Filled at %1: order %2").arg(outcome.order->averageFillPrice->toString(), orderId)
                   : tr("Filled: order %1").arg(orderId);
        good = true;
        break;
    case Kind::Accepted:
        text = tr("Accepted: order %1 (its state is not read back yet)").arg(orderId);
        good = true;
        break;
    case Kind::CancelledAtOnce:
        text = tr("Cancelled by the venue: %1").arg(reason.isEmpty() ? tr("no reason given") : reason);
        break;
    case Kind::Refused: {
        QStringList lines;
        for (const OrderRuleViolation& v : outcome.violations)
            lines << v.message;
        text = tr("Refused, nothing sent: %1").arg(lines.join(QStringLiteral("; ")));
        break;
    }
    case Kind::Rejected:
        text = tr("Rejected by the venue: %1").arg(outcome.error ? outcome.error->message : reason);
        if (outcome.error && !outcome.error->venueCode.isEmpty())
            text += QStringLiteral(" (%1)").arg(outcome.error->venueCode);
        break;
    case Kind::Failed:
        text = tr("Not sent: %1").arg(outcome.error ? outcome.error->message : reason);
        break;
    case Kind::Unknown:
        break;
    }
    if (outcome.outcomeWasUnknown || outcome.kind == Kind::Unknown) {
        const QString found = outcome.kind == Kind::Unknown
                                  ? tr("still unknown (%1); not sent again")
                                        .arg(outcome.error ? outcome.error->message : tr("no answer"))
                                  : tr("found: %1").arg(text);
        text = tr("outcome unknown: looked up by client order id %1 → %2")
                   .arg(outcome.request.clientOrderId, found);
    }
    setResult(text, good);
}

void OrderEntryDock::setResult(const QString& text, bool good)
{
    m_resultGood = good;
    const ThemeColors& c = Theme::colors();
    m_result->setStyleSheet(QStringLiteral("color: %1;").arg((good ? c.up : c.warning).name()));
    m_result->setText(text);
}

QString OrderEntryDock::resultText() const
{
    return m_result->text();
}
