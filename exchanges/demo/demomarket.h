#pragma once

#include "models/instrument.h"
#include "models/marketdata.h"

#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

// What one simulated instrument trades like: its exchange rules (tick, lot, limits) and the character
// of its market (price level, volatility, how dense and deep its book is, how busy its tape is).
struct DemoSymbolSpec
{
    Category category = Category::Linear;
    QString symbol; // "BTCUSDT"
    QString baseCoin;
    QString quoteCoin;
    Decimal tickSize;
    Decimal lotSize; // linear qtyStep, spot basePrecision
    Decimal minOrderQty;
    Decimal maxOrderQty;
    Decimal minNotional; // linear minNotionalValue, spot minOrderAmt
    Decimal startPrice;
    double dailyVolatility = 0.03; // standard deviation of one day's log return
    int levelGapTicks = 1;         // typical distance between resting levels near the touch
    Decimal levelSize;             // typical resting size at one level
    Decimal tradeSize;             // typical taker order
    double tradesPerSecond = 2.0;  // taker orders arriving between price moves

    Instrument toInstrument() const; // venue "bybit"
};

// A deterministic (per seed) simulated market with no networking: per coin a fair price following a
// GARCH(1,1) random walk (volatility clusters), per instrument an L2 book of integer ticks and lots
// that makers keep around the fair price, takers that consume the touch, minute bars seeded with a
// synthetic history, and rolling 24 h statistics. Time is simulated: advance() moves it.
class DemoMarket final
{
public:
    struct Level
    {
        std::int64_t priceTicks = 0;
        std::int64_t lots = 0;
        friend bool operator==(const Level&, const Level&) = default;
    };
    struct Fill
    {
        std::int64_t timeMs = 0;
        std::uint64_t id = 0; // unique per instrument
        std::int64_t priceTicks = 0;
        std::int64_t lots = 0;
        Side takerSide = Side::Buy;
        int tickDirection = 0; // +1 up, -1 down, +2 zero-plus (same price after up), -2 zero-minus
    };
    struct Bar
    {
        std::int64_t openTimeMs = 0;
        std::int64_t open = 0, high = 0, low = 0, close = 0; // ticks
        std::int64_t volumeLots = 0;
        std::int64_t turnover = 0; // Σ ticks × lots
        friend bool operator==(const Bar&, const Bar&) = default;
    };
    struct Stats24h
    {
        std::int64_t prevPrice24h = 0; // ticks: the price 24 h ago
        std::int64_t prevPrice1h = 0;
        std::int64_t high = 0;
        std::int64_t low = 0;
        std::int64_t volumeLots = 0;
        std::int64_t turnover = 0; // Σ ticks × lots
    };

    class Book;

    // startTimeMs: the simulated clock's start (history lies before it).
    DemoMarket(std::vector<DemoSymbolSpec> specs, std::uint64_t seed, std::int64_t startTimeMs);
    ~DemoMarket();
    DemoMarket(const DemoMarket&) = delete;
    DemoMarket& operator=(const DemoMarket&) = delete;

    // BTC, ETH, SOL, XRP against USDT, each as a linear perpetual and on spot.
    static std::vector<DemoSymbolSpec> defaultSymbols();

    std::int64_t nowMs() const noexcept { return m_nowMs; }
    // Moves simulated time forward by ms in steps of at most 100 ms. Fills and closed bars of the
    // previous advance() are forgotten first.
    void advance(std::int64_t ms);

    std::size_t bookCount() const noexcept { return m_books.size(); }
    Book& book(std::size_t index) { return *m_books[index]; }
    const Book& book(std::size_t index) const { return *m_books[index]; }
    Book* find(Category category, const QString& symbol);
    const Book* find(Category category, const QString& symbol) const;

    // The seeded history reaches this far back (per interval), so kline queries know where to stop.
    static constexpr int MinuteHistoryDays = 8;
    static constexpr int HourHistoryDays = 400;

private:
    struct Coin;
    void step(std::int64_t dt);

    std::vector<std::unique_ptr<Coin>> m_coins;
    std::vector<std::unique_ptr<Book>> m_books;
    std::mt19937_64 m_random;
    std::int64_t m_nowMs = 0;
};

// One instrument's book, tape and bars. Bids ascending and asks descending: the best level of each
// side is at the back.
class DemoMarket::Book final
{
public:
    const DemoSymbolSpec& spec() const noexcept { return m_spec; }
    Category category() const noexcept { return m_spec.category; }
    const QString& symbol() const noexcept { return m_spec.symbol; }

    std::size_t bidCount() const noexcept { return m_bids.size(); }
    std::size_t askCount() const noexcept { return m_asks.size(); }
    const Level& bid(std::size_t i) const noexcept { return m_bids[m_bids.size() - 1 - i]; } // 0 = best
    const Level& ask(std::size_t i) const noexcept { return m_asks[m_asks.size() - 1 - i]; }
    std::int64_t bestBid() const noexcept { return m_bids.empty() ? 0 : m_bids.back().priceTicks; }
    std::int64_t bestAsk() const noexcept { return m_asks.empty() ? 0 : m_asks.back().priceTicks; }
    // Bumped whenever a level changes: publishers skip books that did not move.
    std::uint64_t version() const noexcept { return m_version; }
    // Increases with every change of the book, in steps of the number of levels changed (Bybit's seq).
    std::int64_t sequence() const noexcept { return m_sequence; }
    std::int64_t lastPrice() const noexcept { return m_lastPrice; }
    int lastTickDirection() const noexcept { return m_lastTickDirection; }
    double fairPrice() const noexcept;        // in ticks
    std::int64_t markPrice() const noexcept;  // ticks
    std::int64_t indexPrice() const noexcept; // ticks: the coin's spot fair price
    std::int64_t openInterestLots() const noexcept { return m_openInterestLots; }
    std::int64_t fundingRatePpm() const noexcept { return m_fundingRatePpm; } // 100 = 0.0001

    // Fills since the start of the last advance(), oldest first.
    const std::vector<Fill>& fills() const noexcept { return m_fills; }
    // A taker order of `lots` against the book: walks the opposite side from the best level,
    // filling and removing levels. Returns the fills (also appended to fills()). DemoAccount's
    // market orders (and the crossing part of limit orders) come through here.
    std::vector<Fill> executeTaker(Side side, std::int64_t lots, std::int64_t timeMs);
    // The firehose (DemoVenue::Options::firehoseRate): one level among the ten best of a side gets a
    // new size, or a small trade prints at the touch without taking liquidity. Both keep the book
    // consistent for every topic that publishes it.
    void churn(std::mt19937_64& random);
    void printTrade(std::mt19937_64& random, std::int64_t timeMs);
    std::uint64_t lastFillId() const noexcept { return m_nextFillId; }

    // The open bar of the interval, and bars that closed during the last advance().
    const Bar& currentBar(CandleInterval interval) const;
    const std::vector<Bar>& closedBars(CandleInterval interval) const;
    // Bars (closed, and the open one if in range) with start in [startMs, endMs], newest first, at
    // most limit; continuous with currentBar().
    std::vector<Bar> bars(CandleInterval interval, std::int64_t startMs, std::int64_t endMs, int limit) const;
    Stats24h stats24h() const;

    Decimal price(std::int64_t ticks) const noexcept;
    Decimal quantity(std::int64_t lots) const noexcept;
    Decimal turnover(std::int64_t tickLots) const noexcept; // Σ ticks × lots in quote units
    int priceScale() const noexcept { return m_spec.tickSize.scale(); }

private:
    friend class DemoMarket;
    Book(DemoSymbolSpec spec, Coin& coin, std::uint64_t seed);

    void seedBook(std::mt19937_64& random);
    void seedHistory(std::int64_t nowMs);
    void step(std::int64_t nowMs, std::int64_t dt, std::mt19937_64& random);
    void beginAdvance();
    void record(const Fill& fill);
    void rollBars(std::int64_t nowMs);
    void recomputeStats();
    void setLevel(std::vector<Level>& side, bool bids, std::int64_t price, std::int64_t lots);
    Bar aggregate(std::int64_t fromMs, std::int64_t toMs) const;
    std::int64_t randomLevelLots(std::mt19937_64& random, std::size_t depth) const;
    std::int64_t touchPrice(double fair, bool bid) const;

    DemoSymbolSpec m_spec;
    Coin& m_coin;
    std::int64_t m_tickMantissa = 1;
    std::int64_t m_lotMantissa = 1;
    std::int64_t m_levelLots = 1;
    std::int64_t m_tradeLots = 1;
    std::vector<Level> m_bids;
    std::vector<Level> m_asks;
    std::vector<Fill> m_fills;
    std::uint64_t m_version = 0;
    std::int64_t m_sequence = 0;
    std::uint64_t m_nextFillId = 0;
    std::int64_t m_lastPrice = 0;
    int m_lastTickDirection = 1;
    double m_basis = 0; // log(linear fair / coin fair)
    std::int64_t m_openInterestLots = 0;
    std::int64_t m_fundingRatePpm = 100;

    std::vector<Bar> m_hourBars;   // seeded history before the minute bars, ascending, contiguous
    std::vector<Bar> m_minuteBars; // closed minute bars, ascending, contiguous
    std::array<Bar, 6> m_current;  // per CandleInterval
    std::array<std::vector<Bar>, 6> m_closed;
    Stats24h m_windowStats; // the closed minutes of the rolling 24 h window (all but the open one)
};
