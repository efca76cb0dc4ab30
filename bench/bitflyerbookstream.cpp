#include "bitflyerbookstream.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

namespace {

// Sizes in satoshis written as bitFlyer's JSON numbers ("0.01", "1.5", "0.00012345").
std::string size(std::int64_t satoshis)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%lld.%08lld", static_cast<long long>(satoshis / 100'000'000),
                  static_cast<long long>(satoshis % 100'000'000));
    std::string s = buf;
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s.pop_back();
    return s;
}

struct Change
{
    std::int64_t yen;
    std::int64_t satoshis; // 0 = delete
};

} // namespace

std::vector<std::string> makeBitflyerBookStream(const BitflyerBookStreamOptions& o)
{
    std::mt19937_64 rng(o.seed);
    auto uniform = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    std::map<std::int64_t, std::int64_t, std::greater<>> bids; // best first
    std::map<std::int64_t, std::int64_t> asks;                 // best first
    const std::int64_t mid = 15'000'000;
    for (int i = 0; i < o.depth; ++i) {
        bids[mid - 1 - i] = uniform(100'000, 500'000'000);
        asks[mid + i] = uniform(100'000, 500'000'000);
    }
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(o.frames));

    auto levels = [](std::string& f, const std::vector<Change>& changes) {
        for (std::size_t i = 0; i < changes.size(); ++i) {
            f += i ? ",{\"price\":" : "{\"price\":";
            f += std::to_string(changes[i].yen);
            f += ".0,\"size\":" + size(changes[i].satoshis) + "}";
        }
    };
    auto frame = [&](bool snapshot, const std::vector<Change>& bidChanges,
                     const std::vector<Change>& askChanges) {
        const std::int64_t midPrice = (bids.begin()->first + asks.begin()->first) / 2;
        std::string f = "{\"jsonrpc\":\"2.0\",\"method\":\"channelMessage\",\"params\":{\"channel\":\"";
        f += snapshot ? "lightning_board_snapshot_" : "lightning_board_";
        f += o.product + "\",\"message\":{\"mid_price\":" + std::to_string(midPrice) + ".0,\"bids\":[";
        levels(f, bidChanges);
        f += "],\"asks\":[";
        levels(f, askChanges);
        f += "]}}}";
        out.push_back(std::move(f));
    };
    auto snapshot = [&] {
        std::vector<Change> b, a;
        for (auto [p, s] : bids)
            b.push_back({p, s});
        for (auto [p, s] : asks)
            a.push_back({p, s});
        frame(true, b, a);
    };

    snapshot();
    while (static_cast<std::int64_t>(out.size()) < o.frames) {
        if (o.snapshotEvery > 0 && static_cast<std::int64_t>(out.size()) % o.snapshotEvery == 0) {
            snapshot();
            continue;
        }
        std::vector<Change> b, a;
        const int changes = static_cast<int>(uniform(1, 8));
        for (int c = 0; c < changes; ++c) {
            const bool bid = uniform(0, 1) == 0;
            auto& side = bid ? b : a;
            const auto touched = [&](std::int64_t p) {
                return std::any_of(side.begin(), side.end(), [&](const Change& x) { return x.yen == p; });
            };
            const std::int64_t roll = uniform(0, 99);
            if (roll < 70) {
                const std::int64_t index = std::min<std::int64_t>(uniform(0, 9) * uniform(0, 5), o.depth - 1);
                const std::int64_t p =
                    bid ? std::next(bids.begin(), index)->first : std::next(asks.begin(), index)->first;
                if (touched(p))
                    continue;
                const std::int64_t s = uniform(100'000, 500'000'000);
                (bid ? bids[p] : asks[p]) = s;
                side.push_back({p, s});
                continue;
            }
            const std::int64_t best = bid ? bids.begin()->first : asks.begin()->first;
            const std::int64_t otherBest = bid ? asks.begin()->first : bids.begin()->first;
            const std::int64_t worst = bid ? std::prev(bids.end())->first : std::prev(asks.end())->first;
            const bool improve = roll >= 85 && (bid ? best + 1 < otherBest : best - 1 > otherBest);
            if (improve) {
                const std::int64_t p = bid ? best + 1 : best - 1;
                if (touched(p) || touched(worst))
                    continue;
                const std::int64_t s = uniform(100'000, 200'000'000);
                if (bid) {
                    bids[p] = s;
                    bids.erase(worst);
                } else {
                    asks[p] = s;
                    asks.erase(worst);
                }
                side.push_back({p, s});
                side.push_back({worst, 0});
            } else {
                const std::int64_t beyond = bid ? worst - 1 : worst + 1;
                if (touched(best) || touched(beyond))
                    continue;
                const std::int64_t s = uniform(100'000, 500'000'000);
                if (bid) {
                    bids.erase(best);
                    bids[beyond] = s;
                } else {
                    asks.erase(best);
                    asks[beyond] = s;
                }
                side.push_back({best, 0});
                side.push_back({beyond, s});
            }
        }
        if (b.empty() && a.empty())
            continue;
        frame(false, b, a);
    }
    return out;
}
