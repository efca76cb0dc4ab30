// The account views (open orders, history, fills, positions, balances) in the whole terminal against the
// real demo venue, driven through their buttons and dialogs; what they show is checked against the
// venue's own REST answers, read behind the terminal's back.
#include "support/tradingterminal.h"

#include "models/balancesmodel.h"
#include "models/fillsmodel.h"
#include "models/marketstore.h"
#include "models/openordersmodel.h"
#include "models/orderhistorymodel.h"
#include "models/positionsmodel.h"
#include "ui/accountsettings.h"
#include "ui/accounttable.h"
#include "ui/amenddialog.h"
#include "ui/decimaledit.h"
#include "ui/balancesdock.h"
#include "ui/ordersdock.h"
#include "ui/positionsdock.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

using tradingtest::await;
using tradingtest::dec;

constexpr int Timeout = TradingTerminal::TimeoutMs;



// The venue's REST API used directly, with the desk's signed client but an adapter of the test's own:
// what the venue says, independent of the terminal's store and views.
class VenueRest
{
public:
    explicit VenueRest(TradingTerminal& t)
        : m_client(t.desk->client())
    {
        std::optional<VenueTrading> trading =
            createVenueTrading(QStringLiteral("bybit"), t.desk->account().environment, t.venue->restUrl(),
                               t.venue->privateStreamUrl());
        if (!trading)
            qFatal("no Bybit trading adapter");
        m_adapter = std::move(trading->adapter);
    }

    SignedRestClient::Reply send(const SignedRequest& request)
    {
        return await<SignedRestClient::Reply>([&](auto done) { m_client.send(request, done); });
    }

    Result<OrderAck, RestError> place(OrderRequest request, const Instrument& instrument)
    {
        request.clientOrderId = m_adapter->newClientOrderId();
        return ack(send(m_adapter->createOrderRequest(request, instrument)));
    }

    Result<OrderAck, RestError> cancel(const QString& orderId)
    {
        const OrderReference ref{QStringLiteral("BTCUSDT"), Category::Linear, orderId, {}};
        return ack(send(m_adapter->cancelOrderRequest(ref)));
    }

    Result<OrderAck, RestError> amend(const QString& orderId, Decimal price, const Instrument& instrument)
    {
        OrderAmendment amendment;
        amendment.order = OrderReference{QStringLiteral("BTCUSDT"), Category::Linear, orderId, {}};
        amendment.price = price;
        return ack(send(m_adapter->amendOrderRequest(amendment, instrument)));
    }

    std::vector<Order> openOrders()
    {
        std::vector<Order> out;
        for (Category category : {Category::Linear, Category::Spot}) {
            const auto reply = send(m_adapter->openOrdersRequest(category, {}));
            if (!reply)
                qFatal("open orders: %s", qPrintable(reply.error().message));
            const auto orders = m_adapter->parseOrders(reply.value());
            out.insert(out.end(), orders.value().begin(), orders.value().end());
        }
        return out;
    }

    std::optional<Order> openOrder(const QString& orderId)
    {
        for (const Order& order : openOrders()) {
            if (order.orderId == orderId)
                return order;
        }
        return std::nullopt;
    }

    std::vector<Position> positions()
    {
        const auto reply = send(m_adapter->positionsRequest(Category::Linear, {}));
        if (!reply)
            qFatal("positions: %s", qPrintable(reply.error().message));
        return m_adapter->parsePositions(reply.value()).value();
    }

    std::vector<Balance> balances()
    {
        const auto reply = send(m_adapter->balancesRequest());
        if (!reply)
            qFatal("balances: %s", qPrintable(reply.error().message));
        return m_adapter->parseBalances(reply.value()).value();
    }

private:
    Result<OrderAck, RestError> ack(const SignedRestClient::Reply& reply)
    {
        if (!reply)
            return Result<OrderAck, RestError>::failure(reply.error());
        auto parsed = m_adapter->parseOrderAck(reply.value());
        if (!parsed)
            qFatal("unreadable order ack");
        return parsed.value();
    }

    SignedRestClient& m_client;
    std::unique_ptr<TradingAdapter> m_adapter;
};

OrderRequest limitBuy(const TradingTerminal& t, const Decimal& belowBid, const char* quantity)
{
    const Decimal bid = *t.session->store(Category::Linear)->findBook("BTCUSDT")->bestBid();
    OrderRequest request;
    request.symbol = QStringLiteral("BTCUSDT");
    request.side = Side::Buy;
    request.quantity = dec(quantity);
    request.price = bid - belowBid;
    return request;
}

OrderRequest marketOrder(Side side, const char* quantity)
{
    OrderRequest request;
    request.symbol = QStringLiteral("BTCUSDT");
    request.side = side;
    request.type = OrderType::Market;
    request.quantity = dec(quantity);
    return request;
}

QString place(TradingTerminal& t, const OrderRequest& request, TradingDesk::PlaceOutcome::Kind expected)
{
    const auto outcome =
        await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->placeOrder(request, done); });
    if (outcome.kind != expected)
        qFatal("order not placed as expected: %d %s", int(outcome.kind),
               outcome.error ? qPrintable(outcome.error->message) : "");
    return outcome.ack ? outcome.ack->orderId : outcome.order ? outcome.order->orderId : QString();
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

// A row's button once the view has laid it out, clicked with the mouse.
bool click(QAbstractButton* button)
{
    if (!button)
        return false;
    if (!QTest::qWaitFor([button] { return button->isVisible() && !button->rect().isEmpty(); }, Timeout))
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

void setText(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// "" when the view shows exactly what the venue answered, field by field; otherwise the first difference.
QString compareOrders(const AccountTable* table, const std::vector<Order>& venue)
{
    if (table->rowCount() != static_cast<int>(venue.size()))
        return QStringLiteral("open orders: %1 shown, %2 at the venue")
            .arg(table->rowCount())
            .arg(venue.size());
    for (const Order& o : venue) {
        const QString id = o.orderId;
        if (table->viewRowOfKey(id) < 0)
            return QStringLiteral("order %1 not shown").arg(id);
        using M = OpenOrdersModel;
        const std::pair<QString, QString> texts[] = {
            {textAt(table, id, M::SymbolColumn), o.symbol},
            {textAt(table, id, M::SideColumn), TradingTableModel::sideText(o.side)},
            {textAt(table, id, M::StatusColumn), TradingTableModel::statusText(o.status)},
            {textAt(table, id, M::TimeInForceColumn), TradingTableModel::timeInForceText(o.timeInForce)},
            {textAt(table, id, M::TypeColumn), TradingTableModel::orderTypeText(o.type)},
        };
        for (const auto& [shown, expected] : texts) {
            if (shown != expected)
                return QStringLiteral("order %1: %2 shown, %3 at the venue").arg(id, shown, expected);
        }
        if (decimalAt(table, id, M::PriceColumn) != o.price ||
            decimalAt(table, id, M::QuantityColumn) != o.quantity ||
            decimalAt(table, id, M::FilledColumn) != o.filledQuantity)
            return QStringLiteral("order %1: price/quantity/filled differ").arg(id);
        const QVariant reduceOnly =
            cell(table, id, M::ReduceOnlyColumn).data(TradingTableModel::UnderlyingDataRole);
        if (reduceOnly.toBool() != o.reduceOnly)
            return QStringLiteral("order %1: reduce-only differs").arg(id);
    }
    return {};
}

QString comparePositions(const AccountTable* table, const std::vector<Position>& venue)
{
    std::vector<Position> open;
    for (const Position& p : venue) {
        if (!p.size.isZero())
            open.push_back(p);
    }
    if (table->rowCount() != static_cast<int>(open.size()))
        return QStringLiteral("positions: %1 shown, %2 at the venue").arg(table->rowCount()).arg(open.size());
    for (const Position& p : open) {
        using M = PositionsModel;
        const QString s = p.symbol;
        if (table->viewRowOfKey(s) < 0)
            return QStringLiteral("position %1 not shown").arg(s);
        if (textAt(table, s, M::SideColumn) != TradingTableModel::sideText(*p.side))
            return QStringLiteral("position %1: side differs").arg(s);
        const std::pair<int, std::optional<Decimal>> numbers[] = {
            {M::SizeColumn, p.size},
            {M::EntryColumn, p.entryPrice},
            {M::MarkColumn, p.markPrice},
            {M::UnrealisedPnlColumn, p.unrealisedPnl},
            {M::LiquidationColumn, p.liquidationPrice},
            {M::RealisedPnlColumn, p.realisedPnl},
        };
        for (const auto& [column, expected] : numbers) {
            const std::optional<Decimal> shown = decimalAt(table, s, column);
            if (shown != expected)
                return QStringLiteral("position %1 column %2: %3 shown, %4 at the venue")
                    .arg(s)
                    .arg(column)
                    .arg(shown ? shown->toString() : QStringLiteral("-"),
                         expected ? expected->toString() : QStringLiteral("-"));
        }
    }
    return {};
}

QString compareBalances(const AccountTable* table, const std::vector<Balance>& venue)
{
    if (table->rowCount() != static_cast<int>(venue.size()))
        return QStringLiteral("balances: %1 shown, %2 at the venue").arg(table->rowCount()).arg(venue.size());
    for (const Balance& b : venue) {
        using M = BalancesModel;
        if (table->viewRowOfKey(b.coin) < 0)
            return QStringLiteral("coin %1 not shown").arg(b.coin);
        if (decimalAt(table, b.coin, M::WalletColumn) != b.walletBalance ||
            decimalAt(table, b.coin, M::AvailableColumn) != b.available ||
            decimalAt(table, b.coin, M::EquityColumn) != b.equity)
            return QStringLiteral("coin %1: wallet/available/equity differ").arg(b.coin);
    }
    return {};
}

} // namespace

class TestAccountViews : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        tradingtest::useThrowawaySettings(m_settingsDir);
    }

    void tablesSortNumbersExactlyAndMarkSides()
    {
        TradingStore store;
        PositionsModel model(&store);
        AccountTable table;
        table.setEmptyText(QStringLiteral("none"));
        table.setModel(&model);
        table.show();
        QVERIFY(table.emptyLabel()->isVisible());

        const auto position = [](const char* symbol, Side side, const char* size, const char* pnl) {
            Position p;
            p.symbol = QString::fromLatin1(symbol);
            p.side = side;
            p.size = dec(size);
            p.unrealisedPnl = dec(pnl);
            return p;
        };
        store.apply({{},
                     {},
                     {position("AUSDT", Side::Buy, "9.5", "-0.01"),
                      position("BUSDT", Side::Sell, "10.25", "3"),
                      position("CUSDT", Side::Buy, "0.001", "0")},
                     {}});
        model.refresh();
        QVERIFY(table.view()->isVisible());
        // By size: as numbers (text order would put 10.25 before 9.5).
        table.sortBy(PositionsModel::SizeColumn, Qt::AscendingOrder);
        QCOMPARE(table.keyAt(0), QStringLiteral("CUSDT"));
        QCOMPARE(table.keyAt(1), QStringLiteral("AUSDT"));
        QCOMPARE(table.keyAt(2), QStringLiteral("BUSDT"));
        table.sortBy(PositionsModel::UnrealisedPnlColumn, Qt::DescendingOrder);
        QCOMPARE(table.keyAt(0), QStringLiteral("BUSDT"));
        QCOMPARE(table.keyAt(2), QStringLiteral("AUSDT"));

        const auto at = [&table](const char* symbol, int column) {
            return table.proxy()->index(table.viewRowOfKey(QString::fromLatin1(symbol)), column);
        };
        const auto sign = [&at](const char* symbol, int column) {
            return at(symbol, column).data(TradingTableModel::SignRole).toInt();
        };
        QCOMPARE(sign("AUSDT", PositionsModel::SideColumn), 1);
        QCOMPARE(sign("BUSDT", PositionsModel::SideColumn), -1);
        QCOMPARE(sign("AUSDT", PositionsModel::UnrealisedPnlColumn), -1);
        QCOMPARE(sign("CUSDT", PositionsModel::UnrealisedPnlColumn), 0);
        const QVariant size = at("BUSDT", PositionsModel::SizeColumn).data(TradingTableModel::DecimalRole);
        QCOMPARE(size.value<Decimal>(), dec("10.25"));
        QCOMPARE(at("BUSDT", PositionsModel::SizeColumn).data().toString(), QStringLiteral("10.25"));
        const QVariant alignment = at("BUSDT", PositionsModel::SymbolColumn).data(Qt::TextAlignmentRole);
        QCOMPARE(alignment.value<Qt::Alignment>() & Qt::AlignLeft, Qt::AlignLeft);

        // A changed value re-sorts in place; the row keeps its selection.
        table.view()->selectRow(table.viewRowOfKey(QStringLiteral("CUSDT")));
        Position c = position("CUSDT", Side::Buy, "0.001", "5");
        c.updatedMs = 10;
        store.apply({{}, {}, {c}, {}});
        model.refresh();
        QCOMPARE(table.keyAt(0), QStringLiteral("CUSDT"));
        QCOMPARE(table.currentKey(), QStringLiteral("CUSDT"));
    }

    void withoutAccountTheViewsSaySo()
    {
        TradingTerminal t;
        OrdersDock* orders = t.window->ordersDock();
        PositionsDock* positions = t.window->positionsDock();
        BalancesDock* balances = t.window->balancesDock();
        orders->raise();
        // A fresh demo account: no orders, no positions; the wallet arrives.
        QTRY_VERIFY_WITH_TIMEOUT(orders->openOrdersTable()->emptyLabel()->isVisible(), Timeout);
        QCOMPARE(orders->openOrdersTable()->emptyLabel()->text(), OrdersDock::tr("No open orders"));
        QVERIFY(!orders->cancelAllButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(balances->balancesTable()->rowCount() > 0, Timeout);

        t.window->setTradingDesk(nullptr);
        QVERIFY(orders->noAccountLabel()->isVisible());
        QVERIFY(!orders->openOrdersView()->isVisible());
        positions->raise();
        QVERIFY(positions->noAccountLabel()->isVisible());
        balances->raise();
        QVERIFY(balances->noAccountLabel()->isVisible());
        QCOMPARE(balances->balancesTable()->rowCount(), 0);

        t.window->setTradingDesk(t.desk.get());
        QVERIFY(!balances->noAccountLabel()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(balances->balancesView()->isVisible(), Timeout);
        QVERIFY(balances->balancesTable()->rowCount() > 0);
    }

    void limitOrderIsShownAmendedAndCancelledFromTheDock()
    {
        TradingTerminal t;
        VenueRest rest(t);
        OrdersDock* dock = t.window->ordersDock();
        dock->raise();
        AccountTable* open = dock->openOrdersTable();
        const QString id = place(t, limitBuy(t, dec("800"), "0.010"), TradingDesk::PlaceOutcome::Kind::Live);
        QTRY_VERIFY_WITH_TIMEOUT(open->viewRowOfKey(id) >= 0, Timeout);
        const Order placed = *t.desk->openOrdersModel()->find(id);
        QCOMPARE(textAt(open, id, OpenOrdersModel::SymbolColumn), QStringLiteral("BTCUSDT"));
        QCOMPARE(textAt(open, id, OpenOrdersModel::SideColumn), TradingTableModel::sideText(Side::Buy));
        QCOMPARE(cell(open, id, OpenOrdersModel::SideColumn).data(TradingTableModel::SignRole).toInt(), 1);
        QCOMPARE(decimalAt(open, id, OpenOrdersModel::QuantityColumn), dec("0.010"));
        QCOMPARE(decimalAt(open, id, OpenOrdersModel::PriceColumn), placed.price);
        const QVariant alignment = cell(open, id, OpenOrdersModel::PriceColumn).data(Qt::TextAlignmentRole);
        QCOMPARE(alignment.value<Qt::Alignment>() & Qt::AlignRight, Qt::AlignRight);
        QVERIFY(dock->cancelAllButton()->isEnabled());

        // Amend price and quantity through the dialog: the view and the venue show the new values.
        QVERIFY(click(dock->amendButton(id)));
        AmendDialog* dialog = dock->amendDialog();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), Timeout);
        const Decimal newPrice = *placed.price - dec("100.5");
        setText(dialog->priceEdit(), newPrice.toString());
        setText(dialog->quantityEdit(), QStringLiteral("0.025"));
        QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
        QVERIFY(dialog->amendButton()->isEnabled());
        QTest::mouseClick(dialog->amendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(decimalAt(open, id, OpenOrdersModel::PriceColumn), std::optional(newPrice),
                                  Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(decimalAt(open, id, OpenOrdersModel::QuantityColumn),
                                  std::optional(dec("0.025")), Timeout);
        const std::optional<Order> atVenue = rest.openOrder(id);
        QVERIFY(atVenue);
        QCOMPARE(atVenue->price, std::optional(newPrice));
        QCOMPARE(atVenue->quantity, dec("0.025"));
        QVERIFY(dock->messageLabel()->text().isEmpty());

        // Cancel by the row's button: locked at once, then the order moves to the history as cancelled.
        open->view()->selectRow(open->viewRowOfKey(id));
        QAbstractButton* cancel = dock->cancelButton(id);
        QVERIFY(click(cancel));
        QVERIFY(dock->isBusy(id));
        QVERIFY(!cancel->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(open->viewRowOfKey(id) < 0, Timeout);
        AccountTable* history = dock->historyTable();
        QTRY_VERIFY_WITH_TIMEOUT(history->viewRowOfKey(id) >= 0, Timeout);
        QCOMPARE(textAt(history, id, OrderHistoryModel::StatusColumn),
                 TradingTableModel::statusText(OrderStatus::Cancelled));
        QCOMPARE(decimalAt(history, id, OrderHistoryModel::PriceColumn), std::optional(newPrice));
        QVERIFY(!rest.openOrder(id));
        QTRY_VERIFY_WITH_TIMEOUT(open->emptyLabel()->isVisible(), Timeout);
        QVERIFY(dock->messageLabel()->text().isEmpty());
    }

    void cancelAllClearsOnlyTheActiveSymbol()
    {
        TradingTerminal t;
        VenueRest rest(t);
        OrdersDock* dock = t.window->ordersDock();
        dock->raise();
        AccountTable* open = dock->openOrdersTable();
        const QString a = place(t, limitBuy(t, dec("700"), "0.010"), TradingDesk::PlaceOutcome::Kind::Live);
        const QString b = place(t, limitBuy(t, dec("900"), "0.020"), TradingDesk::PlaceOutcome::Kind::Live);
        QTRY_COMPARE_WITH_TIMEOUT(open->rowCount(), 2, Timeout);
        QCOMPARE(open->keyAt(0), b); // newest first

        // The selection stays on its order while rows come and go around it; the view is never reset.
        QSignalSpy resets(open->proxy(), &QAbstractItemModel::modelReset);
        open->view()->selectRow(open->viewRowOfKey(a));
        QCOMPARE(open->currentKey(), a);
        // An order on another symbol stays.
        const SymbolKey eth{Category::Linear, QStringLiteral("ETHUSDT")};
        QTRY_VERIFY_WITH_TIMEOUT(t.session->instrument(eth) && t.desk->referencePrice(eth), Timeout);
        OrderRequest other;
        other.symbol = eth.symbol;
        other.side = Side::Buy;
        other.quantity = dec("0.10");
        other.price =
            *roundPriceToTick(*t.desk->referencePrice(eth) * dec("0.8"), *t.session->instrument(eth));
        const QString c = place(t, other, TradingDesk::PlaceOutcome::Kind::Live);
        QTRY_COMPARE_WITH_TIMEOUT(open->rowCount(), 3, Timeout);
        QCOMPARE(open->keyAt(0), c);
        QCOMPARE(open->currentKey(), a);
        const QModelIndexList selected = open->view()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.front().data(TradingTableModel::KeyRole).toString(), a);

        // The filter shows the active symbol's orders only.
        dock->activeSymbolOnlyBox()->click();
        QCOMPARE(open->rowCount(), 2);
        QVERIFY(open->viewRowOfKey(c) < 0);
        dock->activeSymbolOnlyBox()->click();
        QCOMPARE(open->rowCount(), 3);

        QVERIFY(dock->cancelAllButton()->text().contains(QLatin1String("BTCUSDT")));
        QVERIFY(click(dock->cancelAllButton()));
        QVERIFY(!dock->cancelAllButton()->isEnabled()); // one click, one request
        QTRY_COMPARE_WITH_TIMEOUT(open->rowCount(), 1, Timeout);
        QCOMPARE(open->keyAt(0), c);
        QCOMPARE(t.desk->openOrdersModel()->rowCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(dock->historyTable()->viewRowOfKey(a) >= 0 &&
                                     dock->historyTable()->viewRowOfKey(b) >= 0,
                                 Timeout);
        const std::vector<Order> atVenue = rest.openOrders();
        QCOMPARE(atVenue.size(), std::size_t(1));
        QCOMPARE(atVenue.front().orderId, c);
        QVERIFY(!dock->cancelAllButton()->isEnabled()); // nothing left on BTCUSDT
        QVERIFY(dock->messageLabel()->text().isEmpty());

        // Delete cancels the selected order.
        open->view()->selectRow(0);
        QCOMPARE(open->currentKey(), c);
        QTest::keyClick(open->view(), Qt::Key_Delete);
        QVERIFY(dock->isBusy(c));
        QTRY_VERIFY_WITH_TIMEOUT(open->emptyLabel()->isVisible(), Timeout);
        QVERIFY(rest.openOrders().empty());
        QCOMPARE(resets.size(), 0);
    }

    void historyShowsTheVenuesReasonVerbatim()
    {
        TradingTerminal t;
        OrdersDock* dock = t.window->ordersDock();
        dock->raise();
        dock->tabs()->setCurrentIndex(OrdersDock::HistoryTab);
        // A post-only buy above the best ask would take liquidity: the venue accepts and cancels it.
        const Decimal ask = *t.session->store(Category::Linear)->findBook("BTCUSDT")->bestAsk();
        OrderRequest request;
        request.symbol = QStringLiteral("BTCUSDT");
        request.side = Side::Buy;
        request.quantity = dec("0.010");
        request.price = ask + dec("50");
        request.timeInForce = TimeInForce::PostOnly;
        const auto outcome =
            await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->placeOrder(request, done); });
        QCOMPARE(outcome.kind, TradingDesk::PlaceOutcome::Kind::CancelledAtOnce);
        QVERIFY(!outcome.reason.isEmpty());
        const QString id = outcome.ack->orderId;
        AccountTable* history = dock->historyTable();
        QTRY_VERIFY_WITH_TIMEOUT(history->viewRowOfKey(id) >= 0, Timeout);
        QCOMPARE(textAt(history, id, OrderHistoryModel::ReasonColumn), outcome.reason);
        QCOMPARE(textAt(history, id, OrderHistoryModel::StatusColumn),
                 TradingTableModel::statusText(OrderStatus::Cancelled));
        QVERIFY(history->view()->isVisible());
    }

    void amendToAnInvalidPriceShowsTheReasonAndSendsNothing()
    {
        TradingTerminal t;
        VenueRest rest(t);
        OrdersDock* dock = t.window->ordersDock();
        dock->raise();
        const QString id = place(t, limitBuy(t, dec("800"), "0.010"), TradingDesk::PlaceOutcome::Kind::Live);
        QTRY_VERIFY_WITH_TIMEOUT(dock->openOrdersTable()->viewRowOfKey(id) >= 0, Timeout);
        const Order before = *rest.openOrder(id);
        QSignalSpy errors(t.desk.get(), &TradingDesk::errorOccurred);

        // A double click on the price opens the dialog at the price.
        const QModelIndex priceCell = cell(dock->openOrdersTable(), id, OpenOrdersModel::PriceColumn);
        QTRY_VERIFY_WITH_TIMEOUT(dock->openOrdersView()->isVisible() &&
                                     !dock->openOrdersView()->visualRect(priceCell).isEmpty(),
                                 Timeout);
        // A widget double click is a press, a release, then the double-click event.
        const QPoint at = dock->openOrdersView()->visualRect(priceCell).center();
        QTest::mouseClick(dock->openOrdersView()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(dock->openOrdersView()->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY_WITH_TIMEOUT(dock->amendDialog() && dock->amendDialog()->isVisible(), Timeout);
        AmendDialog* dialog = dock->amendDialog();
        QCOMPARE(dialog->focusWidget(), dialog->priceEdit());

        // Off the 0.10 tick.
        const QString offTick = (*before.price - dec("0.05")).toString();
        setText(dialog->priceEdit(), offTick);
        QVERIFY(dialog->reasonLabel()->isVisible());
        QVERIFY2(dialog->reasonLabel()->text().contains(offTick) &&
                     dialog->reasonLabel()->text().contains(QLatin1String("0.10")),
                 qPrintable(dialog->reasonLabel()->text()));
        QVERIFY(!dialog->amendButton()->isEnabled());
        QTest::keyClick(dialog->priceEdit(), Qt::Key_Return); // the default button is disabled
        QVERIFY(dialog->isVisible());

        // What is not a number cannot be typed at all; a quantity below the minimum gets its reason.
        setText(dialog->priceEdit(), QStringLiteral("12x"));
        QCOMPARE(dialog->priceEdit()->text(), QStringLiteral("12"));
        setText(dialog->priceEdit(), before.price->toString());
        setText(dialog->quantityEdit(), QStringLiteral("0.0005"));
        QVERIFY(!dialog->amendButton()->isEnabled());
        QVERIFY(!dialog->problem().isEmpty());
        dialog->accept(); // refused as well
        QVERIFY(dialog->isVisible());
        dialog->reject();

        // Nothing reached the venue: the order is as it was and no error came back.
        QTest::qWait(300);
        QCOMPARE(errors.size(), 0);
        QVERIFY(!dock->isBusy(id));
        const Order after = *rest.openOrder(id);
        QCOMPARE(after.price, before.price);
        QCOMPARE(after.quantity, before.quantity);
        QCOMPARE(after.updatedMs, before.updatedMs);
    }

    void refusedCancelAndAmendShowTheVenuesMessageVerbatim()
    {
        TradingTerminal t;
        VenueRest rest(t);
        OrdersDock* dock = t.window->ordersDock();
        dock->raise();
        const QString id = place(t, limitBuy(t, dec("800"), "0.010"), TradingDesk::PlaceOutcome::Kind::Live);
        QTRY_VERIFY_WITH_TIMEOUT(dock->openOrdersTable()->viewRowOfKey(id) >= 0, Timeout);

        // Cancelled behind the terminal's back while its stream is off, so the row is still shown.
        t.desk->stop();
        QVERIFY(rest.cancel(id));
        const auto again = rest.cancel(id);
        QVERIFY(!again);
        const QString venueMessage = again.error().message; // what the venue says to a second cancel
        QVERIFY(!venueMessage.isEmpty());
        const Decimal newPrice = *t.desk->openOrdersModel()->find(id)->price - dec("10");
        const auto amended = rest.amend(id, newPrice, t.btcInstrument());
        QVERIFY(!amended);
        const QString amendMessage = amended.error().message;
        QVERIFY(!amendMessage.isEmpty());

        // An amend the instrument's rules allow, refused by the venue.
        QVERIFY(click(dock->amendButton(id)));
        QTRY_VERIFY_WITH_TIMEOUT(dock->amendDialog() && dock->amendDialog()->isVisible(), Timeout);
        setText(dock->amendDialog()->priceEdit(), newPrice.toString());
        QVERIFY(dock->amendDialog()->amendButton()->isEnabled());
        QTest::mouseClick(dock->amendDialog()->amendButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dock->messageLabel()->isVisible(), Timeout);
        QVERIFY2(dock->messageLabel()->text().contains(amendMessage),
                 qPrintable(dock->messageLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!dock->isBusy(id), Timeout);

        QAbstractButton* cancel = dock->cancelButton(id);
        QVERIFY(click(cancel));
        QTRY_VERIFY_WITH_TIMEOUT(dock->messageLabel()->text().contains(venueMessage), Timeout);
        QVERIFY2(dock->messageLabel()->text().contains(venueMessage),
                 qPrintable(dock->messageLabel()->text()));
        QVERIFY(!dock->isBusy(id));
        QVERIFY(cancel->isEnabled()); // unlocked: the user may try again

        // Back online, the reconciled view drops the order and the history has it cancelled.
        t.desk->start();
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->canTrade(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(dock->openOrdersTable()->viewRowOfKey(id) < 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(textAt(dock->historyTable(), id, OrderHistoryModel::StatusColumn),
                                  TradingTableModel::statusText(OrderStatus::Cancelled), Timeout);
    }

    void marketOrderPositionIsClosedFromTheDock()
    {
        TradingTerminal t;
        t.desk->settings().setConfirmOrders(true);
        PositionsDock* dock = t.window->positionsDock();
        BalancesDock* balances = t.window->balancesDock();
        dock->raise();
        AccountTable* table = dock->positionsTable();
        QTRY_VERIFY_WITH_TIMEOUT(balances->balancesTable()->viewRowOfKey(QStringLiteral("USDT")) >= 0,
                                 Timeout);
        const Decimal walletBefore =
            *decimalAt(balances->balancesTable(), QStringLiteral("USDT"), BalancesModel::WalletColumn);

        place(t, marketOrder(Side::Buy, "0.020"), TradingDesk::PlaceOutcome::Kind::Filled);
        const QString symbol = QStringLiteral("BTCUSDT");
        QTRY_COMPARE_WITH_TIMEOUT(decimalAt(table, symbol, PositionsModel::SizeColumn),
                                  std::optional(dec("0.020")), Timeout);
        QCOMPARE(textAt(table, symbol, PositionsModel::SideColumn), TradingTableModel::sideText(Side::Buy));
        QCOMPARE(cell(table, symbol, PositionsModel::SideColumn).data(TradingTableModel::SignRole).toInt(),
                 1);
        QVERIFY(decimalAt(table, symbol, PositionsModel::EntryColumn));
        QTRY_VERIFY_WITH_TIMEOUT(decimalAt(table, symbol, PositionsModel::MarkColumn), Timeout);
        const Decimal walletOpen = walletBefore;
        QTRY_VERIFY_WITH_TIMEOUT(*decimalAt(balances->balancesTable(), QStringLiteral("USDT"),
                                            BalancesModel::WalletColumn) != walletOpen,
                                 Timeout); // the taker fee
        const Decimal walletAfterOpen =
            *decimalAt(balances->balancesTable(), QStringLiteral("USDT"), BalancesModel::WalletColumn);
        // The fill is listed, newest first.
        t.window->ordersDock()->tabs()->setCurrentIndex(OrdersDock::FillsTab);
        QTRY_VERIFY_WITH_TIMEOUT(t.window->ordersDock()->fillsTable()->rowCount() > 0, Timeout);
        const QSortFilterProxyModel* fills = t.window->ordersDock()->fillsTable()->proxy();
        QCOMPARE(fills->index(0, FillsModel::LiquidityColumn).data().toString(), QStringLiteral("Taker"));
        dock->raise();

        // Close asks first; the button is locked from the click.
        QAbstractButton* close = dock->closeButton(symbol);
        QVERIFY(click(close));
        QVERIFY(!close->isEnabled());
        QMessageBox* confirmation = dock->closeConfirmation();
        QVERIFY(confirmation);
        QTRY_VERIFY_WITH_TIMEOUT(confirmation->isVisible(), Timeout);
        QVERIFY(confirmation->text().contains(QLatin1String("0.02")));
        auto* yes = confirmation->findChild<QPushButton*>(QStringLiteral("confirmCloseButton"));
        QVERIFY(yes);
        QTest::mouseClick(yes, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(table->viewRowOfKey(symbol) < 0, Timeout);
        QVERIFY(table->emptyLabel()->isVisible());
        // The closing fill heads the fills list.
        QTRY_COMPARE_WITH_TIMEOUT(fills->rowCount(), 2, Timeout);
        QCOMPARE(fills->index(0, FillsModel::SideColumn).data().toString(),
                 TradingTableModel::sideText(Side::Sell));
        const Position* flat = t.desk->store().findPosition(symbol);
        QVERIFY(!flat || flat->size.isZero());
        QTRY_VERIFY_WITH_TIMEOUT(*decimalAt(balances->balancesTable(), QStringLiteral("USDT"),
                                            BalancesModel::WalletColumn) != walletAfterOpen,
                                 Timeout);
        QVERIFY(dock->messageLabel()->text().isEmpty());

        // Without confirmations, a double click on Close sends one reduce-only order.
        t.desk->settings().setConfirmOrders(false);
        place(t, marketOrder(Side::Sell, "0.010"), TradingDesk::PlaceOutcome::Kind::Filled);
        QTRY_VERIFY_WITH_TIMEOUT(dock->closeButton(symbol), Timeout);
        QCOMPARE(textAt(table, symbol, PositionsModel::SideColumn), TradingTableModel::sideText(Side::Sell));
        const auto reduceOnlyOrders = [&t] {
            int n = 0;
            for (const Order& o : t.desk->store().closedOrders())
                n += o.reduceOnly ? 1 : 0;
            return n;
        };
        const int before = reduceOnlyOrders();
        close = dock->closeButton(symbol);
        QVERIFY(click(close));
        QTest::mouseClick(close, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(table->viewRowOfKey(symbol) < 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(reduceOnlyOrders(), before + 1, Timeout);
        QTest::qWait(300);
        QCOMPARE(reduceOnlyOrders(), before + 1);
        QVERIFY2(dock->messageLabel()->text().isEmpty(), qPrintable(dock->messageLabel()->text()));
    }

    void droppedStreamReconcilesTheViewsWithTheVenue()
    {
        TradingTerminal::Options o;
        o.privateReconnect = std::chrono::milliseconds(1500); // room for the REST changes below
        TradingTerminal t(o);
        VenueRest rest(t);
        OrdersDock* orders = t.window->ordersDock();
        const QString resting =
            place(t, limitBuy(t, dec("800"), "0.010"), TradingDesk::PlaceOutcome::Kind::Live);
        place(t, marketOrder(Side::Buy, "0.010"), TradingDesk::PlaceOutcome::Kind::Filled);
        QTRY_VERIFY_WITH_TIMEOUT(orders->openOrdersTable()->viewRowOfKey(resting) >= 0 &&
                                     t.window->positionsDock()->positionsTable()->rowCount() == 1,
                                 Timeout);
        const int snapshots = t.desk->session().snapshotCount();

        // The venue drops every stream; meanwhile the account changes in ways the stream does not tell:
        // a new order, a cancel and a fill.
        const OrderRequest unseen = limitBuy(t, dec("1000"), "0.030");
        t.venue->dropConnections();
        const auto placed = rest.place(unseen, t.btcInstrument());
        QVERIFY(placed);
        QVERIFY(rest.cancel(resting));
        QVERIFY(rest.place(marketOrder(Side::Buy, "0.005"), t.btcInstrument()));
        QVERIFY2(!t.desk->canTrade(), "the stream came back before the changes were made");
        t.venue->setPaused(true); // mark prices and PnL hold still for the comparison
        QAbstractButton* close = t.window->positionsDock()->closeButton(QStringLiteral("BTCUSDT"));
        QVERIFY(close);
        QVERIFY(!close->isEnabled()); // no order may go out while the account is not live

        QTRY_VERIFY_WITH_TIMEOUT(t.desk->canTrade() && t.desk->session().snapshotCount() > snapshots,
                                 Timeout);
        const std::vector<Order> venueOrders = rest.openOrders();
        const std::vector<Position> venuePositions = rest.positions();
        const std::vector<Balance> venueBalances = rest.balances();
        QCOMPARE(venueOrders.size(), std::size_t(1));
        QCOMPARE(venueOrders.front().orderId, placed.value().orderId);

        AccountTable* openTable = orders->openOrdersTable();
        AccountTable* positionsTable = t.window->positionsDock()->positionsTable();
        AccountTable* balancesTable = t.window->balancesDock()->balancesTable();
        QTRY_COMPARE_WITH_TIMEOUT(compareOrders(openTable, venueOrders), QString(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(comparePositions(positionsTable, venuePositions), QString(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(compareBalances(balancesTable, venueBalances), QString(), Timeout);
        QCOMPARE(decimalAt(positionsTable, QStringLiteral("BTCUSDT"), PositionsModel::SizeColumn),
                 std::optional(dec("0.015")));
        PositionsDock* positions = t.window->positionsDock();
        QTRY_VERIFY_WITH_TIMEOUT(positions->closeButton(QStringLiteral("BTCUSDT"))->isEnabled(), Timeout);
        // The cancelled order went to the history with its final state from the venue.
        QTRY_COMPARE_WITH_TIMEOUT(textAt(orders->historyTable(), resting, OrderHistoryModel::StatusColumn),
                                  TradingTableModel::statusText(OrderStatus::Cancelled), Timeout);
        t.venue->setPaused(false);
    }
};

QTEST_MAIN(TestAccountViews)
#include "tst_accountviews.moc"
