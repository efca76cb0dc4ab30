#pragma once

#include "models/marketdata.h"

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// BitMEX's candles: bins of 1m, 5m, 1h and 1d only, so 15m and 4h are built here from 5m and 1h bins, for
// /trade/bucketed history and tradeBin pushes alike, on the interval's grid from the UNIX epoch (UTC).
// A built interval's newest history group is carried on by the pushes, so a chart sees one candle.
class BitmexCandleBuilder final
{
public:
    // BitMEX's bin sizes: "1m", "5m", "1h", "1d"; empty for 15m and 4h, which BitMEX does not offer.
    static QString binSize(CandleInterval interval);
    // The BitMEX bin an interval is read from: 15m from 5m, 4h from 1h, the others as themselves.
    static CandleInterval sourceInterval(CandleInterval interval);
    // Candles of `target` from candles of `source` (open times, oldest first; BitMEX's end stamps already
    // turned into open times), grouped on target's grid: the first's open, the last's close, the highest
    // high, the lowest low, volume and turnover summed. The oldest group is left out when it lacks its
    // first source candle (a history page that starts inside it: its open is not known). Every group but
    // the newest is closed; the newest once its last source candle is in, closed.
    static std::vector<Candle> aggregate(const std::vector<Candle>& candles, CandleInterval source,
                                         CandleInterval target);

    // A chart subscribes to `interval` of symbol: a built one follows its source bins from now on.
    void follow(const std::string& symbol, CandleInterval interval);
    // A pushed bin of `source` (final): the built candle it moves, for a followed 15m or 4h chart.
    struct Built
    {
        CandleInterval interval;
        Candle candle;
    };
    std::optional<Built> addPushedBin(std::string_view symbol, CandleInterval source, const Candle& bin);
    // A history page of source bins (open times, oldest first) read for `interval`: the candles to show.
    // A built interval's newest group also becomes the start of its live candle.
    std::vector<Candle> fromHistory(const std::string& symbol, CandleInterval interval,
                                    std::vector<Candle> bins);

private:
    // The source candles of a 15m or 4h candle being built, by open time. seeded: history gave the group
    // from its start.
    struct Group
    {
        std::int64_t openMs = -1;
        std::map<std::int64_t, Candle> parts;
        std::set<std::int64_t> pushed; // parts a tradeBin push gave: final
        bool seeded = false;
    };
    static std::optional<Candle> fold(Group& group, CandleInterval source, CandleInterval target,
                                      const Candle& part, bool pushed);
    void seed(const std::string& symbol, CandleInterval target, const std::vector<Candle>& sourceCandles);

    std::map<std::pair<std::string, CandleInterval>, Group> m_building; // by (symbol, built interval)
};
