#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic Binance diff-depth stream (<symbol>@depth@100ms on a combined stream) for benchmarks
// and `botterm-cli replay`: a few diffs, the REST depth snapshot as a "SNAPSHOT SYMBOL {reply}" line
// (two of the diffs before it are already in it, the third follows it), then diffs of 1–8 levels
// that keep the book consistent (never crossed, depth levels a side). Spot ids are contiguous
// (U = previous u + 1); futures ids skip and each diff names the previous u in pu. Frames have
// exactly the shape Binance documents. Deterministic per seed.
struct BinanceBookStreamOptions
{
    std::string symbol = "BTCUSDT";
    bool futures = false;
    std::int64_t frames = 200'000; // diff lines, the snapshot line not counted
    std::uint64_t seed = 42;
    int depth = 50;
};

std::vector<std::string> makeBinanceBookStream(const BinanceBookStreamOptions& options);
