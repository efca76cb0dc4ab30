#include "binancebookstream.h"

#include <algorithm>
#include <cctype>
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
    std::int64_t ticks;
    std::int64_t lots; // 0 = delete
};

void appendLevels(std::string& out, const std::vector<Change>& changes)
{
    out += '[';
    for (std::size_t i = 0; i < changes.size(); ++i)
        out += (i ? ",[\"" : "[\"") + price(changes[i].ticks) + "\",\"" + size(changes[i].lots) + "\"]";
    out += ']';
}

} // namespace

std::vector<std::string> makeBinanceBookStream(const BinanceBookStreamOptions& o)
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
    std::string stream = o.symbol;
    std::transform(stream.begin(), stream.end(), stream.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    stream += "@depth@100ms";

    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(o.frames) + 1);
    std::int64_t lastId = 7'000'000'000; // u of the previous diff
    std::int64_t ts = 1'767'225'600'000; // 2026-01-01

    auto diffFrame = [&](const std::vector<Change>& b, const std::vector<Change>& a) {
        // Spot: U = previous u + 1. Futures: ids of other symbols interleave, so U skips ahead.
        const std::int64_t first = lastId + (o.futures ? uniform(1, 30) : 1);
        const std::int64_t last = first + uniform(0, 5);
        std::string f =
            "{\"stream\":\"" + stream + "\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + std::to_string(ts);
        if (o.futures)
            f += ",\"T\":" + std::to_string(ts - 2);
        f += ",\"s\":\"" + o.symbol + "\",\"U\":" + std::to_string(first) + ",\"u\":" + std::to_string(last);
        if (o.futures)
            f += ",\"pu\":" + std::to_string(lastId);
        f += ",\"b\":";
        appendLevels(f, b);
        f += ",\"a\":";
        appendLevels(f, a);
        f += "}}";
        lastId = last;
        return f;
    };
    auto snapshotLine = [&] {
        std::vector<Change> b, a;
        for (auto [t, l] : bids)
            b.push_back({t, l});
        for (auto [t, l] : asks)
            a.push_back({t, l});
        std::string f = "SNAPSHOT " + o.symbol + " {\"lastUpdateId\":" + std::to_string(lastId);
        if (o.futures)
            f += ",\"E\":" + std::to_string(ts) + ",\"T\":" + std::to_string(ts - 2);
        f += ",\"bids\":";
        appendLevels(f, b);
        f += ",\"asks\":";
        appendLevels(f, a);
        f += '}';
        return f;
    };

    std::int64_t diffs = 0;
    std::string snapshot;
    while (diffs < o.frames) {
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
                side.push_back({t, l});
                continue;
            }
            // The best level is taken out (a trade) or a new best level improves the touch; the far
            // end moves to keep depth levels on each side.
            const std::int64_t best = bid ? bids.begin()->first : asks.begin()->first;
            const std::int64_t otherBest = bid ? asks.begin()->first : bids.begin()->first;
            const std::int64_t worst = bid ? std::prev(bids.end())->first : std::prev(asks.end())->first;
            const bool improve = roll >= 85 && (bid ? best + 1 < otherBest : best - 1 > otherBest);
            if (improve) {
                const std::int64_t t = bid ? best + 1 : best - 1;
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
                side.push_back({t, l});
                side.push_back({worst, 0});
            } else {
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
                side.push_back({best, 0});
                side.push_back({beyond, l});
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
