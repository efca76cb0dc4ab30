// The demo venue's market simulation on its own: no network, simulated time only.

#include "exchanges/demo/demomarket.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <numeric>

namespace {

constexpr std::int64_t kStart = 1'767'225'600'000 + 12'345; // 2026-01-01, mid-minute

std::vector<DemoSymbolSpec> only(Category category, const char* symbol)
{
    std::vector<DemoSymbolSpec> out;
    for (const DemoSymbolSpec& s : DemoMarket::defaultSymbols()) {
        if (s.category == category && s.symbol == QLatin1String(symbol))
            out.push_back(s);
    }
    return out;
}

QString bookText(const DemoMarket::Book& b)
{
    QString out;
    for (std::size_t i = 0; i < b.bidCount(); ++i)
        out += QStringLiteral("b%1:%2 ").arg(b.bid(i).priceTicks).arg(b.bid(i).lots);
    for (std::size_t i = 0; i < b.askCount(); ++i)
        out += QStringLiteral("a%1:%2 ").arg(b.ask(i).priceTicks).arg(b.ask(i).lots);
    return out;
}

} // namespace

class TestDemoMarket final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameMarket()
    {
        DemoMarket a(DemoMarket::defaultSymbols(), 42, kStart);
        DemoMarket b(DemoMarket::defaultSymbols(), 42, kStart);
        DemoMarket c(DemoMarket::defaultSymbols(), 43, kStart);
        std::int64_t fillsA = 0;
        for (int i = 0; i < 600; ++i) { // one minute in 100 ms steps
            a.advance(100);
            b.advance(100);
            c.advance(100);
            for (std::size_t k = 0; k < a.bookCount(); ++k) {
                QCOMPARE(a.book(k).fills().size(), b.book(k).fills().size());
                for (std::size_t f = 0; f < a.book(k).fills().size(); ++f) {
                    QCOMPARE(a.book(k).fills()[f].priceTicks, b.book(k).fills()[f].priceTicks);
                    QCOMPARE(a.book(k).fills()[f].lots, b.book(k).fills()[f].lots);
                }
                fillsA += static_cast<std::int64_t>(a.book(k).fills().size());
            }
        }
        QVERIFY(fillsA > 100);
        bool anyDifferent = false;
        for (std::size_t k = 0; k < a.bookCount(); ++k) {
            QCOMPARE(bookText(a.book(k)), bookText(b.book(k)));
            QCOMPARE(a.book(k).sequence(), b.book(k).sequence());
            QCOMPARE(a.book(k).bars(CandleInterval::OneMinute, 0, a.nowMs(), 50),
                     b.book(k).bars(CandleInterval::OneMinute, 0, b.nowMs(), 50));
            anyDifferent |= bookText(a.book(k)) != bookText(c.book(k));
        }
        QVERIFY(anyDifferent);
    }

    void booksNeverCrossAndStayOnTheGrid()
    {
        DemoMarket m(DemoMarket::defaultSymbols(), 7, kStart);
        for (int step = 0; step < 20 * 60 * 10; ++step) { // 20 minutes, 100 ms steps
            m.advance(100);
            for (std::size_t k = 0; k < m.bookCount(); ++k) {
                const DemoMarket::Book& b = m.book(k);
                QVERIFY2(b.bidCount() >= 200 && b.askCount() >= 200, qPrintable(b.symbol()));
                QVERIFY2(b.bestBid() < b.bestAsk(),
                         qPrintable(QStringLiteral("%1 crossed at step %2: %3 >= %4")
                                        .arg(b.symbol())
                                        .arg(step)
                                        .arg(b.bestBid())
                                        .arg(b.bestAsk())));
                if (step % 50 != 0)
                    continue;
                for (std::size_t i = 0; i < b.bidCount(); ++i) {
                    QVERIFY(b.bid(i).lots > 0 && b.bid(i).priceTicks > 0);
                    if (i)
                        QVERIFY(b.bid(i).priceTicks < b.bid(i - 1).priceTicks);
                }
                for (std::size_t i = 0; i < b.askCount(); ++i) {
                    QVERIFY(b.ask(i).lots > 0);
                    if (i)
                        QVERIFY(b.ask(i).priceTicks > b.ask(i - 1).priceTicks);
                }
                for (std::size_t i = 0; i < 5; ++i) {
                    QVERIFY(b.price(b.bid(i).priceTicks).isMultipleOf(b.spec().tickSize));
                    QVERIFY(b.price(b.ask(i).priceTicks).isMultipleOf(b.spec().tickSize));
                    QVERIFY(b.quantity(b.bid(i).lots).isMultipleOf(b.spec().lotSize));
                    QCOMPARE(b.price(b.bid(i).priceTicks).scale(), b.spec().tickSize.scale());
                }
            }
            for (std::size_t k = 0; k < m.bookCount(); ++k) {
                for (const DemoMarket::Fill& f : m.book(k).fills()) {
                    QVERIFY(m.book(k).quantity(f.lots).isMultipleOf(m.book(k).spec().lotSize));
                    QVERIFY(f.lots > 0);
                }
            }
        }
    }

    void takerConsumesTheTouch()
    {
        DemoMarket m(only(Category::Linear, "BTCUSDT"), 3, kStart);
        m.advance(5'000);
        DemoMarket::Book& b = m.book(0);
        const DemoMarket::Level a0 = b.ask(0), a1 = b.ask(1), a2 = b.ask(2);
        const std::int64_t bidBefore = b.bestBid();
        const std::int64_t seqBefore = b.sequence();
        // Everything at the best ask and part of the next level.
        const auto fills = b.executeTaker(Side::Buy, a0.lots + a1.lots / 2 + 1, m.nowMs());
        QCOMPARE(fills.size(), std::size_t(2));
        QCOMPARE(fills[0].priceTicks, a0.priceTicks);
        QCOMPARE(fills[0].lots, a0.lots);
        QCOMPARE(fills[0].takerSide, Side::Buy);
        QCOMPARE(fills[1].priceTicks, a1.priceTicks);
        QCOMPARE(fills[1].lots, a1.lots / 2 + 1);
        QCOMPARE(b.ask(0).priceTicks, a1.priceTicks);
        QCOMPARE(b.ask(0).lots, a1.lots - a1.lots / 2 - 1);
        QCOMPARE(b.ask(1), a2);
        QCOMPARE(b.bestBid(), bidBefore);
        QVERIFY(b.sequence() > seqBefore);
        QCOMPARE(b.lastPrice(), a1.priceTicks);
        QCOMPARE(b.currentBar(CandleInterval::OneMinute).close, a1.priceTicks);

        const DemoMarket::Level b0 = b.bid(0);
        const auto sells = b.executeTaker(Side::Sell, 1, m.nowMs());
        QCOMPARE(sells.size(), std::size_t(1));
        QCOMPARE(sells[0].priceTicks, b0.priceTicks);
        QCOMPARE(sells[0].tickDirection, -1);
        if (b0.lots > 1)
            QCOMPARE(b.bid(0), (DemoMarket::Level{b0.priceTicks, b0.lots - 1}));
        else
            QVERIFY(b.bid(0).priceTicks < b0.priceTicks);
    }

    void simulatedTradesHitTheBook()
    {
        // Every fill of a step happens at a price that was resting on the taker's opposite side.
        DemoMarket m(only(Category::Linear, "ETHUSDT"), 11, kStart);
        int checked = 0;
        for (int step = 0; step < 3000; ++step) {
            const DemoMarket::Book& b = m.book(0);
            const std::int64_t bid = b.bestBid(), ask = b.bestAsk();
            m.advance(50);
            for (const DemoMarket::Fill& f : b.fills()) {
                // Buys print at or above the ask that was best before the step (the touch moves within it).
                if (f.takerSide == Side::Buy)
                    QVERIFY(f.priceTicks > bid);
                else
                    QVERIFY(f.priceTicks < ask);
                ++checked;
            }
        }
        QVERIFY(checked > 50);
    }

    void volatilityClusters()
    {
        DemoMarket m(only(Category::Linear, "BTCUSDT"), 5, kStart);
        std::vector<double> absReturns;
        double previous = 0;
        for (int s = 0; s < 4 * 3600; ++s) { // four hours of one-second returns
            m.advance(1000);
            const double mid = 0.5 * static_cast<double>(m.book(0).bestBid() + m.book(0).bestAsk());
            if (s > 0)
                absReturns.push_back(std::abs(std::log(mid / previous)));
            previous = mid;
        }
        const double mean = std::accumulate(absReturns.begin(), absReturns.end(), 0.0) / absReturns.size();
        double var = 0;
        for (double r : absReturns)
            var += (r - mean) * (r - mean);
        double acfSum = 0;
        for (std::size_t lag = 1; lag <= 10; ++lag) {
            double cov = 0;
            for (std::size_t i = lag; i < absReturns.size(); ++i)
                cov += (absReturns[i] - mean) * (absReturns[i - lag] - mean);
            acfSum += cov / var;
        }
        // i.i.d. returns give ≈ 0 (standard error ≈ 0.008 per lag here); clustering gives clearly more.
        QVERIFY2(acfSum / 10 > 0.05,
                 qPrintable(QStringLiteral("mean ACF of |r|, lags 1–10: %1").arg(acfSum / 10)));
        // And the price does move like its daily volatility says (2.5 %/day → ≈ 0.0085 %/s).
        const double perSecond = mean * std::sqrt(std::numbers::pi / 2);
        QVERIFY2(perSecond > 0.00004 && perSecond < 0.0002, qPrintable(QString::number(perSecond)));
    }

    void minutesPassWithBarsAndStatsThatAgree()
    {
        DemoMarket m(only(Category::Spot, "SOLUSDT"), 9, kStart);
        const std::int64_t before = m.nowMs();
        int closedMinutes = 0;
        for (int i = 0; i < 10 * 60; ++i) {
            m.advance(1000);
            closedMinutes += static_cast<int>(m.book(0).closedBars(CandleInterval::OneMinute).size());
        }
        QCOMPARE(m.nowMs(), before + 600'000);
        QCOMPARE(closedMinutes, 10);
        const DemoMarket::Book& b = m.book(0);

        // Minute bars are contiguous and each opens where the previous closed, across the boundary
        // between seeded history and live trading.
        const auto minutes = b.bars(CandleInterval::OneMinute, 0, m.nowMs(), 1000);
        QCOMPARE(minutes.size(), std::size_t(1000));
        QCOMPARE(minutes.front(), b.currentBar(CandleInterval::OneMinute));
        QCOMPARE(minutes.front().openTimeMs, m.nowMs() - m.nowMs() % 60'000);
        for (std::size_t i = 1; i < minutes.size(); ++i) {
            QCOMPARE(minutes[i - 1].openTimeMs - minutes[i].openTimeMs, 60'000);
            QCOMPARE(minutes[i - 1].open, minutes[i].close);
            QVERIFY(minutes[i].low <= std::min(minutes[i].open, minutes[i].close));
            QVERIFY(minutes[i].high >= std::max(minutes[i].open, minutes[i].close));
        }

        // A 5-minute bar is its five minutes.
        const auto fives = b.bars(CandleInterval::FiveMinutes, 0, m.nowMs(), 20);
        for (const DemoMarket::Bar& five : fives) {
            const auto parts =
                b.bars(CandleInterval::OneMinute, five.openTimeMs, five.openTimeMs + 240'000, 5);
            QVERIFY(!parts.empty());
            std::int64_t volume = 0, high = 0, low = INT64_MAX;
            for (const auto& p : parts) {
                volume += p.volumeLots;
                high = std::max(high, p.high);
                low = std::min(low, p.low);
            }
            QCOMPARE(five.volumeLots, volume);
            QCOMPARE(five.high, high);
            QCOMPARE(five.low, low);
            QCOMPARE(five.close, parts.front().close);
            QCOMPARE(five.open, parts.back().open);
        }

        // 24 h statistics are the last 1440 minutes.
        const auto day = b.bars(CandleInterval::OneMinute, 0, m.nowMs(), 1440);
        std::int64_t volume = 0, turnover = 0, high = 0, low = INT64_MAX;
        for (const auto& bar : day) {
            volume += bar.volumeLots;
            turnover += bar.turnover;
            high = std::max(high, bar.high);
            low = std::min(low, bar.low);
        }
        const DemoMarket::Stats24h s = b.stats24h();
        QCOMPARE(s.volumeLots, volume);
        QCOMPARE(s.turnover, turnover);
        QCOMPARE(s.high, high);
        QCOMPARE(s.low, low);
        QCOMPARE(s.prevPrice24h, day.back().open);
        QVERIFY(volume > 0);

        // Daily bars reach back about a year and end in the open day.
        const auto days = b.bars(CandleInterval::OneDay, 0, m.nowMs(), 1000);
        QVERIFY2(days.size() >= 390 && days.size() <= 401, qPrintable(QString::number(days.size())));
        QCOMPARE(days.front(), b.currentBar(CandleInterval::OneDay));
        for (std::size_t i = 1; i < days.size(); ++i)
            QCOMPARE(days[i - 1].openTimeMs - days[i].openTimeMs, 86'400'000);

        // end and limit are honoured.
        const std::int64_t end = m.nowMs() - 3'600'000;
        const auto older = b.bars(CandleInterval::FifteenMinutes, 0, end, 7);
        QCOMPARE(older.size(), std::size_t(7));
        QVERIFY(older.front().openTimeMs <= end && older.front().openTimeMs > end - 900'000);
    }
};

QTEST_APPLESS_MAIN(TestDemoMarket)
#include "tst_demomarket.moc"
