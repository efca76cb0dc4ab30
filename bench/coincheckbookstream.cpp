#include "coincheckbookstream.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

namespace {

// Rates in whole yen ("15000123.0"), amounts in steps of 0.0001 BTC.
std::string rate(std::int64_t yen)
{
    return std::to_string(yen) + ".0";
}

std::string amount(std::int64_t units)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%04lld", static_cast<long long>(units / 10000),
                  static_cast<long long>(units % 10000));
    return buf;
}

struct Change
{
    std::int64_t yen;
    std::int64_t units; // 0 = delete
};

void appendLevels(std::string& out, const std::vector<Change>& changes)
{
    out += '[';
    for (std::size_t i = 0; i < changes.size(); ++i)
        out += (i ? ",[\"" : "[\"") + rate(changes[i].yen) + "\",\"" + amount(changes[i].units) + "\"]";
    out += ']';
}

} // namespace

std::vector<std::string> makeCoincheckBookStream(const CoincheckBookStreamOptions& o)
{
    std::mt19937_64 rng(o.seed);
    auto uniform = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    std::map<std::int64_t, std::int64_t, std::greater<>> bids; // best first
    std::map<std::int64_t, std::int64_t> asks;                 // best first
    const std::int64_t mid = 15'000'000;
    for (int i = 0; i < o.depth; ++i) {
        bids[mid - 1 - i] = uniform(1, 50000);
        asks[mid + i] = uniform(1, 50000);
    }
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(o.frames) + 1);
    std::int64_t seconds = 1'767'225'600; // 2026-01-01

    auto diffFrame = [&](const std::vector<Change>& b, const std::vector<Change>& a) {
        std::string f = "[\"" + o.pair + "\",{\"bids\":";
        appendLevels(f, b);
        f += ",\"asks\":";
        appendLevels(f, a);
        f += ",\"last_update_at\":\"" + std::to_string(seconds) + "\"}]";
        return f;
    };
    auto snapshotLine = [&] {
        std::vector<Change> b, a;
        for (auto [y, u] : bids)
            b.push_back({y, u});
        for (auto [y, u] : asks)
            a.push_back({y, u});
        std::string f = "SNAPSHOT " + o.pair + " {\"asks\":";
        appendLevels(f, a);
        f += ",\"bids\":";
        appendLevels(f, b);
        f += '}';
        return f;
    };

    std::int64_t diffs = 0;
    std::string snapshot;
    while (diffs < o.frames) {
        if (uniform(0, 9) == 0)
            ++seconds;
        std::vector<Change> b, a;
        const int changes = static_cast<int>(uniform(1, 8));
        for (int c = 0; c < changes; ++c) {
            const bool bid = uniform(0, 1) == 0;
            auto& side = bid ? b : a;
            const auto touched = [&](std::int64_t y) {
                return std::any_of(side.begin(), side.end(), [&](const Change& x) { return x.yen == y; });
            };
            const std::int64_t roll = uniform(0, 99);
            if (roll < 70) {
                // Resize one of the top levels (most activity is near the touch).
                const std::int64_t index = std::min<std::int64_t>(uniform(0, 9) * uniform(0, 5), o.depth - 1);
                const std::int64_t y =
                    bid ? std::next(bids.begin(), index)->first : std::next(asks.begin(), index)->first;
                if (touched(y))
                    continue;
                const std::int64_t u = uniform(1, 50000);
                (bid ? bids[y] : asks[y]) = u;
                side.push_back({y, u});
                continue;
            }
            // The best level is taken out (a trade) or a better one improves the touch; the far end
            // moves to keep depth levels a side.
            const std::int64_t best = bid ? bids.begin()->first : asks.begin()->first;
            const std::int64_t otherBest = bid ? asks.begin()->first : bids.begin()->first;
            const std::int64_t worst = bid ? std::prev(bids.end())->first : std::prev(asks.end())->first;
            const bool improve = roll >= 85 && (bid ? best + 1 < otherBest : best - 1 > otherBest);
            if (improve) {
                const std::int64_t y = bid ? best + 1 : best - 1;
                if (touched(y) || touched(worst))
                    continue;
                const std::int64_t u = uniform(1, 20000);
                if (bid) {
                    bids[y] = u;
                    bids.erase(worst);
                } else {
                    asks[y] = u;
                    asks.erase(worst);
                }
                side.push_back({y, u});
                side.push_back({worst, 0});
            } else {
                const std::int64_t beyond = bid ? worst - 1 : worst + 1;
                if (touched(best) || touched(beyond))
                    continue;
                const std::int64_t u = uniform(1, 50000);
                if (bid) {
                    bids.erase(best);
                    bids[beyond] = u;
                } else {
                    asks.erase(best);
                    asks[beyond] = u;
                }
                side.push_back({best, 0});
                side.push_back({beyond, u});
            }
        }
        if (b.empty() && a.empty())
            continue;
        out.push_back(diffFrame(b, a));
        ++diffs;
        // The snapshot is taken after the second diff and reaches us after the third (buffered).
        if (diffs == 2)
            snapshot = snapshotLine();
        if (diffs == 3 || (diffs == o.frames && diffs < 3))
            out.push_back(snapshot.empty() ? snapshotLine() : snapshot);
    }
    return out;
}
