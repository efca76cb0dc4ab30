// The window paints at most once per display frame while the market models follow the data at once:
// PaintPacer holds back Qt's repaint requests that come too soon (and paints what they carried at the
// next interval), and MarketSession refreshes its models when frames arrive, not on a timer.
#include "exchanges/demo/demovenue.h"
#include "exchanges/venues.h"
#include "models/orderbookmodel.h"
#include "models/tickermodel.h"
#include "ui/marketsession.h"
#include "ui/paintpacer.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QTest>
#include <QWidget>

namespace {

class CountingWidget final : public QWidget
{
public:
    int value = 0;
    int paintedValue = -1;
    int paints = 0;

protected:
    void paintEvent(QPaintEvent*) override
    {
        ++paints;
        paintedValue = value;
        QPainter(this).drawText(rect(), Qt::AlignCenter, QString::number(value));
    }
};

} // namespace

class TestPaintPacer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repaintsArePacedAndTheLastChangeIsPainted()
    {
        PaintPacer* pacer = PaintPacer::install(16);
        QCOMPARE(PaintPacer::install(16), pacer); // one per application
        CountingWidget w;
        w.resize(200, 100);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(w.paints > 0);
        const int paintsBefore = w.paints;
        const qint64 deferredBefore = pacer->deferred();

        // A change per event-loop pass, as a market model under load would: far more than 60 a second.
        QElapsedTimer clock;
        clock.start();
        for (int i = 1; i <= 400; ++i) {
            w.value = i;
            w.update();
            QCoreApplication::processEvents();
            QCoreApplication::sendPostedEvents();
            QTest::qWait(1);
        }
        const qint64 elapsedMs = clock.elapsed();
        QTRY_COMPARE(w.paintedValue, 400); // nothing is lost: the last change is on screen
        const int paints = w.paints - paintsBefore;
        QVERIFY2(paints <= elapsedMs / 16 + 3,
                 qPrintable(QStringLiteral("%1 paints in %2 ms").arg(paints).arg(elapsedMs)));
        QVERIFY(paints >= 2);
        QVERIFY(pacer->deferred() > deferredBefore);
    }

    void aLoneChangePaintsAtOnce()
    {
        PaintPacer::install(16);
        CountingWidget w;
        w.resize(200, 100);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(w.paints > 0);
        QTest::qWait(50); // longer than the interval since the last paint
        w.value = 7;
        w.update();
        // Delivered on the next pass of the event loop, not held for an interval.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(w.paintedValue, 7);
    }

    void marketModelsFollowTheDataNotTheFrameTimer()
    {
        DemoVenue::Options venueOptions;
        venueOptions.seed = 5;
        DemoVenue venue(venueOptions);
        QVERIFY2(venue.start(), qPrintable(venue.errorString()));
        MarketSession::Options options;
        options.demo = true;
        options.categories = {Category::Linear};
        options.streamUrls.insert(Category::Linear, venue.publicStreamUrl(Category::Linear));
        options.restUrl = venue.restUrl();
        options.frameIntervalMs = 3'600'000; // the frame timer never fires during this test
        MarketSession session(createMarketDataAdapter(QStringLiteral("bybit")), options);
        const SymbolKey btc{Category::Linear, QStringLiteral("BTCUSDT")};
        session.setWatchlist({btc});
        session.setActiveSymbol(btc);
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(session.bookModel()->bookState() == OrderBook::State::Live &&
                                     session.bookModel()->rowCount() > 0,
                                 15000);
        QTRY_VERIFY_WITH_TIMEOUT(session.tickerModel(Category::Linear)->rowCount() == 1, 15000);
        // And it keeps following: the book model changes again as deltas arrive.
        const quint64 refreshes = session.bookModel()->refreshCount();
        QTRY_VERIFY_WITH_TIMEOUT(session.bookModel()->refreshCount() > refreshes, 15000);
        QCOMPARE(session.changedFrames(), quint64(0)); // no frame tick happened
    }
};

QTEST_MAIN(TestPaintPacer)
#include "tst_paintpacer.moc"
