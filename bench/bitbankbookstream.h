#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic bitbank public book stream for benchmarks, in Socket.IO event frames as bitbank sends
// them (42["message",{"room_name":…,"message":{"data":…}}]): `depth_diff_{pair}` frames of 1–8 levels
// (absolute amounts as decimal strings, "0" deletes) whose `s` grows by 1–3 (monotonic, not
// consecutive, as bitbank's), and every `wholeEvery` frames a `depth_whole_{pair}` of `depth` levels a
// side whose sequenceId trails the diffs by a few (bitbank's wholes can arrive after newer diffs: the
// reader replays its buffered diffs). Prices are whole yen. The book never crosses. Deterministic per seed.
struct BitbankBookStreamOptions
{
    std::string pair = "btc_jpy";
    std::int64_t frames = 200'000; // including the wholes
    std::uint64_t seed = 42;
    int depth = 200;
    int wholeEvery = 500;
};

std::vector<std::string> makeBitbankBookStream(const BitbankBookStreamOptions& options);
