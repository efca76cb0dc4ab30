#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic Phemex order-book stream for the replay benchmark: one snapshot, then increments of 1–8
// levels that keep the book consistent (never crossed, always `depth` levels a side) with a rising
// sequence that skips values as Phemex's shared sequence does. Perpetual frames are orderbook_p with
// real-valued strings; spot frames are "book" with scaled integers (1e8). Deterministic per seed.
struct PhemexBookStreamOptions
{
    std::string symbol = "BTCUSDT";
    bool spot = false;
    std::int64_t frames = 200'000; // including the snapshot
    std::uint64_t seed = 42;
    int depth = 30;
};

std::vector<std::string> makePhemexBookStream(const PhemexBookStreamOptions& options);
