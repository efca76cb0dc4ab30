#include "bybitbookstream.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

namespace {

// Prices in ticks of 0.10, sizes in lots of 0.001.
std::string price(std::int64_t ticks)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%lld0", static_cast<long long>(ticks / 10),
                  static_cast<long long>(ticks % 10));
    return buf;
}

std::string size(std::int64_t lots)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(lots / 1000),
                  static_cast<long long>(lots % 1000));
    return buf;
}

struct Change
{
    bool bid;
    std::int64_t ticks;
    std::int64_t lots; // 0 = delete
};

} // namespace

std::vector<std::string> makeBybitBookStream(const BybitBookStreamOptions& o)
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
    std::int64_t u = 1000;
    std::int64_t seq = 5'000'000;
    std::int64_t ts = 1'767'225'600'000; // 2026-01-01

    auto frame = [&](const char* type, const std::vector<Change>& bidChanges,
                     const std::vector<Change>& askChanges) {
        std::string f = "{\"topic\":\"orderbook.50." + o.symbol + "\",\"type\":\"" + type +
                        "\",\"ts\":" + std::to_string(ts) + ",\"data\":{\"s\":\"" + o.symbol + "\",\"b\":[";
        for (std::size_t i = 0; i < bidChanges.size(); ++i)
            f += (i ? ",[\"" : "[\"") + price(bidChanges[i].ticks) + "\",\"" + size(bidChanges[i].lots) +
                 "\"]";
        f += "],\"a\":[";
        for (std::size_t i = 0; i < askChanges.size(); ++i)
            f += (i ? ",[\"" : "[\"") + price(askChanges[i].ticks) + "\",\"" + size(askChanges[i].lots) +
                 "\"]";
        f += "],\"u\":" + std::to_string(u) + ",\"seq\":" + std::to_string(seq) +
             "},\"cts\":" + std::to_string(ts - 2) + "}";
        out.push_back(std::move(f));
    };

    {
        std::vector<Change> b, a;
        for (auto [t, l] : bids)
            b.push_back({true, t, l});
        for (auto [t, l] : asks)
            a.push_back({false, t, l});
        frame("snapshot", b, a);
    }
    while (static_cast<std::int64_t>(out.size()) < o.frames) {
        ++u;
        seq += uniform(1, 40);
        ts += uniform(0, 20);
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
                const std::int64_t index = std::min<std::int64_t>(uniform(0, 9) * uniform(0, 5), o.depth - 1);
                const std::int64_t t =
                    bid ? std::next(bids.begin(), index)->first : std::next(asks.begin(), index)->first;
                if (touched(t))
                    continue;
                const std::int64_t l = uniform(1, 5000);
                (bid ? bids[t] : asks[t]) = l;
                side.push_back({bid, t, l});
            } else {
                // The best level is taken out (a trade) or a new best level improves the touch; the
                // far end moves to keep depth levels on each side.
                const std::int64_t best = bid ? bids.begin()->first : asks.begin()->first;
                const std::int64_t otherBest = bid ? asks.begin()->first : bids.begin()->first;
                const bool improve = roll >= 85 && (bid ? best + 1 < otherBest : best - 1 > otherBest);
                if (improve) {
                    const std::int64_t t = bid ? best + 1 : best - 1;
                    const std::int64_t worst =
                        bid ? std::prev(bids.end())->first : std::prev(asks.end())->first;
                    if (touched(t) || touched(worst))
                        continue;
                    const std::int64_t l = uniform(1, 2000);
                    if (bid) {
                        bids[t] = l;
                        bids.erase(worst);
                    } else {
                        asks[t] = l;
                        asks.erase(worst);
                    }
                    side.push_back({bid, t, l});
                    side.push_back({bid, worst, 0});
                } else {
                    const std::int64_t worst =
                        bid ? std::prev(bids.end())->first : std::prev(asks.end())->first;
                    const std::int64_t beyond = bid ? worst - 1 : worst + 1;
                    if (touched(best) || touched(beyond))
                        continue;
                    const std::int64_t l = uniform(1, 5000);
                    if (bid) {
                        bids.erase(best);
                        bids[beyond] = l;
                    } else {
                        asks.erase(best);
                        asks[beyond] = l;
                    }
                    side.push_back({bid, best, 0});
                    side.push_back({bid, beyond, l});
                }
            }
        }
        if (b.empty() && a.empty()) {
            --u;
            continue;
        }
        frame("delta", b, a);
    }
    return out;
}
