// Closing one lot of a position from the Positions dock. The whole window runs on the GMO Coin loopback
// (its leverage account keeps each opening fill as a position of its own, a positionId): the long leg of
// BTC_JPY holds two lots, the dock shows how many (Lots column, the tooltip lists them), and the row's
// context menu has Close lot ▸ with one entry per lot ("#id  size @ entry" on the instrument's lot step
// and tick). An entry asks first when the account confirms orders, sends one /closeOrder naming that
// lot, is disabled while its close is in flight and while the account is not live; the other lot stays.
#include "support/gmocoinvenue.h"
#include "support/tradingterminal.h"

#include "exchanges/venues.h"
#include "models/positionsmodel.h"
#include "ui/accountsettings.h"
#include "ui/mainwindow.h"
#include "ui/marketsession.h"
#include "ui/positionsdock.h"
#include "ui/tradingdesk.h"

#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

using tradingtest::dec;

const SymbolKey kBtc{Category::Linear, QStringLiteral("BTC_JPY")};
const QString kLong = QStringLiteral("BTC_JPY long"); // the row of the long leg

// The GMO Coin loopback, taking commands without the venue's pacing, before the window that uses it.
struct GmoLoopback
{
    GmoLoopback() { venue.setMinimumCommandGapMs(0); }
    GmocoinVenue venue;
};

// The window, a market session and a desk on the GMO Coin loopback, on its leverage symbols.
struct GmoTerminal : GmoLoopback, LoopbackWindow
{
    GmoTerminal()
        : LoopbackWindow({QStringLiteral("gmocoin"), kBtc, venue.restUrl(), venue.publicStreamUrl(),
                          venue.privateStreamUrl(),
                          Credentials(QStringLiteral("gmo-test-key"), QByteArray("gmo-test-secret"))})
        , dock(window->positionsDock())
    {}

    const Position* longLeg() const { return desk->positionsModel()->find(kLong); }
    int closeOrders()
    {
        return int(std::count_if(
            venue.verifier().privateRequests().begin(), venue.verifier().privateRequests().end(),
            [](const auto& r) { return r.url.path() == QLatin1String("/private/v1/closeOrder"); }));
    }
    TradingDesk::PlaceOutcome buy(const char* size)
    {
        OrderRequest r;
        r.symbol = kBtc.symbol;
        r.category = kBtc.category;
        r.side = Side::Buy;
        r.type = OrderType::Market;
        r.timeInForce = TimeInForce::ImmediateOrCancel;
        r.quantity = dec(size);
        return tradingtest::await<TradingDesk::PlaceOutcome>(
            [this, r](auto done) { desk->placeOrder(r, done); });
    }
    // The entries of the row's Close lot submenu (none: no submenu).
    static QList<QAction*> lotEntries(const QMenu& menu)
    {
        const QMenu* lots = menu.findChild<QMenu*>(QStringLiteral("closeLotMenu"));
        return lots ? lots->actions() : QList<QAction*>();
    }

    PositionsDock* dock;
};

} // namespace

class TestPositionLots : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase() { tradingtest::useThrowawaySettings(m_settingsDir); }

    void closesOneLotFromTheContextMenu()
    {
        GmoTerminal t;
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->canTrade() && t.session->instrument(kBtc),
                                 TradingTerminal::TimeoutMs);
        QVERIFY(t.desk->adapter().closesPositionLots());
        // GMO takes one subscription a second: the fills' pushes need all four channels.
        QTRY_COMPARE_WITH_TIMEOUT(t.venue.privateSubscriptions(), 4, TradingTerminal::TimeoutMs);
        t.venue.setPrice(dec("15000000"));
        QCOMPARE(t.buy("0.02").kind, TradingDesk::PlaceOutcome::Kind::Filled);
        t.venue.setPrice(dec("15100000"));
        QCOMPARE(t.buy("0.03").kind, TradingDesk::PlaceOutcome::Kind::Filled);
        const QStringList ids = t.venue.positionIds(kBtc.symbol, "BUY");
        QCOMPARE(ids.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(t.longLeg() && t.longLeg()->size == dec("0.05") &&
                                     t.longLeg()->lots.size() == 2,
                                 TradingTerminal::TimeoutMs);

        // The Lots column counts them (shown: some position has lots); its tooltip lists them.
        QTableView* view = t.dock->positionsView();
        QTRY_VERIFY_WITH_TIMEOUT(!view->isColumnHidden(PositionsModel::LotsColumn),
                                 TradingTerminal::TimeoutMs);
        PositionsModel* model = t.desk->positionsModel();
        const QModelIndex lotsCell = model->index(model->rowOfKey(kLong), PositionsModel::LotsColumn);
        QCOMPARE(lotsCell.data().toString(), QStringLiteral("2"));
        const QString tip = lotsCell.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("#%1  0.02 @ 15000000").arg(ids[0])) &&
                     tip.contains(QStringLiteral("#%1  0.03 @ 15100000").arg(ids[1])),
                 qPrintable(tip));

        // Close lot ▸ lists each lot, oldest first, on the lot step and the tick.
        t.desk->settings().setConfirmOrders(true);
        {
            QMenu menu;
            t.dock->fillContextMenu(menu, kLong);
            const QList<QAction*> entries = GmoTerminal::lotEntries(menu);
            QCOMPARE(entries.size(), 2);
            QCOMPARE(entries[0]->text(), QStringLiteral("#%1  0.02 @ 15000000").arg(ids[0]));
            QCOMPARE(entries[1]->text(), QStringLiteral("#%1  0.03 @ 15100000").arg(ids[1]));
            QVERIFY(entries[0]->isEnabled() && entries[1]->isEnabled());

            // The older lot: asks first; Cancel sends nothing and unlocks it.
            entries[0]->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(t.dock->closeConfirmation(), TradingTerminal::TimeoutMs);
            QVERIFY2(t.dock->closeConfirmation()->text().contains(ids[0]),
                     qPrintable(t.dock->closeConfirmation()->text()));
            QVERIFY(t.dock->isClosingLot(kLong, ids[0]));
            t.dock->closeConfirmation()->reject();
            QTRY_VERIFY_WITH_TIMEOUT(!t.dock->isClosingLot(kLong, ids[0]), TradingTerminal::TimeoutMs);
            QCOMPARE(t.closeOrders(), 0);
        }
        {
            QMenu menu;
            t.dock->fillContextMenu(menu, kLong);
            GmoTerminal::lotEntries(menu).at(0)->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(t.dock->closeConfirmation(), TradingTerminal::TimeoutMs);
            auto* yes =
                t.dock->closeConfirmation()->findChild<QPushButton*>(QStringLiteral("confirmCloseButton"));
            QVERIFY(yes);
            yes->click();
        }
        // In flight: that lot's entry is disabled (one click, one order), the other's is not.
        {
            QMenu menu;
            t.dock->fillContextMenu(menu, kLong);
            const QList<QAction*> entries = GmoTerminal::lotEntries(menu);
            QVERIFY(t.dock->isClosingLot(kLong, ids[0]));
            QCOMPARE(entries.size(), 2);
            QVERIFY(!entries[0]->isEnabled());
            QVERIFY(entries[1]->isEnabled());
            t.dock->closePositionLot(kLong, ids[0]); // a second click sends nothing more
        }
        // Only that lot went: the leg dropped by its size, the other lot stays.
        QTRY_VERIFY_WITH_TIMEOUT(t.longLeg() && t.longLeg()->size == dec("0.03") &&
                                     t.longLeg()->lots.size() == 1,
                                 TradingTerminal::TimeoutMs);
        QCOMPARE(t.longLeg()->lots[0].id, ids[1]);
        QCOMPARE(t.venue.positionIds(kBtc.symbol, "BUY"), QStringList{ids[1]});
        QTRY_VERIFY_WITH_TIMEOUT(!t.dock->isClosingLot(kLong, ids[0]), TradingTerminal::TimeoutMs);
        QCOMPARE(t.closeOrders(), 1);
        QVERIFY2(t.dock->messageLabel()->text().isEmpty(), qPrintable(t.dock->messageLabel()->text()));
        {
            QMenu menu;
            t.dock->fillContextMenu(menu, kLong);
            const QList<QAction*> entries = GmoTerminal::lotEntries(menu);
            QCOMPARE(entries.size(), 1);
            QCOMPARE(entries[0]->text(), QStringLiteral("#%1  0.03 @ 15100000").arg(ids[1]));
        }

        // Not live (the private stream is down): every entry disabled.
        t.venue.dropPrivate();
        QTRY_VERIFY_WITH_TIMEOUT(!t.desk->canTrade(), TradingTerminal::TimeoutMs);
        {
            QMenu menu;
            t.dock->fillContextMenu(menu, kLong);
            const QList<QAction*> entries = GmoTerminal::lotEntries(menu);
            QCOMPARE(entries.size(), 1);
            QVERIFY(!entries[0]->isEnabled());
        }
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->canTrade() && t.venue.privateSubscriptions() == 4,
                                 TradingTerminal::TimeoutMs);

        // Without confirmation the entry sends at once: the last lot goes, and the leg with it.
        t.desk->settings().setConfirmOrders(false);
        {
            QMenu menu;
            t.dock->fillContextMenu(menu, kLong);
            const QList<QAction*> entries = GmoTerminal::lotEntries(menu);
            QCOMPARE(entries.size(), 1);
            QVERIFY(entries[0]->isEnabled());
            entries[0]->trigger();
        }
        QVERIFY(!t.dock->closeConfirmation());
        QTRY_VERIFY_WITH_TIMEOUT(t.venue.positionIds(kBtc.symbol, "BUY").isEmpty(),
                                 TradingTerminal::TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!t.longLeg() || t.longLeg()->size.isZero(), TradingTerminal::TimeoutMs);
        QCOMPARE(t.closeOrders(), 2);
        QVERIFY2(t.venue.verifier().rejections().isEmpty(),
                 qPrintable(t.venue.verifier().rejections().join(',')));
    }
};

QTEST_MAIN(TestPositionLots)
#include "tst_positionlots.moc"
