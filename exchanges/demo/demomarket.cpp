#include "demomarket.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kMaxStepMs = 100;
// Each side keeps between these many levels, so orderbook.200 always has 200 to show.
constexpr std::size_t kMinLevels = 210;
constexpr std::size_t kMaxLevels = 260;
// Resting-order changes per second per book (adds, cancels, new levels near the touch).
constexpr double kMakerEventsPerSecond = 40.0;
// When the fair price moves through resting orders, this share of them trades; makers pull the rest.
constexpr double kSweepTradeShare = 0.04;

constexpr CandleInterval kIntervals[6] = {CandleInterval::OneMinute,      CandleInterval::FiveMinutes,
                                          CandleInterval::FifteenMinutes, CandleInterval::OneHour,
                                          CandleInterval::FourHours,      CandleInterval::OneDay};

double uniform01(std::mt19937_64& r)
{
    return static_cast<double>(r() >> 11) * 0x1.0p-53;
}

double normal(std::mt19937_64& r)
{
    // Box–Muller with our own uniforms: the same stream on every standard library.
    const double u1 = std::max(uniform01(r), 1e-300);
    const double u2 = uniform01(r);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

int poisson(std::mt19937_64& r, double lambda)
{
    const double limit = std::exp(-lambda);
    double p = uniform01(r);
    int n = 0;
    while (p > limit && n < 1000) {
        p *= uniform01(r);
        ++n;
    }
    return n;
}

// 0, 1, 2 … with P(k) = p (1 - p)^k.
std::size_t geometric(std::mt19937_64& r, double p)
{
    const double u = std::max(uniform01(r), 1e-300);
    return static_cast<std::size_t>(std::floor(std::log(u) / std::log(1.0 - p)));
}

Decimal dec(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

std::int64_t pow10(int n)
{
    std::int64_t v = 1;
    while (n-- > 0)
        v *= 10;
    return v;
}

std::int64_t floorTo(std::int64_t t, std::int64_t step)
{
    return t >= 0 ? t - t % step : t - ((t % step) + step) % step;
}

int intervalIndex(CandleInterval interval)
{
    return static_cast<int>(interval);
}

// Merges b (later) into a; a with openTimeMs < 0 is empty.
void mergeBar(DemoMarket::Bar& a, const DemoMarket::Bar& b)
{
    if (a.openTimeMs < 0) {
        const std::int64_t start = a.openTimeMs == -1 ? b.openTimeMs : -a.openTimeMs - 2;
        a = b;
        a.openTimeMs = start;
        return;
    }
    a.high = std::max(a.high, b.high);
    a.low = std::min(a.low, b.low);
    a.close = b.close;
    a.volumeLots += b.volumeLots;
    a.turnover += b.turnover;
}

// An empty accumulator for a bar starting at openTimeMs.
DemoMarket::Bar emptyBar(std::int64_t openTimeMs)
{
    DemoMarket::Bar b;
    b.openTimeMs = -openTimeMs - 2;
    return b;
}

} // namespace

Instrument DemoSymbolSpec::toInstrument() const
{
    Instrument i;
    i.venue = QStringLiteral("bybit");
    i.symbol = symbol;
    i.category = category;
    i.baseAsset = baseCoin;
    i.quoteAsset = quoteCoin;
    i.tickSize = tickSize;
    i.lotSize = lotSize;
    i.minQuantity = minOrderQty;
    i.maxQuantity = maxOrderQty;
    i.minNotional = minNotional;
    i.trading = true;
    return i;
}

// One coin's fair price: log price with GARCH(1,1) variance on one-second returns.
struct DemoMarket::Coin
{
    QString name;
    double logPrice = 0;
    double variance = 0; // per second
    double omega = 0;
    double alpha = 0.06;
    double beta = 0.93;
    double secondReturn = 0;
    std::int64_t secondMs = 0;

    // Synthetic history, oldest first, in quote units: minute bars then (before them) hour bars.
    struct PathBar
    {
        double open, high, low, close, activity;
    };
    std::vector<PathBar> hours;
    std::vector<PathBar> minutes;

    void step(std::int64_t dt, std::mt19937_64& random)
    {
        const double r = std::sqrt(variance * static_cast<double>(dt) / 1000.0) * normal(random);
        logPrice += r;
        secondReturn += r;
        secondMs += dt;
        if (secondMs >= 1000) {
            variance = omega + alpha * secondReturn * secondReturn + beta * variance;
            secondReturn = 0;
            secondMs = 0;
        }
    }
};

std::vector<DemoSymbolSpec> DemoMarket::defaultSymbols()
{
    struct Row
    {
        Category category;
        const char *symbol, *base, *tick, *lot, *minQty, *maxQty, *minNotional, *price;
        double vol;
        int gap;
        const char *levelSize, *tradeSize;
        double tps;
    };
    // Rules as Bybit lists them (instruments-info, 2025); prices near late-2025 levels.
    static const Row rows[] = {
        {Category::Linear, "BTCUSDT", "BTC", "0.10", "0.001", "0.001", "1190.000", "5", "112000.0", 0.025, 1,
         "0.35", "0.025", 6},
        {Category::Linear, "ETHUSDT", "ETH", "0.01", "0.01", "0.01", "7240.00", "5", "4200.00", 0.035, 3, "6",
         "0.5", 5},
        {Category::Linear, "SOLUSDT", "SOL", "0.010", "0.1", "0.1", "79770.0", "5", "200.000", 0.045, 1, "90",
         "8", 4},
        {Category::Linear, "XRPUSDT", "XRP", "0.0001", "1", "1", "1000000", "5", "2.9000", 0.045, 1, "9000",
         "700", 3},
        {Category::Linear, "DOGEUSDT", "DOGE", "0.00001", "1", "1", "6500000", "5", "0.20000", 0.05, 1,
         "120000", "9000", 3},
        {Category::Spot, "BTCUSDT", "BTC", "0.01", "0.000001", "0.000048", "71.73956243", "1", "112000.00",
         0.025, 10, "0.12", "0.01", 4},
        {Category::Spot, "ETHUSDT", "ETH", "0.01", "0.00001", "0.00062", "1229.2336343", "1", "4200.00",
         0.035, 3, "3", "0.3", 3},
        {Category::Spot, "SOLUSDT", "SOL", "0.01", "0.001", "0.022", "15000", "1", "200.00", 0.045, 1, "40",
         "4", 2},
        {Category::Spot, "XRPUSDT", "XRP", "0.0001", "0.01", "1.53", "600000", "1", "2.9000", 0.045, 1,
         "5000", "400", 2},
        {Category::Spot, "DOGEUSDT", "DOGE", "0.00001", "0.1", "5", "2000000", "1", "0.20000", 0.05, 1,
         "60000", "5000", 2},
    };
    std::vector<DemoSymbolSpec> out;
    for (const Row& r : rows) {
        DemoSymbolSpec s;
        s.category = r.category;
        s.symbol = QString::fromLatin1(r.symbol);
        s.baseCoin = QString::fromLatin1(r.base);
        s.quoteCoin = QStringLiteral("USDT");
        s.tickSize = dec(r.tick);
        s.lotSize = dec(r.lot);
        s.minOrderQty = dec(r.minQty);
        s.maxOrderQty = dec(r.maxQty);
        s.minNotional = dec(r.minNotional);
        s.startPrice = dec(r.price);
        s.dailyVolatility = r.vol;
        s.levelGapTicks = r.gap;
        s.levelSize = dec(r.levelSize);
        s.tradeSize = dec(r.tradeSize);
        s.tradesPerSecond = r.tps;
        out.push_back(std::move(s));
    }
    return out;
}

DemoMarket::DemoMarket(std::vector<DemoSymbolSpec> specs, std::uint64_t seed, std::int64_t startTimeMs)
    : m_random(seed)
    , m_nowMs(startTimeMs)
{
    const std::int64_t minuteStart = floorTo(startTimeMs, kMinuteMs);
    const std::int64_t minuteTierStart = floorTo(startTimeMs, kDayMs) - (MinuteHistoryDays - 1) * kDayMs;
    const std::int64_t minutes = (minuteStart - minuteTierStart) / kMinuteMs;
    const std::int64_t hours = (HourHistoryDays - MinuteHistoryDays) * 24;

    for (const DemoSymbolSpec& spec : specs) {
        Coin* coin = nullptr;
        for (auto& c : m_coins) {
            if (c->name == spec.baseCoin)
                coin = c.get();
        }
        if (!coin) {
            auto c = std::make_unique<Coin>();
            c->name = spec.baseCoin;
            c->logPrice = std::log(spec.startPrice.toDouble());
            const double meanVariance = spec.dailyVolatility * spec.dailyVolatility / 86400.0;
            c->omega = meanVariance * (1.0 - c->alpha - c->beta);
            c->variance = meanVariance;
            // History, generated backwards from the start price (a random walk reads the same both
            // ways), with slowly varying volatility so quiet and busy stretches alternate.
            auto walk = [&](std::vector<Coin::PathBar>& out, std::int64_t count, double barSeconds,
                            double price) {
                out.resize(static_cast<std::size_t>(count));
                const double sigma = std::sqrt(meanVariance * barSeconds);
                double logVol = 0;
                for (std::int64_t k = count - 1; k >= 0; --k) {
                    logVol = 0.97 * logVol + 0.25 * normal(m_random);
                    const double s = sigma * std::exp(logVol - 0.5);
                    const double r = s * normal(m_random);
                    Coin::PathBar b;
                    b.close = price;
                    b.open = price * std::exp(-r);
                    b.high = std::max(b.open, b.close) * std::exp(std::abs(normal(m_random)) * s * 0.4);
                    b.low = std::min(b.open, b.close) * std::exp(-std::abs(normal(m_random)) * s * 0.4);
                    b.activity = (0.4 + std::abs(r) / sigma) * std::exp(0.3 * normal(m_random));
                    out[static_cast<std::size_t>(k)] = b;
                    price = b.open;
                }
                return price;
            };
            const double oldest = walk(c->minutes, minutes, 60.0, spec.startPrice.toDouble());
            walk(c->hours, hours, 3600.0, oldest);
            coin = c.get();
            m_coins.push_back(std::move(c));
        }
        auto book = std::unique_ptr<Book>(new Book(spec, *coin, m_random()));
        book->m_sequence = 7'000'000'000 + static_cast<std::int64_t>(m_books.size()) * 100'000'000 +
                           static_cast<std::int64_t>(m_random() % 1'000'000);
        book->seedBook(m_random);
        book->seedHistory(startTimeMs);
        m_books.push_back(std::move(book));
    }
    // The history paths are only needed to seed the books' bars.
    for (auto& c : m_coins) {
        c->hours = {};
        c->minutes = {};
    }
}

DemoMarket::~DemoMarket() = default;

DemoMarket::Book* DemoMarket::find(Category category, const QString& symbol)
{
    for (auto& b : m_books) {
        if (b->category() == category && b->symbol() == symbol)
            return b.get();
    }
    return nullptr;
}

const DemoMarket::Book* DemoMarket::find(Category category, const QString& symbol) const
{
    return const_cast<DemoMarket*>(this)->find(category, symbol);
}

void DemoMarket::advance(std::int64_t ms)
{
    for (auto& b : m_books)
        b->beginAdvance();
    while (ms > 0) {
        // Steps never cross a minute boundary, so every fill falls in the bar that is open.
        const std::int64_t toMinute = kMinuteMs - (m_nowMs - floorTo(m_nowMs, kMinuteMs));
        const std::int64_t dt = std::min({ms, kMaxStepMs, toMinute});
        step(dt);
        ms -= dt;
    }
}

void DemoMarket::step(std::int64_t dt)
{
    for (auto& c : m_coins)
        c->step(dt, m_random);
    for (auto& b : m_books)
        b->step(m_nowMs, dt, m_random);
    m_nowMs += dt;
    for (auto& b : m_books)
        b->rollBars(m_nowMs);
}

// --- Book -------------------------------------------------------------------------------------------

DemoMarket::Book::Book(DemoSymbolSpec spec, Coin& coin, std::uint64_t seed)
    : m_spec(std::move(spec))
    , m_coin(coin)
{
    m_tickMantissa = m_spec.tickSize.mantissa();
    m_lotMantissa = m_spec.lotSize.mantissa();
    const auto lots = [this](Decimal size) {
        const auto m = size.mantissaAtScale(m_spec.lotSize.scale());
        return std::max<std::int64_t>(1, m.value_or(1) / m_lotMantissa);
    };
    m_levelLots = lots(m_spec.levelSize);
    m_tradeLots = lots(m_spec.tradeSize);
    m_openInterestLots = m_levelLots * 150'000;
    m_fundingRatePpm = 50 + static_cast<std::int64_t>(seed % 100);
}

Decimal DemoMarket::Book::price(std::int64_t ticks) const noexcept
{
    return Decimal::fromMantissa(ticks * m_tickMantissa, m_spec.tickSize.scale());
}

Decimal DemoMarket::Book::quantity(std::int64_t lots) const noexcept
{
    return Decimal::fromMantissa(lots * m_lotMantissa, m_spec.lotSize.scale());
}

Decimal DemoMarket::Book::turnover(std::int64_t tickLots) const noexcept
{
    return Decimal::fromMantissa(tickLots * m_tickMantissa * m_lotMantissa,
                                 m_spec.tickSize.scale() + m_spec.lotSize.scale());
}

double DemoMarket::Book::fairPrice() const noexcept
{
    const double tick = static_cast<double>(m_tickMantissa) / static_cast<double>(pow10(priceScale()));
    return std::exp(m_coin.logPrice + m_basis) / tick;
}

std::int64_t DemoMarket::Book::markPrice() const noexcept
{
    return std::llround(fairPrice());
}

std::int64_t DemoMarket::Book::indexPrice() const noexcept
{
    const double tick = static_cast<double>(m_tickMantissa) / static_cast<double>(pow10(priceScale()));
    return std::llround(std::exp(m_coin.logPrice) / tick);
}

std::int64_t DemoMarket::Book::randomLevelLots(std::mt19937_64& random, std::size_t depth) const
{
    const double size = static_cast<double>(m_levelLots) * std::exp(0.9 * normal(random) - 0.4) *
                        (1.0 + static_cast<double>(depth) / 40.0);
    return std::max<std::int64_t>(1, std::llround(size));
}

void DemoMarket::Book::setLevel(std::vector<Level>& side, bool bids, std::int64_t price, std::int64_t lots)
{
    auto it = bids ? std::lower_bound(side.begin(), side.end(), price,
                                      [](const Level& l, std::int64_t p) { return l.priceTicks < p; })
                   : std::lower_bound(side.begin(), side.end(), price,
                                      [](const Level& l, std::int64_t p) { return l.priceTicks > p; });
    const bool found = it != side.end() && it->priceTicks == price;
    if (lots <= 0) {
        if (!found)
            return;
        side.erase(it);
    } else if (found) {
        if (it->lots == lots)
            return;
        it->lots = lots;
    } else {
        side.insert(it, Level{price, lots});
    }
    ++m_version;
    ++m_sequence;
}

void DemoMarket::Book::seedBook(std::mt19937_64& random)
{
    const double fair = fairPrice();
    const int gap = std::max(1, m_spec.levelGapTicks);
    std::int64_t bid = static_cast<std::int64_t>(std::ceil(fair)) - 1;
    std::int64_t ask = bid + 1 + static_cast<std::int64_t>(uniform01(random) * gap);
    for (std::size_t i = 0; i < (kMinLevels + kMaxLevels) / 2; ++i) {
        m_bids.insert(m_bids.begin(), Level{bid, randomLevelLots(random, i)});
        m_asks.insert(m_asks.begin(), Level{ask, randomLevelLots(random, i)});
        bid -= 1 + static_cast<std::int64_t>(uniform01(random) * (2 * gap - 1));
        ask += 1 + static_cast<std::int64_t>(uniform01(random) * (2 * gap - 1));
    }
    m_lastPrice = bestBid();
    ++m_version;
}

void DemoMarket::Book::seedHistory(std::int64_t nowMs)
{
    const std::int64_t minuteStart = floorTo(nowMs, kMinuteMs);
    const std::int64_t minuteTierStart =
        minuteStart - static_cast<std::int64_t>(m_coin.minutes.size()) * kMinuteMs;
    const std::int64_t hourTierStart =
        minuteTierStart - static_cast<std::int64_t>(m_coin.hours.size()) * kHourMs;
    const double tick = static_cast<double>(m_tickMantissa) / static_cast<double>(pow10(priceScale()));
    const double lotsPerMinute = static_cast<double>(m_tradeLots) * m_spec.tradesPerSecond * 60.0 * 2.0;
    auto convert = [&](const Coin::PathBar& p, std::int64_t openTimeMs, double minutes) {
        Bar b;
        b.openTimeMs = openTimeMs;
        b.open = std::max<std::int64_t>(1, std::llround(p.open / tick));
        b.close = std::max<std::int64_t>(1, std::llround(p.close / tick));
        b.high = std::max<std::int64_t>({b.open, b.close, std::llround(p.high / tick)});
        b.low =
            std::max<std::int64_t>(1, std::min<std::int64_t>({b.open, b.close, std::llround(p.low / tick)}));
        b.volumeLots = std::llround(lotsPerMinute * minutes * p.activity);
        b.turnover = b.volumeLots * ((b.open + b.high + b.low + b.close) / 4);
        return b;
    };
    m_hourBars.reserve(m_coin.hours.size());
    for (std::size_t k = 0; k < m_coin.hours.size(); ++k)
        m_hourBars.push_back(
            convert(m_coin.hours[k], hourTierStart + static_cast<std::int64_t>(k) * kHourMs, 60.0));
    m_minuteBars.reserve(m_coin.minutes.size() + 24 * 60);
    for (std::size_t k = 0; k < m_coin.minutes.size(); ++k)
        m_minuteBars.push_back(
            convert(m_coin.minutes[k], minuteTierStart + static_cast<std::int64_t>(k) * kMinuteMs, 1.0));
    // The open minute starts at the last close; the book sits at the start price.
    const std::int64_t open = m_minuteBars.empty() ? m_lastPrice : m_minuteBars.back().close;
    m_lastPrice = open;
    Bar minute{minuteStart, open, open, open, open, 0, 0};
    for (CandleInterval interval : kIntervals) {
        const std::int64_t ms = intervalMilliseconds(interval);
        const std::int64_t start = floorTo(nowMs, ms);
        Bar bar = start < minuteStart ? aggregate(start, minuteStart) : emptyBar(start);
        mergeBar(bar, minute);
        bar.openTimeMs = start;
        m_current[static_cast<std::size_t>(intervalIndex(interval))] = bar;
    }
    recomputeStats();
}

void DemoMarket::Book::beginAdvance()
{
    m_fills.clear();
    for (auto& c : m_closed)
        c.clear();
}

void DemoMarket::Book::record(const Fill& fill)
{
    m_fills.push_back(fill);
    m_lastPrice = fill.priceTicks;
    m_lastTickDirection = fill.tickDirection;
    for (Bar& bar : m_current) {
        bar.high = std::max(bar.high, fill.priceTicks);
        bar.low = std::min(bar.low, fill.priceTicks);
        bar.close = fill.priceTicks;
        bar.volumeLots += fill.lots;
        bar.turnover += fill.lots * fill.priceTicks;
    }
    // Open interest drifts with the tape: some fills open positions, some close them.
    if (m_spec.category == Category::Linear)
        m_openInterestLots = std::max<std::int64_t>(
            m_levelLots, m_openInterestLots + ((fill.id % 2) ? fill.lots : -fill.lots));
}

std::vector<DemoMarket::Fill> DemoMarket::Book::executeTaker(Side side, std::int64_t lots,
                                                             std::int64_t timeMs)
{
    std::vector<Fill> out;
    std::vector<Level>& opposite = side == Side::Buy ? m_asks : m_bids;
    while (lots > 0 && !opposite.empty()) {
        Level& best = opposite.back();
        const std::int64_t take = std::min(lots, best.lots);
        Fill f;
        f.timeMs = timeMs;
        f.id = ++m_nextFillId;
        f.priceTicks = best.priceTicks;
        f.lots = take;
        f.takerSide = side;
        if (f.priceTicks > m_lastPrice)
            f.tickDirection = 1;
        else if (f.priceTicks < m_lastPrice)
            f.tickDirection = -1;
        else
            f.tickDirection = m_lastTickDirection > 0 ? 2 : -2;
        best.lots -= take;
        if (best.lots == 0)
            opposite.pop_back();
        ++m_version;
        ++m_sequence;
        lots -= take;
        record(f);
        out.push_back(f);
    }
    return out;
}

void DemoMarket::Book::churn(std::mt19937_64& random)
{
    const bool bids = (random() & 1) != 0;
    std::vector<Level>& side = bids ? m_bids : m_asks;
    if (side.empty())
        return;
    const std::size_t depth = random() % std::min<std::size_t>(10, side.size());
    const Level& level = side[side.size() - 1 - depth];
    std::int64_t lots = randomLevelLots(random, depth);
    if (lots == level.lots)
        ++lots;
    setLevel(side, bids, level.priceTicks, lots);
}

void DemoMarket::Book::printTrade(std::mt19937_64& random, std::int64_t timeMs)
{
    const Side side = (random() & 1) != 0 ? Side::Buy : Side::Sell;
    const std::vector<Level>& opposite = side == Side::Buy ? m_asks : m_bids;
    if (opposite.empty())
        return;
    Fill f;
    f.timeMs = timeMs;
    f.id = ++m_nextFillId;
    f.priceTicks = opposite.back().priceTicks;
    f.lots = std::min<std::int64_t>(opposite.back().lots, 1 + static_cast<std::int64_t>(random() % 5));
    f.takerSide = side;
    if (f.priceTicks > m_lastPrice)
        f.tickDirection = 1;
    else if (f.priceTicks < m_lastPrice)
        f.tickDirection = -1;
    else
        f.tickDirection = m_lastTickDirection > 0 ? 2 : -2;
    record(f);
}

std::int64_t DemoMarket::Book::touchPrice(double fair, bool bid) const
{
    return bid ? static_cast<std::int64_t>(std::floor(fair - 0.5))
               : static_cast<std::int64_t>(std::ceil(fair + 0.5));
}

void DemoMarket::Book::step(std::int64_t nowMs, std::int64_t dt, std::mt19937_64& random)
{
    const double seconds = static_cast<double>(dt) / 1000.0;
    const int gap = std::max(1, m_spec.levelGapTicks);
    if (m_spec.category == Category::Linear) {
        // The perpetual's premium over spot mean-reverts within minutes.
        m_basis += -m_basis * seconds / 120.0 + 0.00003 * std::sqrt(seconds) * normal(random);
        if (uniform01(random) < seconds / 10.0)
            m_fundingRatePpm =
                std::clamp<std::int64_t>(m_fundingRatePpm + (uniform01(random) < 0.5 ? -1 : 1), -750, 750);
    }
    const double fair = fairPrice();
    int fillIndex = 0;
    const auto fillTime = [&] { return nowMs + std::min<std::int64_t>(dt - 1, fillIndex++); };

    // 1. The fair price moved through resting orders: a few trade, makers pull the rest.
    for (const bool buy : {true, false}) {
        std::vector<Level>& side = buy ? m_asks : m_bids;
        while (!side.empty() && (buy ? static_cast<double>(side.back().priceTicks) < fair - 0.5
                                     : static_cast<double>(side.back().priceTicks) > fair + 0.5)) {
            const std::int64_t price = side.back().priceTicks;
            if (uniform01(random) < kSweepTradeShare) {
                const double share = 0.3 + 0.7 * uniform01(random);
                const std::int64_t lots = std::max<std::int64_t>(
                    1, static_cast<std::int64_t>(static_cast<double>(side.back().lots) * share));
                executeTaker(buy ? Side::Buy : Side::Sell, lots, fillTime());
                if (!side.empty() && side.back().priceTicks == price)
                    setLevel(side, !buy, price, 0); // the rest is pulled
            } else {
                setLevel(side, !buy, side.back().priceTicks, 0);
            }
        }
    }

    // 2. Takers: mostly small, now and then one that walks a few levels; they lean toward the fair price.
    const int takers = poisson(random, m_spec.tradesPerSecond * seconds);
    for (int i = 0; i < takers; ++i) {
        const double mid =
            m_bids.empty() || m_asks.empty() ? fair : 0.5 * static_cast<double>(bestBid() + bestAsk());
        const double lean = std::clamp((fair - mid) / (4.0 * gap), -0.3, 0.3);
        const Side side = uniform01(random) < 0.5 + lean ? Side::Buy : Side::Sell;
        const auto lots = std::max<std::int64_t>(
            1, std::llround(static_cast<double>(m_tradeLots) * std::exp(1.0 * normal(random) - 0.5)));
        executeTaker(side, lots, fillTime());
    }

    // 3. Makers add to, trim and cancel resting orders, mostly near the touch.
    const int events = poisson(random, kMakerEventsPerSecond * seconds);
    for (int i = 0; i < events; ++i) {
        const bool bid = uniform01(random) < 0.5;
        std::vector<Level>& side = bid ? m_bids : m_asks;
        if (side.size() < 2)
            continue;
        const std::size_t depth = std::min(geometric(random, 0.12), side.size() - 2);
        const Level level = side[side.size() - 1 - depth];
        const double roll = uniform01(random);
        if (roll < 0.45) {
            setLevel(side, bid, level.priceTicks, level.lots + randomLevelLots(random, depth) / 2 + 1);
        } else if (roll < 0.8) {
            const auto keep = static_cast<std::int64_t>(static_cast<double>(level.lots) * uniform01(random));
            setLevel(side, bid, level.priceTicks, uniform01(random) < 0.3 ? 0 : keep);
        } else {
            // A new level in the gap behind this one.
            const Level& next = side[side.size() - 2 - depth];
            const std::int64_t room = std::abs(level.priceTicks - next.priceTicks) - 1;
            if (room > 0) {
                const std::int64_t offset =
                    1 + static_cast<std::int64_t>(uniform01(random) * static_cast<double>(room));
                const std::int64_t price = bid ? level.priceTicks - offset : level.priceTicks + offset;
                setLevel(side, bid, price, randomLevelLots(random, depth));
            }
        }
    }

    // 4. The touch follows the fair price: quotes join on the side it left behind; never crossing.
    for (const bool bid : {true, false}) {
        std::vector<Level>& side = bid ? m_bids : m_asks;
        const std::vector<Level>& other = bid ? m_asks : m_bids;
        const double distance = side.empty() ? 1e18
                                             : (bid ? fair - static_cast<double>(bestBid())
                                                    : static_cast<double>(bestAsk()) - fair);
        if (distance <= 1.5 * gap + 1.0)
            continue;
        std::int64_t price =
            touchPrice(fair, bid) + (bid ? -1 : 1) * static_cast<std::int64_t>(uniform01(random) * gap);
        if (!other.empty())
            price = bid ? std::min(price, bestAsk() - 1) : std::max(price, bestBid() + 1);
        if (!side.empty() && (bid ? price <= bestBid() : price >= bestAsk()))
            continue;
        if (price <= 0)
            continue;
        setLevel(side, bid, price, randomLevelLots(random, 0));
    }

    // 5. Depth: new orders at the far end, the farthest dropped, so each side stays 210–260 deep.
    for (const bool bid : {true, false}) {
        std::vector<Level>& side = bid ? m_bids : m_asks;
        while (side.size() < kMinLevels) {
            const std::int64_t worst = side.empty() ? touchPrice(fair, bid) : side.front().priceTicks;
            const std::int64_t step = 1 + static_cast<std::int64_t>(uniform01(random) * (3 * gap - 1));
            const std::int64_t price = side.empty() ? worst : (bid ? worst - step : worst + step);
            if (price <= 0)
                break;
            setLevel(side, bid, price, randomLevelLots(random, side.size()));
        }
        while (side.size() > kMaxLevels)
            setLevel(side, bid, side.front().priceTicks, 0);
    }
}

void DemoMarket::Book::rollBars(std::int64_t nowMs)
{
    bool minuteClosed = false;
    for (CandleInterval interval : kIntervals) {
        const auto index = static_cast<std::size_t>(intervalIndex(interval));
        Bar& bar = m_current[index];
        const std::int64_t ms = intervalMilliseconds(interval);
        if (nowMs < bar.openTimeMs + ms)
            continue;
        m_closed[index].push_back(bar);
        if (interval == CandleInterval::OneMinute) {
            m_minuteBars.push_back(bar);
            minuteClosed = true;
        }
        bar = Bar{floorTo(nowMs, ms), m_lastPrice, m_lastPrice, m_lastPrice, m_lastPrice, 0, 0};
    }
    if (minuteClosed)
        recomputeStats();
}

void DemoMarket::Book::recomputeStats()
{
    // The rolling window: the 1439 closed minutes before the open one.
    Stats24h s;
    const std::size_t n = m_minuteBars.size();
    const std::size_t from = n > 1439 ? n - 1439 : 0;
    const std::size_t hourFrom = n > 59 ? n - 59 : 0;
    if (n == 0) {
        s.prevPrice24h = s.prevPrice1h = s.high = s.low = m_lastPrice;
    } else {
        s.prevPrice24h = m_minuteBars[from].open;
        s.prevPrice1h = m_minuteBars[hourFrom].open;
        s.high = m_minuteBars[from].high;
        s.low = m_minuteBars[from].low;
        for (std::size_t i = from; i < n; ++i) {
            const Bar& b = m_minuteBars[i];
            s.high = std::max(s.high, b.high);
            s.low = std::min(s.low, b.low);
            s.volumeLots += b.volumeLots;
            s.turnover += b.turnover;
        }
    }
    m_windowStats = s;
}

DemoMarket::Stats24h DemoMarket::Book::stats24h() const
{
    Stats24h s = m_windowStats;
    const Bar& minute = m_current[0];
    if (m_minuteBars.empty())
        s.prevPrice24h = s.prevPrice1h = minute.open;
    s.high = std::max(s.high, minute.high);
    s.low = std::min(s.low, minute.low);
    s.volumeLots += minute.volumeLots;
    s.turnover += minute.turnover;
    return s;
}

const DemoMarket::Bar& DemoMarket::Book::currentBar(CandleInterval interval) const
{
    return m_current[static_cast<std::size_t>(intervalIndex(interval))];
}

const std::vector<DemoMarket::Bar>& DemoMarket::Book::closedBars(CandleInterval interval) const
{
    return m_closed[static_cast<std::size_t>(intervalIndex(interval))];
}

DemoMarket::Bar DemoMarket::Book::aggregate(std::int64_t fromMs, std::int64_t toMs) const
{
    Bar out = emptyBar(fromMs);
    const std::int64_t minuteTierStart = m_minuteBars.empty() ? toMs : m_minuteBars.front().openTimeMs;
    if (!m_hourBars.empty() && fromMs < minuteTierStart) {
        const std::int64_t start = m_hourBars.front().openTimeMs;
        const std::int64_t end = std::min(toMs, minuteTierStart);
        for (std::int64_t t = std::max(fromMs, start); t < end; t += kHourMs) {
            const auto k = static_cast<std::size_t>((t - start) / kHourMs);
            if (k < m_hourBars.size())
                mergeBar(out, m_hourBars[k]);
        }
    }
    if (!m_minuteBars.empty()) {
        for (std::int64_t t = std::max(fromMs, minuteTierStart); t < toMs; t += kMinuteMs) {
            const auto k = static_cast<std::size_t>((t - minuteTierStart) / kMinuteMs);
            if (k >= m_minuteBars.size())
                break;
            mergeBar(out, m_minuteBars[k]);
        }
    }
    return out;
}

std::vector<DemoMarket::Bar> DemoMarket::Book::bars(CandleInterval interval, std::int64_t startMs,
                                                    std::int64_t endMs, int limit) const
{
    std::vector<Bar> out;
    const std::int64_t ms = intervalMilliseconds(interval);
    const Bar& open = currentBar(interval);
    std::int64_t earliest = ms < kHourMs || m_hourBars.empty()
                                ? (m_minuteBars.empty() ? open.openTimeMs : m_minuteBars.front().openTimeMs)
                                : m_hourBars.front().openTimeMs;
    earliest = floorTo(earliest + ms - 1, ms); // the first whole bar
    const std::int64_t lowest = std::max(earliest, startMs);
    for (std::int64_t t = std::min(floorTo(endMs, ms), open.openTimeMs);
         t >= lowest && static_cast<int>(out.size()) < limit; t -= ms) {
        if (t == open.openTimeMs) {
            out.push_back(open);
        } else {
            Bar b = aggregate(t, t + ms);
            b.openTimeMs = t;
            out.push_back(b);
        }
    }
    return out;
}
