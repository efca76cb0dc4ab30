#include "bitbankbookstream.h"

#include <map>
#include <random>

namespace {

std::string amountText(std::mt19937_64& rng)
{
    // 0.0001 … 9.9999 BTC, four decimals as bitbank prints them.
    const auto units = std::uniform_int_distribution<int>(1, 99'999)(rng);
    std::string frac = std::to_string(units % 10'000);
    frac.insert(0, 4 - frac.size(), '0');
    return std::to_string(units / 10'000) + "." + frac;
}

void appendLevels(std::string& out, const std::vector<std::pair<std::int64_t, std::string>>& levels)
{
    out += '[';
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (i)
            out += ',';
        out += "[\"" + std::to_string(levels[i].first) + "\",\"" + levels[i].second + "\"]";
    }
    out += ']';
}

} // namespace

std::vector<std::string> makeBitbankBookStream(const BitbankBookStreamOptions& o)
{
    std::mt19937_64 rng(o.seed);
    std::map<std::int64_t, std::string> bids; // ascending
    std::map<std::int64_t, std::string> asks;
    const std::int64_t mid = 15'000'000;
    for (int i = 0; i < o.depth; ++i) {
        bids[mid - 1 - i * 5] = amountText(rng);
        asks[mid + 1 + i * 5] = amountText(rng);
    }
    std::int64_t s = 1'000'000'000;
    const auto whole = [&](std::int64_t sequenceId) {
        std::vector<std::pair<std::int64_t, std::string>> b(bids.rbegin(), bids.rend());
        std::vector<std::pair<std::int64_t, std::string>> a(asks.begin(), asks.end());
        std::string out =
            "42[\"message\",{\"room_name\":\"depth_whole_" + o.pair + "\",\"message\":{\"data\":{\"asks\":";
        appendLevels(out, a);
        out += ",\"bids\":";
        appendLevels(out, b);
        out +=
            ",\"asks_over\":\"12.3456\",\"bids_under\":\"23.4567\",\"asks_under\":\"0\",\"bids_over\":\"0\","
            "\"ask_market\":\"0\",\"bid_market\":\"0\",\"timestamp\":1700000000000,\"sequenceId\":\"" +
            std::to_string(sequenceId) + "\"}}}]";
        return out;
    };

    std::vector<std::string> frames;
    frames.reserve(static_cast<std::size_t>(o.frames));
    frames.push_back(whole(s));
    std::string pendingWhole; // captured a few diffs ago, sent late like bitbank's
    int pendingIn = 0;
    std::uniform_int_distribution<int> levelCount(1, 8);
    std::uniform_int_distribution<int> action(0, 9);
    std::uniform_int_distribution<int> near(0, 20);
    std::uniform_int_distribution<int> step(1, 3);
    while (static_cast<std::int64_t>(frames.size()) < o.frames) {
        if (!pendingWhole.empty() && --pendingIn == 0) {
            frames.push_back(std::move(pendingWhole));
            pendingWhole.clear();
            continue;
        }
        std::vector<std::pair<std::int64_t, std::string>> a;
        std::vector<std::pair<std::int64_t, std::string>> b;
        const int n = levelCount(rng);
        for (int k = 0; k < n; ++k) {
            const bool bid = rng() & 1;
            auto& side = bid ? bids : asks;
            auto& changes = bid ? b : a;
            const std::int64_t best = bid ? bids.rbegin()->first : asks.begin()->first;
            const std::int64_t other = bid ? asks.begin()->first : bids.rbegin()->first;
            const int what = action(rng);
            if (what < 5) { // resize a level near the top
                auto it = bid ? std::prev(side.end(), 1 + near(rng) % static_cast<int>(side.size()))
                              : std::next(side.begin(), near(rng) % static_cast<int>(side.size()));
                it->second = amountText(rng);
                changes.emplace_back(it->first, it->second);
            } else if (what < 7 && side.size() > 20) { // delete one near the top, add one at the far end
                auto it = bid ? std::prev(side.end(), 1 + near(rng)) : std::next(side.begin(), near(rng));
                changes.emplace_back(it->first, "0");
                side.erase(it);
                const std::int64_t far = bid ? side.begin()->first - 5 : side.rbegin()->first + 5;
                side[far] = amountText(rng);
                changes.emplace_back(far, side[far]);
            } else { // a new level inside the spread or just behind the touch, never crossing
                std::int64_t price = bid ? best + 1 : best - 1;
                if ((bid && price >= other) || (!bid && price <= other))
                    price = bid ? best - 2 : best + 2;
                if (side.count(price))
                    continue;
                side[price] = amountText(rng);
                changes.emplace_back(price, side[price]);
                // keep the depth: drop the farthest level
                auto far = bid ? side.begin() : std::prev(side.end());
                changes.emplace_back(far->first, "0");
                side.erase(far);
            }
        }
        s += step(rng);
        std::string out =
            "42[\"message\",{\"room_name\":\"depth_diff_" + o.pair + "\",\"message\":{\"data\":{\"a\":";
        appendLevels(out, a);
        out += ",\"b\":";
        appendLevels(out, b);
        out += ",\"t\":1700000000000,\"s\":\"" + std::to_string(s) + "\"}}}]";
        frames.push_back(std::move(out));
        if (o.wholeEvery > 0 && pendingWhole.empty() &&
            frames.size() % static_cast<std::size_t>(o.wholeEvery) == 0) {
            pendingWhole = whole(s);
            pendingIn = 4;
        }
    }
    return frames;
}
