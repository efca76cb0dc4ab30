#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic Coincheck order-book stream ("{pair}-orderbook" diffs) for benchmarks and
// `botterm-cli replay`: a few diffs, the REST GET /api/order_books reply as a "SNAPSHOT PAIR {reply}"
// line (taken after the second diff, arriving after the third, so one buffered diff is already in it
// and one is not), then diffs of 1–8 levels with absolute amounts ("0" deletes) that keep the book
// consistent (never crossed, depth levels a side). last_update_at never goes backwards. Frames have
// exactly the shape Coincheck documents. Deterministic per seed.
struct CoincheckBookStreamOptions
{
    std::string pair = "btc_jpy";
    std::int64_t frames = 200'000; // diff lines, the snapshot line not counted
    std::uint64_t seed = 42;
    int depth = 50;
};

std::vector<std::string> makeCoincheckBookStream(const CoincheckBookStreamOptions& options);
