#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic Bybit V5 orderbook.50 stream for benchmarks and the bundled demo recording: one
// snapshot, then deltas of 1–8 levels that keep the book consistent (never crossed, always 50
// levels a side, u strictly +1), in exactly the frame shape Bybit documents. Deterministic per seed.
struct BybitBookStreamOptions
{
    std::string symbol = "BTCUSDT";
    std::int64_t frames = 200'000; // including the snapshot
    std::uint64_t seed = 42;
    int depth = 50;
};

std::vector<std::string> makeBybitBookStream(const BybitBookStreamOptions& options);
