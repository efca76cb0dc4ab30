#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic BitMEX orderBookL2 stream for `botterm-cli replay --exchange bitmex`: one partial, then
// update/insert/delete frames keyed by level id that keep the book consistent (never crossed, `depth`
// levels a side), in the frame shape BitMEX documents (price on every row). Deterministic per seed.
struct BitmexBookStreamOptions
{
    std::string symbol = "XBTUSD";
    std::int64_t frames = 200'000; // including the partial
    std::uint64_t seed = 42;
    int depth = 50;
};

std::vector<std::string> makeBitmexBookStream(const BitmexBookStreamOptions& options);
