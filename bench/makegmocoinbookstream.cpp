// Writes a synthetic GMO Coin `orderbooks` stream (one frame per line) for
// `botterm-cli replay --exchange gmocoin`. GMO sends a full snapshot on every change
// ({"channel":"orderbooks","asks":[{"price","size"}…] ascending,"bids":[…] descending,"symbol","timestamp"},
// every number a string), so every frame here is a whole book of `depth` levels a side; between frames
// 1–8 levels change (a size, or a level replaced by another price) and the mid price drifts by a tick
// now and then. Prices are whole yen, sizes up to 4 decimals. Never crossed. Deterministic per seed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>

namespace {

std::string sizeText(std::uint64_t tenThousandths)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%llu.%04llu", static_cast<unsigned long long>(tenThousandths / 10000),
                  static_cast<unsigned long long>(tenThousandths % 10000));
    std::string s(buf);
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s.pop_back();
    return s;
}

std::string timestamp(std::int64_t ms)
{
    const std::int64_t s = ms / 1000;
    char buf[40];
    std::snprintf(buf, sizeof buf, "2026-06-01T%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(s / 3600 % 24), static_cast<long long>(s / 60 % 60),
                  static_cast<long long>(s % 60), static_cast<long long>(ms % 1000));
    return buf;
}

} // namespace

int main(int argc, char** argv)
{
    long long frames = 100'000;
    unsigned long long seed = 42;
    int depth = 100;
    std::string symbol = "BTC_JPY";
    const char* path = nullptr;
    const char* usage = "usage: botterm-make-gmocoin-book-stream [--frames N] [--seed S] [--depth N] "
                        "[--symbol SYMBOL] OUT\n";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc)
            frames = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (!std::strcmp(argv[i], "--depth") && i + 1 < argc)
            depth = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--symbol") && i + 1 < argc)
            symbol = argv[++i];
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            std::fputs(usage, stderr);
            return 2;
        }
    }
    if (!path || frames < 1 || depth < 2) {
        std::fputs(usage, stderr);
        return 2;
    }
    std::FILE* f = std::fopen(path, "wb");
    if (!f) {
        std::perror(path);
        return 1;
    }
    std::mt19937_64 rng(seed);
    auto size = [&] { return 1 + rng() % 50'000; }; // 0.0001 … 5 BTC
    std::int64_t mid = 15'000'000;                  // yen
    std::map<std::int64_t, std::uint64_t> bids;     // price → size (in 0.0001)
    std::map<std::int64_t, std::uint64_t> asks;
    auto refill = [&] {
        // Keep `depth` levels a side, every level on its side of the mid.
        while (!bids.empty() && bids.rbegin()->first >= mid)
            bids.erase(std::prev(bids.end()));
        while (!asks.empty() && asks.begin()->first <= mid)
            asks.erase(asks.begin());
        for (std::int64_t p = mid - 1; static_cast<int>(bids.size()) < depth; --p)
            bids.emplace(p - static_cast<std::int64_t>(rng() % 3), size());
        for (std::int64_t p = mid + 1; static_cast<int>(asks.size()) < depth; ++p)
            asks.emplace(p + static_cast<std::int64_t>(rng() % 3), size());
        while (static_cast<int>(bids.size()) > depth)
            bids.erase(bids.begin());
        while (static_cast<int>(asks.size()) > depth)
            asks.erase(std::prev(asks.end()));
    };
    refill();
    std::string line;
    for (long long n = 0; n < frames; ++n) {
        if (n > 0) {
            if (rng() % 10 == 0)
                mid += (rng() % 2) ? 1 : -1;
            const int changes = 1 + static_cast<int>(rng() % 8);
            for (int c = 0; c < changes; ++c) {
                auto& side = (rng() % 2) ? bids : asks;
                auto it = side.begin();
                std::advance(it, static_cast<long>(rng() % side.size()));
                if (rng() % 4 == 0)
                    side.erase(it);
                else
                    it->second = size();
            }
            refill();
        }
        line.assign("{\"channel\":\"orderbooks\",\"asks\":[");
        bool first = true;
        for (const auto& [p, s] : asks) {
            line += first ? "" : ",";
            first = false;
            line += "{\"price\":\"" + std::to_string(p) + "\",\"size\":\"" + sizeText(s) + "\"}";
        }
        line += "],\"bids\":[";
        first = true;
        for (auto it = bids.rbegin(); it != bids.rend(); ++it) {
            line += first ? "" : ",";
            first = false;
            line +=
                "{\"price\":\"" + std::to_string(it->first) + "\",\"size\":\"" + sizeText(it->second) + "\"}";
        }
        line += "],\"symbol\":\"" + symbol + "\",\"timestamp\":\"" + timestamp(n * 100) + "\"}\n";
        std::fwrite(line.data(), 1, line.size(), f);
    }
    return std::fclose(f) == 0 ? 0 : 1;
}
