#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic OKX v5 `books` stream for benchmarks: one 400-level snapshot (prevSeqId -1), then updates
// of 1–8 levels chained by prevSeqId = the previous seqId (seqId jumps like OKX's), checksum 0 as OKX
// sends since 2026-06-23, levels as ["px","sz","0","orders"]. The book stays consistent (never crossed,
// always `depth` levels a side). Deterministic per seed.
struct OkxBookStreamOptions
{
    std::string instId = "BTC-USDT-SWAP";
    std::int64_t frames = 200'000; // including the snapshot
    std::uint64_t seed = 42;
    int depth = 400;
};

std::vector<std::string> makeOkxBookStream(const OkxBookStreamOptions& options);
