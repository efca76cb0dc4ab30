// bitFlyer Lightning market-data REST: the product list and the error shape.
// https://lightning.bitflyer.com/docs#market-list (GET /v1/markets),
// https://lightning.bitflyer.com/docs#board-state (GET /v1/getboardstate)
#include "bitflyermarketdata.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {
struct Rules
{
    const char* product;
    const char* tick;
    const char* minSize;
};

// /v1/markets lists product codes and market types only, so these rules are hard-coded. None of them is
// confirmed by an official bitFlyer page (checked again 2026-11): the API reference
// (https://lightning.bitflyer.com/docs: #market-list, #send-a-new-order,
// #submit-new-parent-order-special-order) states no tick, minimum or size step; the Crypto CFD trading rules
// and user guide (https://lightning.bitflyer.com/docs/crypto-cfd-rule, /docs/fx), the special-order page
// (/docs/specialorder) and the fee page (https://bitflyer.com/en-jp/commission) do not either. What each
// figure rests on:
// - tick 1 JPY on BTC_JPY, FX_BTC_JPY and ETH_JPY: unconfirmed; consistent with the whole-yen prices of
//   every board, execution and order example in the API reference;
// - minimum 0.001 BTC on BTC_JPY and FX_BTC_JPY: unconfirmed; docs/exchanges-japan.md §1.6 gives 0.01 BTC
//   for FX_BTC_JPY, and the third-party pages found give 0.0001 BTC for bitFlyer's broker service, not
//   for Lightning;
// - minimum 0.01 on ETH_JPY, ETH_BTC and BCH_BTC, tick 0.00001 BTC on the BTC-quoted two: unconfirmed,
//   from the project's venue brief;
// - size step 0.00000001: unconfirmed; consistent with the 8-decimal sizes of the examples.
// Other Spot products /v1/markets lists (XRP_JPY, XLM_JPY, MONA_JPY …) are left out rather than guessed.
// bitFlyer refuses an order that breaks a rule with its own message, shown verbatim.
constexpr Rules kRules[] = {
    {"BTC_JPY", "1", "0.001"},      {"FX_BTC_JPY", "1", "0.001"},   {"ETH_JPY", "1", "0.01"},
    {"ETH_BTC", "0.00001", "0.01"}, {"BCH_BTC", "0.00001", "0.01"},
};
constexpr const char* kSizeStep = "0.00000001";
} // namespace

void BitflyerMarketData::applyTradingRules(Instrument& instrument)
{
    for (const Rules& r : kRules) {
        if (instrument.symbol == QLatin1String(r.product)) {
            instrument.tickSize = *Decimal::parse(std::string_view(r.tick));
            instrument.minQuantity = *Decimal::parse(std::string_view(r.minSize));
            instrument.lotSize = *Decimal::parse(std::string_view(kSizeStep));
            return;
        }
    }
}

RestRequest BitflyerMarketData::instrumentsRequest(Category category) const
{
    Q_UNUSED(category); // one list for every market type
    RestRequest r;
    r.path = QStringLiteral("/v1/markets");
    return r;
}

Result<std::vector<Instrument>, AdapterError>
BitflyerMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("markets: %1 %2").arg(error->venueCode, error->message)});
    if (!reply.isArray())
        return R::failure({QStringLiteral("markets reply is not an array")});
    // Spot boards are "Spot"; the Crypto CFD FX_BTC_JPY is "FX" (→ Linear); dated "Futures" are left out.
    const QLatin1String wanted = category == Category::Spot ? QLatin1String("Spot") : QLatin1String("FX");
    std::vector<Instrument> out;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        const QString product = o.value(QLatin1String("product_code")).toString();
        if (product.isEmpty())
            return R::failure({QStringLiteral("a market lacks product_code")});
        if (o.value(QLatin1String("market_type")).toString() != wanted)
            continue;
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = product;
        QStringList parts = product.split(QLatin1Char('_'));
        if (parts.size() == 3 && parts.first() == QLatin1String("FX"))
            parts.removeFirst(); // FX_BTC_JPY: BTC sized, JPY quoted and margined
        if (parts.size() != 2)
            continue;
        i.baseAsset = parts.at(0);
        i.quoteAsset = parts.at(1);
        applyTradingRules(i);
        if (i.tickSize.isZero())
            continue; // rules unknown (see kRules): not offered rather than guessed
        out.push_back(std::move(i));
    }
    return out;
}

RestRequest BitflyerMarketData::candlesRequest(Category category, const QString& symbol,
                                               CandleInterval interval, std::int64_t endMs, int limit) const
{
    // bitFlyer has no candle (OHLC) API, so there is no history to load. The board state is asked for
    // instead: a cheap public call whose success answers "no history" (see parseCandles).
    Q_UNUSED(category);
    Q_UNUSED(interval);
    Q_UNUSED(endMs);
    Q_UNUSED(limit);
    RestRequest r;
    r.path = QStringLiteral("/v1/getboardstate");
    r.query = {{QStringLiteral("product_code"), symbol}};
    return r;
}

Result<std::vector<Candle>, AdapterError> BitflyerMarketData::parseCandles(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Candle>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("board state: %1 %2").arg(error->venueCode, error->message)});
    // No history: candles are built from live executions only.
    return std::vector<Candle>{};
}

std::optional<RestError> BitflyerMarketData::replyError(const QJsonDocument& reply) const
{
    // {"status":-500,"error_message":"…","data":null}, sometimes inside an HTTP 200.
    const QJsonObject o = reply.object();
    const QJsonValue status = o.value(QLatin1String("status"));
    if (!status.isDouble() || status.toInteger() >= 0)
        return std::nullopt;
    RestError e;
    e.kind = RestError::Kind::Venue;
    e.venueCode = QString::number(status.toInteger());
    e.message = o.value(QLatin1String("error_message")).toString();
    return e;
}
