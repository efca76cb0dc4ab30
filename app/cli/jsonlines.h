#pragma once

#include "models/instrument.h"
#include "models/marketdata.h"
#include "models/orderbook.h"

#include <QString>

#include <cstdio>
#include <string>
#include <string_view>

// Builds one JSON object per line for botterm-cli's machine-readable output. Prices and sizes are
// written as exact decimal strings, never as JSON numbers.
class JsonLine final
{
public:
    JsonLine& field(std::string_view key, std::string_view value);
    JsonLine& field(std::string_view key, const QString& value);
    JsonLine& field(std::string_view key, std::int64_t value);
    JsonLine& field(std::string_view key, bool value);
    JsonLine& field(std::string_view key, Decimal value);
    JsonLine& field(std::string_view key, const std::optional<Decimal>& value); // omitted when absent
    // "key": [["price","size"], …] for the top `depth` levels of one side.
    JsonLine& levels(std::string_view key, const OrderBook& book, bool bids, std::size_t depth);
    JsonLine& raw(std::string_view key, std::string_view json);

    std::string finish(); // "{…}"
    // Writes the object and a newline and flushes, so a pipe reader sees each event at once.
    void writeTo(std::FILE* out);

    static void appendString(std::string& out, std::string_view value);

private:
    void key(std::string_view key);
    std::string m_text = "{";
};

JsonLine bookLine(const QString& exchange, Category category, std::string_view symbol, const OrderBook& book,
                  std::size_t depth);
JsonLine tickerLine(const QString& exchange, Category category, const Ticker& ticker);
JsonLine tradeLine(const QString& exchange, Category category, const Trade& trade);
JsonLine candleLine(const QString& exchange, Category category, const QString& symbol,
                    CandleInterval interval, const Candle& candle);
