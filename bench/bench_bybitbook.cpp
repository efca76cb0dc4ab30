// Frame → parse → book update throughput on a Bybit orderbook.50 stream, and the parts alone.
// Run: build-me/bench/botterm-bench   (or scripts/bench.sh)
#include "bybitbookstream.h"

#include "exchanges/bybit/bybitmarketdata.h"
#include "models/marketstore.h"

#include <benchmark/benchmark.h>

namespace {

const std::vector<std::string>& stream()
{
    static const std::vector<std::string> frames = makeBybitBookStream({});
    return frames;
}

class StoreSink final : public MarketEventSink
{
public:
    MarketStore store;
    void onBook(const BookUpdate& update) override { store.applyBook(update); }
    void onTicker(const Ticker&, bool) override {}
    void onTrades(std::span<const Trade>) override {}
    void onCandle(const QString&, CandleInterval, const Candle&) override {}
};

class NullSink final : public MarketEventSink
{
public:
    std::int64_t levels = 0;
    void onBook(const BookUpdate& update) override
    {
        levels += static_cast<std::int64_t>(update.levels.bids.size() + update.levels.asks.size());
    }
    void onTicker(const Ticker&, bool) override {}
    void onTrades(std::span<const Trade>) override {}
    void onCandle(const QString&, CandleInterval, const Candle&) override {}
};

void BM_BybitBook_ParseAndApply(benchmark::State& state)
{
    const auto& frames = stream();
    for (auto _ : state) {
        BybitMarketData adapter;
        StoreSink sink;
        for (const std::string& f : frames)
            adapter.parse(QByteArrayView(f.data(), static_cast<qsizetype>(f.size())), Category::Linear, sink);
        benchmark::DoNotOptimize(sink.store.findBook("BTCUSDT")->sequence());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(frames.size()));
}
BENCHMARK(BM_BybitBook_ParseAndApply)->Unit(benchmark::kMillisecond);

void BM_BybitBook_ParseOnly(benchmark::State& state)
{
    const auto& frames = stream();
    for (auto _ : state) {
        BybitMarketData adapter;
        NullSink sink;
        for (const std::string& f : frames)
            adapter.parse(QByteArrayView(f.data(), static_cast<qsizetype>(f.size())), Category::Linear, sink);
        benchmark::DoNotOptimize(sink.levels);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(frames.size()));
}
BENCHMARK(BM_BybitBook_ParseOnly)->Unit(benchmark::kMillisecond);

void BM_Decimal_Parse(benchmark::State& state)
{
    const char* texts[] = {"65000.10", "0.512", "64999.90", "12.345", "0.001", "65123.40"};
    std::int64_t sum = 0;
    for (auto _ : state) {
        for (const char* t : texts)
            sum += Decimal::parse(t)->mantissa();
    }
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(state.iterations() * 6);
}
BENCHMARK(BM_Decimal_Parse);

} // namespace

BENCHMARK_MAIN();
