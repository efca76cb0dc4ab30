#pragma once

#include "models/decimal.h"
#include "models/orderbook.h"

#include <QString>

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Readers shared by the venues' simdjson frame parsers. Prices and sizes are read exactly from the
// frame's text into a Decimal, never through a double, whichever way the venue writes them:
//   - as a JSON string ("455659", "0.1": GMO Coin, OKX, Coincheck): the *String* readers;
//   - as a JSON number (580006.0, 1E-05: bitFlyer): the *Number* readers, which read the number's own
//     token.
namespace jsonfields {

namespace od = simdjson::ondemand;

inline QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// A decimal written as a JSON string (an ondemand value or a DOM element).
template <class JsonValue> inline bool readStringDecimal(JsonValue value, Decimal& out)
{
    std::string_view text;
    if (value.get_string().get(text))
        return false;
    const auto d = Decimal::parse(text);
    if (!d)
        return false;
    out = *d;
    return true;
}

// A decimal written as a JSON number, read from the number's own token.
inline bool readNumberDecimal(od::value value, Decimal& out)
{
    std::string_view raw = value.raw_json_token();
    while (!raw.empty() &&
           (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
    if (raw.empty() || !(raw.front() == '-' || (raw.front() >= '0' && raw.front() <= '9')))
        return false;
    const auto d = Decimal::parse(raw);
    if (!d)
        return false;
    out = *d;
    return true;
}

// How a venue writes its numbers.
enum class NumberForm
{
    String, // "455659"
    Number, // 455659.0
};

inline bool readDecimal(od::value value, NumberForm form, Decimal& out)
{
    return form == NumberForm::String ? readStringDecimal(value, out) : readNumberDecimal(value, out);
}

inline bool readOptionalDecimal(od::value value, NumberForm form, std::optional<Decimal>& out)
{
    Decimal d;
    if (!readDecimal(value, form, d))
        return false;
    out = d;
    return true;
}

// [{"price":…,"size":…}, …] (other fields ignored), appended to out in order; false when an entry is not
// an object or lacks either number.
inline bool readPriceSizeObjects(od::value value, NumberForm form, std::vector<BookLevel>& out)
{
    od::array levels;
    if (value.get_array().get(levels))
        return false;
    for (auto entry : levels) {
        od::object obj;
        if (entry.get_object().get(obj))
            return false;
        BookLevel level;
        bool havePrice = false;
        bool haveSize = false;
        for (auto fieldResult : obj) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return false;
            const od::raw_json_string key = field.key();
            if (key == "price") {
                if (!readDecimal(field.value(), form, level.price))
                    return false;
                havePrice = true;
            } else if (key == "size") {
                if (!readDecimal(field.value(), form, level.size))
                    return false;
                haveSize = true;
            }
        }
        if (!havePrice || !haveSize)
            return false;
        out.push_back(level);
    }
    return true;
}

// [[price, size, …], …] with string numbers (later items ignored), appended to out in order.
inline bool readPriceSizeArrays(od::value value, std::vector<BookLevel>& out)
{
    od::array levels;
    if (value.get_array().get(levels))
        return false;
    for (auto entry : levels) {
        od::array row;
        if (entry.get_array().get(row))
            return false;
        std::string_view text[2];
        int n = 0;
        for (auto item : row) {
            if (n < 2 && item.get_string().get(text[n]))
                return false;
            ++n;
        }
        if (n < 2)
            return false;
        const auto price = Decimal::parse(text[0]);
        const auto size = Decimal::parse(text[1]);
        if (!price || !size)
            return false;
        out.push_back(BookLevel{*price, *size});
    }
    return true;
}

// "key":"value" found in the raw text, for a frame the parser could not read (to name its book).
inline std::string_view rawStringField(std::string_view text, std::string_view key)
{
    std::string pattern;
    pattern.reserve(key.size() + 4);
    pattern.push_back('"');
    pattern.append(key);
    pattern.append("\":\"");
    const auto start = text.find(pattern);
    if (start == std::string_view::npos)
        return {};
    const auto from = start + pattern.size();
    const auto end = text.find('"', from);
    return end == std::string_view::npos ? std::string_view{} : text.substr(from, end - from);
}

} // namespace jsonfields
