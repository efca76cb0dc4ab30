#include "phemexbookstream.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

namespace {

struct Change
{
    std::int64_t ticks; // of 0.1
    std::int64_t lots;  // of 0.001; 0 = delete
};

// Perpetuals: "65000.1" / "0.125". Spot: the same values × 1e8 as integers.
std::string level(const Change& c, bool spot)
{
    char buf[96];
    if (spot)
        std::snprintf(buf, sizeof buf, "[%lld,%lld]", static_cast<long long>(c.ticks * 10'000'000),
                      static_cast<long long>(c.lots * 100'000));
    else
        std::snprintf(buf, sizeof buf, "[\"%lld.%lld\",\"%lld.%03lld\"]",
                      static_cast<long long>(c.ticks / 10), static_cast<long long>(c.ticks % 10),
                      static_cast<long long>(c.lots / 1000), static_cast<long long>(c.lots % 1000));
    return buf;
}

} // namespace

std::vector<std::string> makePhemexBookStream(const PhemexBookStreamOptions& o)
{
    std::mt19937_64 rng(o.seed);
    auto uniform = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    std::map<std::int64_t, std::int64_t, std::greater<>> bids; // best first
    std::map<std::int64_t, std::int64_t> asks;                 // best first
    const std::int64_t mid = 650'000;                          // 65000.0
    for (int i = 0; i < o.depth; ++i) {
        bids[mid - 1 - i] = uniform(1, 5000);
        asks[mid + i] = uniform(1, 5000);
    }
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(o.frames));
    std::int64_t sequence = 77'668'100;
    std::int64_t ns = 1'767'225'600'000'000'000; // 2026-01-01

    auto frame = [&](const char* type, const std::vector<Change>& b, const std::vector<Change>& a) {
        std::string f =
            "{\"depth\":" + std::to_string(o.depth) + (o.spot ? ",\"book\":{" : ",\"orderbook_p\":{");
        f += "\"asks\":[";
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (i)
                f += ',';
            f += level(a[i], o.spot);
        }
        f += "],\"bids\":[";
        for (std::size_t i = 0; i < b.size(); ++i) {
            if (i)
                f += ',';
            f += level(b[i], o.spot);
        }
        f += "]},\"sequence\":" + std::to_string(sequence) + ",\"symbol\":\"" + o.symbol +
             "\",\"timestamp\":" + std::to_string(ns) + ",\"type\":\"" + type + "\"}";
        out.push_back(std::move(f));
    };

    {
        std::vector<Change> b, a;
        for (auto [t, l] : bids)
            b.push_back({t, l});
        for (auto [t, l] : asks)
            a.push_back({t, l});
        frame("snapshot", b, a);
    }
    while (static_cast<std::int64_t>(out.size()) < o.frames) {
        sequence += uniform(1, 40);
        ns += uniform(0, 20'000'000);
        std::vector<Change> b, a;
        const int changes = static_cast<int>(uniform(1, 8));
        for (int c = 0; c < changes; ++c) {
            const bool bid = uniform(0, 1) == 0;
            auto& side = bid ? b : a;
            const auto touched = [&](std::int64_t t) {
                return std::any_of(side.begin(), side.end(), [&](const Change& x) { return x.ticks == t; });
            };
            const std::int64_t roll = uniform(0, 99);
            if (roll < 70) {
                // Resize one of the top levels (most activity is near the touch).
                const std::int64_t index = std::min<std::int64_t>(uniform(0, 9) * uniform(0, 3), o.depth - 1);
                const std::int64_t t =
                    bid ? std::next(bids.begin(), index)->first : std::next(asks.begin(), index)->first;
                if (touched(t))
                    continue;
                const std::int64_t l = uniform(1, 5000);
                (bid ? bids[t] : asks[t]) = l;
                side.push_back({t, l});
                continue;
            }
            // The touch moves: a new best level inside the spread (the far end drops out), or the best
            // level is taken (a level appears beyond the far end). Depth stays `depth` a side.
            const std::int64_t best = bid ? bids.begin()->first : asks.begin()->first;
            const std::int64_t otherBest = bid ? asks.begin()->first : bids.begin()->first;
            const std::int64_t worst = bid ? std::prev(bids.end())->first : std::prev(asks.end())->first;
            const bool improve = roll >= 85 && (bid ? best + 1 < otherBest : best - 1 > otherBest);
            const std::int64_t add = improve ? (bid ? best + 1 : best - 1) : (bid ? worst - 1 : worst + 1);
            const std::int64_t remove = improve ? worst : best;
            if (touched(add) || touched(remove))
                continue;
            const std::int64_t l = uniform(1, 5000);
            if (bid) {
                bids[add] = l;
                bids.erase(remove);
            } else {
                asks[add] = l;
                asks.erase(remove);
            }
            side.push_back({add, l});
            side.push_back({remove, 0});
        }
        if (b.empty() && a.empty())
            continue;
        frame("incremental", b, a);
    }
    return out;
}
