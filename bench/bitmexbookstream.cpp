#include "bitmexbookstream.h"

#include <cstdio>
#include <map>
#include <random>

namespace {

// Prices in ticks of 0.5 (XBTUSD), sizes in whole contracts.
std::string price(std::int64_t ticks)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, ticks % 2 ? "%lld.5" : "%lld", static_cast<long long>(ticks / 2));
    return buf;
}

std::string isoTime(std::int64_t ms)
{
    // 2026-01-01 plus up to a day is enough for a benchmark stream.
    const std::int64_t dayMs = ms % 86'400'000;
    char buf[40];
    std::snprintf(buf, sizeof buf, "2026-01-01T%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(dayMs / 3'600'000 % 24), static_cast<long long>(dayMs / 60'000 % 60),
                  static_cast<long long>(dayMs / 1000 % 60), static_cast<long long>(dayMs % 1000));
    return buf;
}

struct Level
{
    std::int64_t id;
    std::int64_t size;
};

struct Row
{
    bool buy;
    std::int64_t ticks;
    Level level;
};

} // namespace

std::vector<std::string> makeBitmexBookStream(const BitmexBookStreamOptions& o)
{
    std::mt19937_64 rng(o.seed);
    auto uniform = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    std::map<std::int64_t, Level, std::greater<>> bids; // best first
    std::map<std::int64_t, Level> asks;                 // best first
    std::int64_t nextId = 8'796'000'000;
    const std::int64_t mid = 130'000; // 65000.0
    for (int i = 0; i < o.depth; ++i) {
        bids[mid - 1 - i] = {nextId++, uniform(1, 500) * 100};
        asks[mid + i] = {nextId++, uniform(1, 500) * 100};
    }
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(o.frames));
    std::int64_t ts = 0;

    auto frame = [&](const char* action, const std::vector<Row>& rows, bool withSize) {
        std::string f = std::string("{\"table\":\"orderBookL2\",\"action\":\"") + action + "\",";
        if (std::string_view(action) == "partial")
            f += "\"keys\":[\"symbol\",\"id\",\"side\"],\"types\":{\"symbol\":\"symbol\",\"id\":\"long\","
                 "\"side\":"
                 "\"symbol\",\"size\":\"long\",\"price\":\"float\",\"timestamp\":\"timestamp\"},"
                 "\"foreignKeys\":{"
                 "\"symbol\":\"instrument\",\"side\":\"side\"},\"attributes\":{\"symbol\":\"parted\",\"id\":"
                 "\"sorted\"},\"filter\":{\"symbol\":\"" +
                 o.symbol + "\"},";
        f += "\"data\":[";
        const std::string stamp = isoTime(ts);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Row& r = rows[i];
            f += i ? ",{" : "{";
            f += "\"symbol\":\"" + o.symbol + "\",\"id\":" + std::to_string(r.level.id) + ",\"side\":\"" +
                 (r.buy ? "Buy" : "Sell") + "\",";
            if (withSize)
                f += "\"size\":" + std::to_string(r.level.size) + ",";
            f += "\"price\":" + price(r.ticks) + ",\"timestamp\":\"" + stamp + "\",\"transactTime\":\"" +
                 stamp + "\"}";
        }
        f += "]}";
        out.push_back(std::move(f));
    };

    {
        std::vector<Row> rows;
        for (auto it = asks.rbegin(); it != asks.rend(); ++it)
            rows.push_back({false, it->first, it->second});
        for (auto [t, l] : bids)
            rows.push_back({true, t, l});
        frame("partial", rows, true);
    }
    while (static_cast<std::int64_t>(out.size()) < o.frames) {
        ts += uniform(0, 20);
        const bool buy = uniform(0, 1) == 0;
        const std::int64_t roll = uniform(0, 99);
        if (roll < 70) {
            // Resize 1–4 of the top levels (most activity is near the touch).
            std::vector<Row> rows;
            const int n = static_cast<int>(uniform(1, 4));
            for (int c = 0; c < n; ++c) {
                const std::int64_t index = std::min<std::int64_t>(uniform(0, 9) * uniform(0, 5), o.depth - 1);
                const std::int64_t ticks =
                    buy ? std::next(bids.begin(), index)->first : std::next(asks.begin(), index)->first;
                bool seen = false;
                for (const Row& r : rows)
                    seen = seen || r.ticks == ticks;
                if (seen)
                    continue;
                Level& level = buy ? bids[ticks] : asks[ticks];
                level.size = uniform(1, 500) * 100;
                rows.push_back({buy, ticks, level});
            }
            frame("update", rows, true);
            continue;
        }
        const std::int64_t best = buy ? bids.begin()->first : asks.begin()->first;
        const std::int64_t otherBest = buy ? asks.begin()->first : bids.begin()->first;
        const std::int64_t worst = buy ? std::prev(bids.end())->first : std::prev(asks.end())->first;
        if (roll >= 85 && (buy ? best + 1 < otherBest : best - 1 > otherBest)) {
            // A new best level improves the touch; the far end leaves to keep `depth` levels.
            const std::int64_t t = buy ? best + 1 : best - 1;
            const Level added{nextId++, uniform(1, 200) * 100};
            const Level removed = buy ? bids[worst] : asks[worst];
            if (buy) {
                bids[t] = added;
                bids.erase(worst);
            } else {
                asks[t] = added;
                asks.erase(worst);
            }
            frame("insert", {{buy, t, added}}, true);
            if (static_cast<std::int64_t>(out.size()) < o.frames)
                frame("delete", {{buy, worst, removed}}, false);
        } else {
            // The best level is taken out (a trade); a level appears beyond the far end.
            const std::int64_t beyond = buy ? worst - 1 : worst + 1;
            const Level removed = buy ? bids[best] : asks[best];
            const Level added{nextId++, uniform(1, 500) * 100};
            if (buy) {
                bids.erase(best);
                bids[beyond] = added;
            } else {
                asks.erase(best);
                asks[beyond] = added;
            }
            frame("delete", {{buy, best, removed}}, false);
            if (static_cast<std::int64_t>(out.size()) < o.frames)
                frame("insert", {{buy, beyond, added}}, true);
        }
    }
    return out;
}
