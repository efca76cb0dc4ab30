// Stop orders and take-profit / stop-loss end to end in the whole terminal against the demo venue's
// conditional orders: entered in the order entry dock (or Shift-clicked on the ladder), shown waiting
// with their trigger in Open orders and on the ladder, then moved through by a market the test drives
// deterministically (the venue paused, its simulated takers walking the book) until they fire, fill and
// leave a position, or close one. A trigger already reached is refused with the venue's words.
#include "support/tradingterminal.h"

#include "models/fillsmodel.h"
#include "models/marketstore.h"
#include "models/openordersmodel.h"
#include "models/orderbookmodel.h"
#include "models/orderhistorymodel.h"
#include "models/positionsmodel.h"
#include "ui/accountsettings.h"
#include "ui/accounttable.h"
#include "ui/ladderdock.h"
#include "ui/ladderwidget.h"
#include "ui/orderentrydock.h"
#include "ui/ordersdock.h"
#include "ui/positionsdock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

using tradingtest::await;
using tradingtest::dec;

using Outcome = TradingDesk::PlaceOutcome;
constexpr int Timeout = TradingTerminal::TimeoutMs;

// The order entry dock of a running terminal, driven through its widgets by objectName.
struct Ticket
{
    explicit Ticket(TradingTerminal& terminal)
        : t(terminal)
        , dock(terminal.window->orderEntryDock())
    {
        QObject::connect(dock, &OrderEntryDock::outcomeShown, dock,
                         [this](const Outcome& outcome) { outcomes.push_back(outcome); });
    }

    template <typename W> W* find(const char* name) const
    {
        W* w = dock->findChild<W*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no %s in the order entry dock", name);
        return w;
    }
    QPushButton* send() const { return find<QPushButton>("sendButton"); }
    QLabel* result() const { return find<QLabel>("resultLabel"); }

    static void enter(QLineEdit* edit, const QString& text)
    {
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
    void side(Side s)
    {
        QTest::mouseClick(find<QPushButton>(s == Side::Buy ? "buySideButton" : "sellSideButton"),
                          Qt::LeftButton);
    }
    void kind(OrderEntryDock::Kind k)
    {
        find<QComboBox>("orderTypeCombo")->setCurrentIndex(static_cast<int>(k));
    }
    // A stop market: the trigger only, no limit price.
    void stop(Side s, Decimal trigger, const char* quantity)
    {
        side(s);
        kind(OrderEntryDock::Kind::Stop);
        enter(find<QLineEdit>("priceEdit"), QString());
        enter(find<QLineEdit>("triggerEdit"), trigger.toString());
        enter(find<QLineEdit>("qtyEdit"), QString::fromLatin1(quantity));
    }
    bool sendAndAwait()
    {
        const std::size_t before = outcomes.size();
        if (!QTest::qWaitFor([this] { return send()->isEnabled(); }, Timeout))
            return false;
        QTest::mouseClick(send(), Qt::LeftButton);
        return QTest::qWaitFor([&] { return outcomes.size() > before; }, Timeout);
    }
    // The venue's own list of open BTCUSDT orders (REST), not the terminal's view of them.
    std::vector<Order> venueOpenOrders() const
    {
        const auto listed = await<Result<std::vector<Order>, RestError>>([&](auto done) {
            t.desk->session().submitter().listOpen(Category::Linear, QStringLiteral("BTCUSDT"), done);
        });
        if (!listed)
            qFatal("open orders not listed: %s", qPrintable(listed.error().message));
        return listed.value();
    }

    TradingTerminal& t;
    OrderEntryDock* dock;
    std::vector<Outcome> outcomes;
};

const OrderBook& guiBook(const TradingTerminal& t)
{
    return *t.session->store(Category::Linear)->findBook("BTCUSDT");
}

// Freezes the venue's market and waits until the terminal's book is the venue's (what was unpublished
// when pausing is flushed), so prices read from either agree. Each frozen stretch stays well within the
// 5 s after which a silent book is marked stale.
bool freeze(TradingTerminal& t)
{
    t.venue->setPaused(true);
    DemoMarket::Book& venue = t.venueBook();
    return QTest::qWaitFor(
        [&] {
            const OrderBook& book = guiBook(t);
            // The ladder too: its rows are read and clicked while the market stands still.
            const LadderWidget* ladder = t.window->ladderDock()->ladder();
            const int asks = ladder->model()->askRowCount();
            return book.isLive() && t.desk->isBookLive(TradingTerminal::btc()) &&
                   book.bestAsk() == venue.price(venue.bestAsk()) &&
                   book.bestBid() == venue.price(venue.bestBid()) && asks > 0 &&
                   ladder->rowPrice(asks - 1) == book.bestAsk() && ladder->rowPrice(asks) == book.bestBid();
        },
        Timeout);
}

// Simulated buyers (or sellers) take every level up to and through `ticks`: the venue's last price ends
// beyond it. Only the venue sees it until the market resumes.
void tradeThrough(DemoMarket::Book& book, Side side, std::int64_t ticks, std::int64_t nowMs)
{
    std::int64_t lots = 0;
    if (side == Side::Buy) {
        for (std::size_t i = 0; i < book.askCount() && book.ask(i).priceTicks <= ticks; ++i)
            lots += book.ask(i).lots;
    } else {
        for (std::size_t i = 0; i < book.bidCount() && book.bid(i).priceTicks >= ticks; ++i)
            lots += book.bid(i).lots;
    }
    (void)book.executeTaker(side, lots + 1, nowMs);
}

QModelIndex cell(const AccountTable* table, const QString& key, int column)
{
    const int row = table->viewRowOfKey(key);
    return row < 0 ? QModelIndex() : table->proxy()->index(row, column);
}

std::optional<Decimal> decimalAt(const AccountTable* table, const QString& key, int column)
{
    const QVariant v = cell(table, key, column).data(TradingTableModel::DecimalRole);
    return v.isValid() ? std::optional<Decimal>(v.value<Decimal>()) : std::nullopt;
}

QString textAt(const AccountTable* table, const QString& key, int column)
{
    return cell(table, key, column).data().toString();
}

bool isPriceCell(const AccountTable* table, const QString& key, int column)
{
    return cell(table, key, column).data(TradingTableModel::NumberKindRole).toInt() ==
           static_cast<int>(TradingTableModel::NumberKind::Price);
}

// The table shows `column` right after `after`.
bool besideInView(const AccountTable* table, int column, int after)
{
    const QHeaderView* header = table->view()->horizontalHeader();
    return !header->isSectionHidden(column) && header->visualIndex(column) == header->visualIndex(after) + 1;
}

LadderWidget* ladderOf(TradingTerminal& t)
{
    return t.window->ladderDock()->ladder();
}

// The ladder row showing exactly `price`, -1 when none.
int ladderRowOf(TradingTerminal& t, const Decimal& price)
{
    const OrderBookModel* model = ladderOf(t)->model();
    for (int row = 0; row < model->askRowCount() + model->bidRowCount(); ++row) {
        if (ladderOf(t)->rowPrice(row) == std::optional<Decimal>(price))
            return row;
    }
    return -1;
}

bool ladderReady(TradingTerminal& t)
{
    const OrderBookModel* model = ladderOf(t)->model();
    return model->bookState() == OrderBook::State::Live && model->bidRowCount() >= 10 &&
           model->askRowCount() >= 10;
}

void clickLadder(TradingTerminal& t, int row, LadderWidget::Area area, Qt::KeyboardModifiers modifiers = {})
{
    const QRect r = ladderOf(t)->cellRect(row, area);
    if (r.isEmpty())
        qFatal("ladder row %d is not shown", row);
    QTest::mouseClick(ladderOf(t), Qt::LeftButton, modifiers, r.center());
}

void setUp(TradingTerminal& t)
{
    t.desk->settings().setConfirmOrders(false);
    t.desk->settings().setFatFingerPercent(dec("5"));
}

} // namespace

class TestStopOrders : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        tradingtest::useThrowawaySettings(m_settingsDir, QStringLiteral("botterm-stoptest"));
    }

    void init() { QSettings().clear(); }

    void stopBuyWaitsWithItsTriggerThenFiresAndFillsWhenTheMarketRisesThroughIt()
    {
        TradingTerminal t;
        setUp(t);
        Ticket ticket(t);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), Timeout);
        QVERIFY(freeze(t));
        DemoMarket::Book& venue = t.venueBook();
        QVERIFY(venue.askCount() > 8);
        const std::int64_t triggerTicks = venue.ask(5).priceTicks; // above the market
        const Decimal trigger = venue.price(triggerTicks);
        ticket.stop(Side::Buy, trigger, "0.010");
        QVERIFY(ticket.sendAndAwait());
        const Outcome placed = ticket.outcomes.back();
        QVERIFY2(placed.kind == Outcome::Kind::Live || placed.kind == Outcome::Kind::Accepted,
                 qPrintable(ticket.result()->text()));
        QCOMPARE(placed.request.triggerDirection, std::optional(TriggerDirection::RisesTo));
        const QString id = placed.ack ? placed.ack->orderId : placed.order->orderId;

        // Waiting in Open orders with its trigger, and on the ladder at the trigger's row.
        const AccountTable* open = t.window->ordersDock()->openOrdersTable();
        QTRY_COMPARE_WITH_TIMEOUT(textAt(open, id, OpenOrdersModel::StatusColumn),
                                  TradingTableModel::statusText(OrderStatus::Untriggered), Timeout);
        QCOMPARE(textAt(open, id, OpenOrdersModel::StatusColumn), QStringLiteral("Untriggered"));
        QCOMPARE(decimalAt(open, id, OpenOrdersModel::TriggerColumn), std::optional(trigger));
        QVERIFY(isPriceCell(open, id, OpenOrdersModel::TriggerColumn));
        QVERIFY(besideInView(open, OpenOrdersModel::TriggerColumn, OpenOrdersModel::PriceColumn));
        QCOMPARE(textAt(open, id, OpenOrdersModel::PriceColumn), QStringLiteral("Market"));
        QVERIFY(cell(open, id, OpenOrdersModel::StatusColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(trigger.toString()));
        const int triggerRow = ladderRowOf(t, trigger);
        QVERIFY(triggerRow >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(ladderOf(t)->orderRow(id), triggerRow, Timeout);

        // Buyers lift the book through the trigger: it fires, buys at market and leaves a long.
        tradeThrough(venue, Side::Buy, triggerTicks, t.venue->nowMs());
        QVERIFY(venue.lastPrice() > triggerTicks);
        t.venue->setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(open->viewRowOfKey(id) < 0, Timeout);
        const AccountTable* history = t.window->ordersDock()->historyTable();
        QTRY_COMPARE_WITH_TIMEOUT(textAt(history, id, OrderHistoryModel::StatusColumn),
                                  TradingTableModel::statusText(OrderStatus::Filled), Timeout);
        QCOMPARE(decimalAt(history, id, OrderHistoryModel::TriggerColumn), std::optional(trigger));
        QVERIFY(besideInView(history, OrderHistoryModel::TriggerColumn, OrderHistoryModel::PriceColumn));
        QCOMPARE(decimalAt(history, id, OrderHistoryModel::FilledColumn), std::optional(dec("0.010")));
        QVERIFY(*decimalAt(history, id, OrderHistoryModel::AveragePriceColumn) > trigger);
        QCOMPARE(ladderOf(t)->orderRow(id), -1);
        const AccountTable* positions = t.window->positionsDock()->positionsTable();
        const QString btc = QStringLiteral("BTCUSDT");
        QTRY_COMPARE_WITH_TIMEOUT(decimalAt(positions, btc, PositionsModel::SizeColumn),
                                  std::optional(dec("0.010")), Timeout);
        QCOMPARE(textAt(positions, btc, PositionsModel::SideColumn), TradingTableModel::sideText(Side::Buy));
        QCOMPARE(decimalAt(positions, btc, PositionsModel::TakeProfitColumn), std::nullopt);
        QCOMPARE(decimalAt(positions, btc, PositionsModel::StopLossColumn), std::nullopt);
    }

    void triggerAlreadyReachedIsRefusedWithTheVenuesWords()
    {
        TradingTerminal t;
        setUp(t);
        Ticket ticket(t);
        QVERIFY(freeze(t));
        DemoMarket::Book& venue = t.venueBook();
        QVERIFY(venue.askCount() > 5 && venue.bidCount() > 5);
        const std::int64_t ask = venue.bestAsk();
        const std::int64_t bid = venue.bestBid();
        const std::int64_t deepAsk = venue.ask(3).priceTicks;
        const std::int64_t deepBid = venue.bid(3).priceTicks;

        // The venue's last trade went through the asks: a buy stop at the best ask the terminal still
        // shows is above its mid (so the dock asks for a rise) but already reached at the venue.
        tradeThrough(venue, Side::Buy, deepAsk, t.venue->nowMs());
        const std::int64_t lastUp = venue.lastPrice();
        QVERIFY(lastUp > deepAsk);
        ticket.stop(Side::Buy, venue.price(ask), "0.010");
        QVERIFY(ticket.sendAndAwait());
        QCOMPARE(ticket.outcomes.back().kind, Outcome::Kind::Rejected);
        QCOMPARE(ticket.outcomes.back().request.triggerDirection, std::optional(TriggerDirection::RisesTo));
        const QString rising =
            QStringLiteral("expect Rising, but trigger_price[%1] <= current[%2]??LastPrice")
                .arg(venue.price(ask).toString(), venue.price(lastUp).toString());
        QVERIFY2(ticket.result()->text().contains(rising), qPrintable(ticket.result()->text()));

        // And through the bids: a sell stop below the mid, already reached.
        tradeThrough(venue, Side::Sell, deepBid, t.venue->nowMs());
        const std::int64_t lastDown = venue.lastPrice();
        QVERIFY(lastDown < deepBid);
        ticket.stop(Side::Sell, venue.price(bid), "0.010");
        QVERIFY(ticket.sendAndAwait());
        QCOMPARE(ticket.outcomes.back().kind, Outcome::Kind::Rejected);
        QCOMPARE(ticket.outcomes.back().request.triggerDirection, std::optional(TriggerDirection::FallsTo));
        const QString falling =
            QStringLiteral("expect Falling, but trigger_price[%1] >= current[%2]??LastPrice")
                .arg(venue.price(bid).toString(), venue.price(lastDown).toString());
        QVERIFY2(ticket.result()->text().contains(falling), qPrintable(ticket.result()->text()));

        QVERIFY(ticket.venueOpenOrders().empty());
        QCOMPARE(t.desk->openOrdersModel()->rowCount(), 0);
        t.venue->setPaused(false);
    }

    void limitBuyWithTakeProfitAndStopLossShowsThemAndTheTakeProfitClosesIt()
    {
        TradingTerminal t;
        setUp(t);
        Ticket ticket(t);
        QVERIFY(freeze(t));
        DemoMarket::Book& venue = t.venueBook();
        QVERIFY(venue.askCount() > 10 && venue.bidCount() > 10);
        const Decimal price = venue.price(venue.ask(2).priceTicks); // crosses: fills at once
        const std::int64_t tpTicks = venue.ask(8).priceTicks;
        const Decimal takeProfit = venue.price(tpTicks);
        const Decimal stopLoss = venue.price(venue.bid(8).priceTicks);

        ticket.side(Side::Buy);
        ticket.kind(OrderEntryDock::Kind::Limit);
        Ticket::enter(ticket.find<QLineEdit>("priceEdit"), price.toString());
        Ticket::enter(ticket.find<QLineEdit>("qtyEdit"), QStringLiteral("0.010"));
        auto* tpsl = ticket.find<QCheckBox>("tpslCheck");
        QTest::mouseClick(tpsl, Qt::LeftButton, {}, QPoint(6, tpsl->height() / 2)); // on the box
        QVERIFY(tpsl->isChecked());
        Ticket::enter(ticket.find<QLineEdit>("takeProfitEdit"), takeProfit.toString());
        Ticket::enter(ticket.find<QLineEdit>("stopLossEdit"), stopLoss.toString());
        QVERIFY(ticket.sendAndAwait());
        const Outcome placed = ticket.outcomes.back();
        QVERIFY2(placed.kind == Outcome::Kind::Filled, qPrintable(ticket.result()->text()));
        QCOMPARE(placed.request.takeProfit, std::optional(takeProfit));
        QCOMPARE(placed.request.stopLoss, std::optional(stopLoss));

        // The position carries them, shown as prices.
        const AccountTable* positions = t.window->positionsDock()->positionsTable();
        const QString btc = QStringLiteral("BTCUSDT");
        QTRY_COMPARE_WITH_TIMEOUT(decimalAt(positions, btc, PositionsModel::SizeColumn),
                                  std::optional(dec("0.010")), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(decimalAt(positions, btc, PositionsModel::TakeProfitColumn),
                                  std::optional(takeProfit), Timeout);
        QCOMPARE(decimalAt(positions, btc, PositionsModel::StopLossColumn), std::optional(stopLoss));
        QVERIFY(isPriceCell(positions, btc, PositionsModel::TakeProfitColumn));
        QVERIFY(isPriceCell(positions, btc, PositionsModel::StopLossColumn));
        QVERIFY(besideInView(positions, PositionsModel::TakeProfitColumn, PositionsModel::LiquidationColumn));
        QVERIFY(besideInView(positions, PositionsModel::StopLossColumn, PositionsModel::TakeProfitColumn));
        QCOMPARE(positions->model()->headerData(PositionsModel::TakeProfitColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Take profit"));
        QCOMPARE(positions->model()->headerData(PositionsModel::StopLossColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Stop loss"));
        const int fillsBefore = t.desk->fillsModel()->rowCount();
        QVERIFY(fillsBefore >= 1);

        // The market rises through the take-profit: a reduce-only market sell closes the long.
        tradeThrough(venue, Side::Buy, tpTicks, t.venue->nowMs());
        QVERIFY(venue.lastPrice() > tpTicks);
        t.venue->setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(positions->viewRowOfKey(btc) < 0, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            t.desk->store().findPosition(btc) && t.desk->store().findPosition(btc)->size.isZero(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->fillsModel()->rowCount() > fillsBefore, Timeout);
        Decimal sold;
        for (const Fill& fill : t.desk->store().fills()) {
            if (fill.symbol == btc && fill.side == Side::Sell)
                sold += fill.quantity;
        }
        QCOMPARE(sold, dec("0.010"));
    }

    void ladderShiftClickStopWaitsAtTheVenueAndItsMarkerCancelsIt()
    {
        TradingTerminal t;
        setUp(t);
        t.desk->settings().setLadderTrading(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), Timeout);
        QVERIFY(freeze(t));
        const int row = ladderOf(t)->model()->askRowCount() - 1 - 5; // the sixth ask: above the market
        const Decimal trigger = *ladderOf(t)->rowPrice(row);
        clickLadder(t, row, LadderWidget::Area::Bid, Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, Timeout);
        const QString id = t.desk->openOrdersModel()->rowAt(0)->orderId;

        // At the venue: a conditional buy waiting for its trigger.
        Ticket ticket(t);
        const std::vector<Order> atVenue = ticket.venueOpenOrders();
        QCOMPARE(atVenue.size(), std::size_t(1));
        QCOMPARE(atVenue[0].orderId, id);
        QCOMPARE(atVenue[0].status, OrderStatus::Untriggered);
        QCOMPARE(atVenue[0].triggerPrice, std::optional(trigger));
        QCOMPARE(atVenue[0].side, Side::Buy);
        const AccountTable* open = t.window->ordersDock()->openOrdersTable();
        QTRY_COMPARE_WITH_TIMEOUT(textAt(open, id, OpenOrdersModel::StatusColumn),
                                  TradingTableModel::statusText(OrderStatus::Untriggered), Timeout);
        QCOMPARE(decimalAt(open, id, OpenOrdersModel::TriggerColumn), std::optional(trigger));

        // Marked at its trigger; a click on the marker cancels it before it fires. Found by its price: a
        // frame still in flight when the market froze may add or drop a deeper level and move the rows.
        QTRY_VERIFY_WITH_TIMEOUT(ladderOf(t)->orderRow(id) >= 0 &&
                                     ladderOf(t)->rowPrice(ladderOf(t)->orderRow(id)) ==
                                         std::optional(trigger),
                                 Timeout);
        clickLadder(t, ladderOf(t)->orderRow(id), LadderWidget::Area::Orders);
        QTRY_VERIFY_WITH_TIMEOUT(open->viewRowOfKey(id) < 0, Timeout);
        const AccountTable* history = t.window->ordersDock()->historyTable();
        QTRY_COMPARE_WITH_TIMEOUT(textAt(history, id, OrderHistoryModel::StatusColumn),
                                  TradingTableModel::statusText(OrderStatus::Deactivated), Timeout);
        QCOMPARE(decimalAt(history, id, OrderHistoryModel::TriggerColumn), std::optional(trigger));
        QCOMPARE(decimalAt(history, id, OrderHistoryModel::FilledColumn), std::optional(Decimal()));
        QTRY_COMPARE_WITH_TIMEOUT(ladderOf(t)->orderRow(id), -1, Timeout);
        QVERIFY(ticket.venueOpenOrders().empty());
        t.venue->setPaused(false);
    }
};

QTEST_MAIN(TestStopOrders)
#include "tst_stoporders.moc"
