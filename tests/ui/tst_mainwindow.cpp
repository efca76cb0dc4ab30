// The terminal window against the real demo venue, on the offscreen platform.
#include "exchanges/bitbank/bitbankerrors.h"
#include "exchanges/core/marketdatafeed.h"
#include "exchanges/demo/demovenue.h"
#include "exchanges/venues.h"
#include "models/candlemodel.h"
#include "models/orderbookmodel.h"
#include "models/tickermodel.h"
#include "models/tradesmodel.h"
#include "ui/chartdock.h"
#include "ui/chartwidget.h"
#include "ui/ladderdock.h"
#include "ui/ladderwidget.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/marketsession.h"
#include "ui/orderentrydock.h"
#include "ui/positionsdock.h"
#include "ui/statusbar.h"
#include "ui/theme.h"
#include "ui/tradesdock.h"
#include "ui/watchlistdock.h"
#include "ui/watchlistmodel.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QComboBox>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace std::chrono_literals;

namespace {
constexpr int kTimeoutMs = 15'000;

// Counts paint events of one widget.
class PaintCounter final : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

Decimal decimalAt(const QAbstractItemModel* model, int row, int column)
{
    return model->index(row, column).data(OrderBookModel::DecimalRole).value<Decimal>();
}

bool ladderIsLive(const MainWindow& window)
{
    const OrderBookModel* book = window.ladderDock()->ladder()->model();
    return book->bookState() == OrderBook::State::Live && book->askRowCount() > 0 &&
           book->bidRowCount() > 0 && window.ladderDock()->ladder()->overlayText().isEmpty();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<DemoVenue> m_venue;
    std::unique_ptr<MarketSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QList<SymbolKey> m_defaults;

    void startTerminal(int updateIntervalMs = 50)
    {
        DemoVenue::Options venueOptions;
        venueOptions.seed = 42;
        venueOptions.updateIntervalMs = updateIntervalMs;
        m_venue = std::make_unique<DemoVenue>(venueOptions);
        QVERIFY2(m_venue->start(), qPrintable(m_venue->errorString()));

        MarketSession::Options options;
        options.demo = true;
        options.venueLabel = QStringLiteral("demo venue");
        options.categories = {Category::Linear, Category::Spot};
        options.restUrl = m_venue->restUrl();
        options.stream.initialBackoff = 300ms;
        options.stream.maxBackoff = 2s;
        m_defaults.clear();
        for (const Category category : options.categories) {
            options.streamUrls.insert(category, m_venue->publicStreamUrl(category));
            for (const QString& symbol : m_venue->symbols(category))
                m_defaults << SymbolKey{category, symbol};
        }
        QVERIFY(m_defaults.size() >= 2);
        m_session =
            std::make_unique<MarketSession>(createMarketDataAdapter(QStringLiteral("bybit")), options);
        m_session->setWatchlist(m_defaults);
        m_session->setActiveSymbol(m_defaults.first());
        m_window = std::make_unique<MainWindow>(*m_session);
        m_window->show();
        m_session->start();
    }

    QTableView* watchlistView() const { return m_window->watchlistDock()->view(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("botterm"));
        QCoreApplication::setApplicationName(QStringLiteral("botterm"));
        Language::apply(QStringLiteral("en"));
        Theme::apply(Theme::Kind::Dark);
    }

    void init() { startTerminal(); }

    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        m_venue.reset();
        Language::apply(QStringLiteral("en"));
    }

    void titleAndStatusBarSayDemo()
    {
        QVERIFY(m_window->windowTitle().contains(QLatin1String("DEMO")));
        QVERIFY(m_window->marketStatusBar()->venueText().startsWith(QLatin1String("DEMO")));
    }

    void watchlistShowsPricesForEveryDefaultSymbol()
    {
        const WatchlistModel* model = m_window->watchlistDock()->model();
        QCOMPARE(model->rowCount(), m_defaults.size());
        const auto allPriced = [&] {
            for (int row = 0; row < model->rowCount(); ++row) {
                for (const int column :
                     {TickerModel::LastColumn, TickerModel::BidColumn, TickerModel::AskColumn,
                      TickerModel::Change24hColumn, TickerModel::Volume24hColumn}) {
                    if (model->index(row, column).data().toString().isEmpty())
                        return false;
                }
            }
            return true;
        };
        const auto dump = [&] {
            QStringList rows;
            for (int row = 0; row < model->rowCount(); ++row) {
                QStringList cells;
                for (int column = 0; column < model->columnCount(); ++column)
                    cells << model->index(row, column).data().toString();
                rows << cells.join(QLatin1Char('|'));
            }
            return rows.join(QLatin1String("; "));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(allPriced(), qPrintable(dump()), kTimeoutMs);
        for (const SymbolKey& key : std::as_const(m_defaults)) {
            const QModelIndex index = model->indexOf(key);
            QVERIFY2(index.isValid(), qPrintable(key.toString()));
            const double bid = index.siblingAtColumn(TickerModel::BidColumn)
                                   .data(TickerModel::UnderlyingDataRole)
                                   .toDouble();
            const double ask = index.siblingAtColumn(TickerModel::AskColumn)
                                   .data(TickerModel::UnderlyingDataRole)
                                   .toDouble();
            QVERIFY2(bid > 0 && bid < ask, qPrintable(key.toString()));
        }
    }

    void watchlistSortsByAColumn()
    {
        const WatchlistModel* model = m_window->watchlistDock()->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < model->rowCount(); ++row) {
                    if (!model->index(row, TickerModel::LastColumn)
                             .data(TickerModel::UnderlyingDataRole)
                             .isValid())
                        return false;
                }
                return true;
            }(),
            kTimeoutMs);
        watchlistView()->sortByColumn(TickerModel::LastColumn, Qt::DescendingOrder);
        for (int row = 1; row < model->rowCount(); ++row) {
            QVERIFY(
                model->index(row - 1, TickerModel::LastColumn)
                    .data(TickerModel::UnderlyingDataRole)
                    .toDouble() >=
                model->index(row, TickerModel::LastColumn).data(TickerModel::UnderlyingDataRole).toDouble());
        }
    }

    void ladderShowsBothSidesWithCumulativeSizesThatAddUp()
    {
        QTRY_VERIFY_WITH_TIMEOUT(ladderIsLive(*m_window), kTimeoutMs);
        const OrderBookModel* book = m_window->ladderDock()->ladder()->model();
        const int asks = book->askRowCount();
        const int bids = book->bidRowCount();
        const Decimal bestAsk = decimalAt(book, asks - 1, OrderBookModel::PriceColumn);
        const Decimal bestBid = decimalAt(book, asks, OrderBookModel::PriceColumn);
        QVERIFY2(bestBid < bestAsk,
                 qPrintable(bestBid.toString() + QLatin1String(" / ") + bestAsk.toString()));
        // Asks are shown worst on top: sum from the best (the bottom ask row) upwards.
        Decimal sum;
        for (int k = 0; k < asks; ++k) {
            const int row = asks - 1 - k;
            sum += decimalAt(book, row, OrderBookModel::SizeColumn);
            QCOMPARE(decimalAt(book, row, OrderBookModel::CumulativeColumn), sum);
            if (k > 0)
                QVERIFY(decimalAt(book, row, OrderBookModel::PriceColumn) >
                        decimalAt(book, row + 1, OrderBookModel::PriceColumn));
        }
        sum = Decimal();
        for (int k = 0; k < bids; ++k) {
            const int row = asks + k;
            sum += decimalAt(book, row, OrderBookModel::SizeColumn);
            QCOMPARE(decimalAt(book, row, OrderBookModel::CumulativeColumn), sum);
            if (k > 0)
                QVERIFY(decimalAt(book, row, OrderBookModel::PriceColumn) <
                        decimalAt(book, row - 1, OrderBookModel::PriceColumn));
        }
        QCOMPARE(m_window->ladderDock()->symbolText(), m_defaults.first().symbol);
    }

    void ladderFlashesChangedSizes()
    {
        QTRY_VERIFY_WITH_TIMEOUT(ladderIsLive(*m_window), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->ladderDock()->ladder()->flashingLevels() > 0, kTimeoutMs);
    }

    void ladderGroupsByMultiplesOfTheTick()
    {
        QTRY_VERIFY_WITH_TIMEOUT(ladderIsLive(*m_window), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->ladderDock()->groupingBox()->count() > 2, kTimeoutMs);
        const Instrument* instrument = m_session->instrument(m_defaults.first());
        QVERIFY(instrument);
        QComboBox* grouping = m_window->ladderDock()->groupingBox();
        grouping->setCurrentIndex(3); // 10 × tick
        const Decimal step = *Decimal::multiply(instrument->tickSize, Decimal::fromMantissa(10, 0));
        QCOMPARE(m_session->bookModel()->grouping(), step);
        const OrderBookModel* book = m_session->bookModel();
        QTRY_VERIFY_WITH_TIMEOUT(book->rowCount() > 0, kTimeoutMs);
        for (int row = 0; row < book->rowCount(); ++row)
            QVERIFY(decimalAt(book, row, OrderBookModel::PriceColumn).isMultipleOf(step));
    }

    void tapeFills()
    {
        const TradesModel* trades = m_session->tradesModel();
        QCOMPARE(m_window->tradesDock()->view()->model(), trades);
        QTRY_VERIFY_WITH_TIMEOUT(trades->rowCount() >= 3, kTimeoutMs);
        QVERIFY(trades->rowCount() <= trades->capacity());
        for (int row = 0; row < trades->rowCount(); ++row)
            QCOMPARE(trades->tradeAt(row).symbol, m_defaults.first().symbol);
        QVERIFY(trades->tradeAt(0).timestampMs >= trades->tradeAt(trades->rowCount() - 1).timestampMs);
    }

    void chartHasCandles()
    {
        ChartWidget* chart = m_window->chartDock()->chart();
        // History over REST: more candles than the stream could have delivered by now.
        QTRY_VERIFY_WITH_TIMEOUT(chart->model()->rowCount() > 20, kTimeoutMs);
        chart->repaint();
        QVERIFY(chart->visibleCandleCount() > 0);
        QVERIFY(!chart->readoutText().isEmpty());
        const Candle& newest = chart->model()->candleAt(chart->model()->rowCount() - 1);
        QVERIFY(newest.low <= newest.close && newest.close <= newest.high);
    }

    void chartIntervalLoadsThatHistory()
    {
        ChartWidget* chart = m_window->chartDock()->chart();
        QTRY_VERIFY_WITH_TIMEOUT(chart->model()->rowCount() > 20, kTimeoutMs);
        m_window->chartDock()->intervalButtons()->button(static_cast<int>(CandleInterval::OneHour))->click();
        QCOMPARE(m_session->candleInterval(), CandleInterval::OneHour);
        QTRY_VERIFY_WITH_TIMEOUT(chart->model()->rowCount() > 20, kTimeoutMs);
        const auto candles = chart->model()->candles();
        for (std::size_t i = 1; i < candles.size(); ++i)
            QCOMPARE(candles[i].openTimeMs - candles[i - 1].openTimeMs,
                     intervalMilliseconds(CandleInterval::OneHour));
    }

    void chartHeaderShowsContractStatsOnlyForAContract()
    {
        ChartDock* dock = m_window->chartDock();
        QCOMPARE(m_session->activeSymbol().category, Category::Linear);
        // The demo venue streams Bybit's linear ticker: mark, index, funding with its time, open interest.
        static const QRegularExpression stats(QStringLiteral(
            R"(^Mark \d+\.\d+   Index \d+\.\d+   Funding [+-]?\d+\.\d+ % in \d\d:\d\d:\d\d   OI \S+$)"));
        QTRY_VERIFY_WITH_TIMEOUT(stats.match(dock->statsText()).hasMatch(), kTimeoutMs);
        QVERIFY2(stats.match(dock->statsText()).hasMatch(), qPrintable(dock->statsText()));
        // A narrow chart leaves out the index (then the open interest, then the mark), never the funding.
        dock->setFloating(true);
        dock->resize(dock->chart()->fontMetrics().horizontalAdvance(QStringLiteral("x")) * 100, 300);
        QTRY_VERIFY_WITH_TIMEOUT(!dock->shownStatsText().contains(QStringLiteral("Index")), kTimeoutMs);
        QVERIFY2(dock->shownStatsText().contains(QStringLiteral("Funding")),
                 qPrintable(dock->shownStatsText()));
        QVERIFY(dock->statsText().contains(QStringLiteral("Index"))); // still known, only not shown
        dock->setFloating(false);
        const auto spot = std::find_if(m_defaults.cbegin(), m_defaults.cend(),
                                       [](const SymbolKey& k) { return k.category == Category::Spot; });
        QVERIFY(spot != m_defaults.cend());
        m_session->setActiveSymbol(*spot);
        QTRY_VERIFY_WITH_TIMEOUT(m_session->tickerModel(Category::Spot)->rowOfSymbol(spot->symbol) >= 0,
                                 kTimeoutMs);
        QCOMPARE(dock->statsText(), QString()); // spot: no contract statistics, nothing made up
    }

    void changingTheActiveSymbolUpdatesEveryDock()
    {
        QTRY_VERIFY_WITH_TIMEOUT(ladderIsLive(*m_window), kTimeoutMs);
        const SymbolKey next = m_defaults.at(1);
        const WatchlistModel* model = m_window->watchlistDock()->model();
        const QModelIndex row = model->indexOf(next);
        QVERIFY(row.isValid());
        watchlistView()->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect |
                                                                    QItemSelectionModel::Rows);
        QCOMPARE(m_session->activeSymbol(), next);
        QCOMPARE(m_window->ladderDock()->symbolText(), next.symbol);
        QCOMPARE(m_window->tradesDock()->symbolText(), next.symbol);
        QCOMPARE(m_window->chartDock()->symbolText(), next.symbol);
        QCOMPARE(m_window->chartDock()->chart()->title(), next.symbol);
        QVERIFY(m_window->windowTitle().contains(next.symbol));

        // The data follows: the ladder, tape and chart trade near the new symbol's last price.
        const auto lastPrice = [&] {
            return model->indexOf(next)
                .siblingAtColumn(TickerModel::LastColumn)
                .data(TickerModel::UnderlyingDataRole)
                .toDouble();
        };
        const auto near = [&](double price) {
            const double last = lastPrice();
            return last > 0 && std::fabs(price - last) / last < 0.05;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ladderIsLive(*m_window), kTimeoutMs);
        const OrderBookModel* book = m_session->bookModel();
        QVERIFY(near(decimalAt(book, book->askRowCount(), OrderBookModel::PriceColumn).toDouble()));
        const TradesModel* trades = m_session->tradesModel();
        QTRY_VERIFY_WITH_TIMEOUT(trades->rowCount() > 0, kTimeoutMs);
        for (int i = 0; i < trades->rowCount(); ++i)
            QCOMPARE(trades->tradeAt(i).symbol, next.symbol);
        QVERIFY(near(trades->tradeAt(0).price.toDouble()));
        const CandleModel* candles = m_session->candleModel();
        QTRY_VERIFY_WITH_TIMEOUT(candles->rowCount() > 20, kTimeoutMs);
        QVERIFY(near(candles->candleAt(candles->rowCount() - 1).close.toDouble()));
    }

    void droppedConnectionShowsReconnectingThenRecoversWithAFreshBook()
    {
        QTRY_VERIFY_WITH_TIMEOUT(ladderIsLive(*m_window), kTimeoutMs);
        const Category category = m_defaults.first().category;
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->marketStatusBar()->streamText(category).contains(QLatin1String("live")), kTimeoutMs);
        // What the status bar says at each change of the stream's state (it updates before this slot runs).
        QObject scope; // the connections below end with this test function
        QStringList shown;
        connect(m_session.get(), &MarketSession::streamStateChanged, &scope, [&](Category c) {
            if (c == category)
                shown << m_window->marketStatusBar()->streamText(category);
        });
        QList<OrderBook::State> states;
        connect(m_session.get(), &MarketSession::bookStateChanged, &scope,
                [&](const SymbolKey& key, OrderBook::State state) {
                    if (key == m_defaults.first())
                        states << state;
                });
        m_venue->dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.filter(QLatin1String("reconnecting in")).isEmpty(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->marketStatusBar()->streamText(category).contains(QLatin1String("live")), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(states.contains(OrderBook::State::Resyncing) && ladderIsLive(*m_window),
                                 kTimeoutMs);
        // The book went through resyncing before it was live again: nothing from before the drop survived.
        QVERIFY(states.indexOf(OrderBook::State::Resyncing) < states.lastIndexOf(OrderBook::State::Live));
        const OrderBookModel* book = m_session->bookModel();
        QVERIFY(decimalAt(book, book->askRowCount(), OrderBookModel::PriceColumn) <
                decimalAt(book, book->askRowCount() - 1, OrderBookModel::PriceColumn));
    }

    void layoutSurvivesSaveAndRestore()
    {
        m_window->resize(1280, 800);
        m_window->resetLayout();
        m_window->tabifyDockWidget(m_window->ladderDock(), m_window->tradesDock());
        m_window->chartDock()->hide();
        m_window->watchlistDock()->setFloating(true);
        QCoreApplication::processEvents();
        m_window->saveLayout();

        auto restored = std::make_unique<MainWindow>(*m_session);
        QVERIFY(!restored->chartDock()->isHidden());
        QVERIFY(restored->restoreLayout());
        restored->show();
        QVERIFY(restored->chartDock()->isHidden());
        QVERIFY(restored->watchlistDock()->isFloating());
        QVERIFY(restored->tabifiedDockWidgets(restored->ladderDock()).contains(restored->tradesDock()));
        QCOMPARE(restored->size(), m_window->size());

        restored->resetLayout();
        QVERIFY(!restored->chartDock()->isHidden());
        QVERIFY(!restored->watchlistDock()->isFloating());
        QVERIFY(restored->tabifiedDockWidgets(restored->ladderDock()).isEmpty());
    }

    void japaneseTranslationShowsJapaneseMenus()
    {
        QCOMPARE(m_window->menuBar()->actions().first()->text(), QStringLiteral("&File"));
        QCOMPARE(Language::apply(QStringLiteral("ja")), QStringLiteral("ja"));
        // Qt posts LanguageChange to every window.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->menuBar()->actions().first()->text(),
                                  QStringLiteral("ファイル(&F)"), kTimeoutMs);
        QStringList titles;
        for (const QAction* action : m_window->menuBar()->actions())
            titles << action->text();
        QCOMPARE(titles, (QStringList{QStringLiteral("ファイル(&F)"), QStringLiteral("表示(&V)"),
                                      QStringLiteral("設定(&S)"), QStringLiteral("ヘルプ(&H)")}));
        QCOMPARE(m_window->ladderDock()->windowTitle(), QStringLiteral("板"));
        QCOMPARE(m_window->tradesDock()->windowTitle(), QStringLiteral("歩み値"));
        QCOMPARE(m_window->orderEntryDock()->windowTitle(), QStringLiteral("注文入力"));
        QCOMPARE(m_window->positionsDock()->windowTitle(), QStringLiteral("ポジション"));
        // The chart's contract header, and a venue's own Japanese words for its error (bitbank's
        // errors_JP.md).
        QTRY_VERIFY_WITH_TIMEOUT(m_window->chartDock()->statsText().startsWith(QStringLiteral("マーク ")),
                                 kTimeoutMs);
        QVERIFY(m_window->chartDock()->statsText().contains(QStringLiteral("資金調達率")));
        QCOMPARE(bitbankErrorText(QStringLiteral("50009")),
                 QStringLiteral("50009 ご指定の注文は存在しません"));
        // Back to English, live.
        Language::apply(QStringLiteral("en"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->menuBar()->actions().first()->text(), QStringLiteral("&File"),
                                  kTimeoutMs);
    }

    void viewsRepaintAtMostOncePerFrame()
    {
        // A venue moving every 5 ms, and every watchlist symbol streaming: many more messages than frames.
        cleanup();
        startTerminal(5);
        QTRY_VERIFY_WITH_TIMEOUT(ladderIsLive(*m_window), kTimeoutMs);
        PaintCounter ladderPaints;
        PaintCounter watchlistPaints;
        LadderWidget* ladder = m_window->ladderDock()->ladder();
        QWidget* watchlist = watchlistView()->viewport();
        ladder->installEventFilter(&ladderPaints);
        watchlist->installEventFilter(&watchlistPaints);
        const auto messages = [&] {
            qint64 n = 0;
            for (const Category category : m_session->categories())
                n += m_session->feed(category)->framesReceived();
            return n;
        };
        const qint64 messagesBefore = messages();
        QElapsedTimer clock;
        clock.start();
        QTest::qWait(2000); // a measurement window, not a wait for a condition
        const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        const double messagesPerSecond = static_cast<double>(messages() - messagesBefore) / seconds;
        ladder->removeEventFilter(&ladderPaints);
        watchlist->removeEventFilter(&watchlistPaints);
        const double ladderRate = ladderPaints.paints / seconds;
        const double watchlistRate = watchlistPaints.paints / seconds;
        const QString rates = QStringLiteral("%1 messages/s; paints/s: ladder %2, watchlist %3")
                                  .arg(messagesPerSecond)
                                  .arg(ladderRate)
                                  .arg(watchlistRate);
        qInfo("%s", qPrintable(rates));
        // Repainting per message would exceed the frame rate by far.
        QVERIFY2(messagesPerSecond > 150, qPrintable(rates));
        QVERIFY2(ladderRate > 5 && ladderRate <= 65, qPrintable(rates));
        QVERIFY2(watchlistRate > 1 && watchlistRate <= 65, qPrintable(rates));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
