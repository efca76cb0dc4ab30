#include "okxbookstream.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

namespace {

// Prices in ticks of 0.1 written as OKX does ("65000.1", "65000"); sizes in whole contracts.
std::string price(std::int64_t ticks)
{
    char buf[32];
    if (ticks % 10 == 0)
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(ticks / 10));
    else
        std::snprintf(buf, sizeof buf, "%lld.%lld", static_cast<long long>(ticks / 10),
                      static_cast<long long>(ticks % 10));
    return buf;
}

struct Change
{
    std::int64_t ticks;
    std::int64_t contracts; // 0 = delete
};

} // namespace

std::vector<std::string> makeOkxBookStream(const OkxBookStreamOptions& o)
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
    std::int64_t seqId = 123'456'789;
    std::int64_t prevSeqId = -1;
    std::int64_t ts = 1'767'225'600'000; // 2026-01-01

    auto levels = [&](std::string& f, const std::vector<Change>& changes) {
        for (std::size_t i = 0; i < changes.size(); ++i) {
            f += i ? ",[\"" : "[\"";
            f += price(changes[i].ticks);
            f += "\",\"" + std::to_string(changes[i].contracts) + "\",\"0\",\"";
            f += std::to_string(changes[i].contracts ? 1 + changes[i].contracts % 7 : 0) + "\"]";
        }
    };
    auto frame = [&](const char* action, const std::vector<Change>& bidChanges,
                     const std::vector<Change>& askChanges) {
        std::string f = "{\"arg\":{\"channel\":\"books\",\"instId\":\"" + o.instId + "\"},\"action\":\"" +
                        action + "\",\"data\":[{\"asks\":[";
        levels(f, askChanges);
        f += "],\"bids\":[";
        levels(f, bidChanges);
        f += "],\"ts\":\"" + std::to_string(ts) +
             "\",\"checksum\":0,\"prevSeqId\":" + std::to_string(prevSeqId) +
             ",\"seqId\":" + std::to_string(seqId) + "}]}";
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
            // The best level is taken out or a new best level improves the touch; the far end moves to
            // keep `depth` levels on each side.
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
        prevSeqId = seqId;
        seqId += uniform(1, 40);
        frame("update", b, a);
    }
    return out;
}
