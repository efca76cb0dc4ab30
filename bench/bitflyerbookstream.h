#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic bitFlyer Lightning board stream for benchmarks, in JSON-RPC channelMessage frames: one
// `lightning_board_snapshot_{product}` of `depth` levels a side, then `lightning_board_{product}` diffs of
// 1–8 levels (absolute sizes, 0 deletes) each carrying the mid_price (floor of the best bid and ask's
// mean, as bitFlyer's), and a fresh full snapshot every `snapshotEvery` frames (bitFlyer keeps sending
// them, throttled). Prices are whole yen and sizes BTC with up to 8 decimals, both JSON numbers. The
// book stays consistent (never crossed, always `depth` levels a side). Deterministic per seed.
struct BitflyerBookStreamOptions
{
    std::string product = "FX_BTC_JPY";
    std::int64_t frames = 200'000; // including the snapshots
    std::uint64_t seed = 42;
    int depth = 400;
    int snapshotEvery = 1'000; // 0: only the first
};

std::vector<std::string> makeBitflyerBookStream(const BitflyerBookStreamOptions& options);
