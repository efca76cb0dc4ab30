#include "demorest.h"

#include "demomarket.h"
#include "demostreams.h"
#include "exchanges/bybit/bybitmarketdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace {

QByteArray quoted(const QString& text)
{
    // JSON string literal, escaped by Qt.
    QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2);
}

QByteArray quoted(Decimal value)
{
    char buf[Decimal::MaxChars];
    return QByteArray("\"") + QByteArray(buf, value.toChars(buf)) + '"';
}

QByteArray levels(const DemoMarket::Book& book, bool bids, int limit)
{
    QByteArray out = "[";
    const std::size_t n =
        std::min<std::size_t>(static_cast<std::size_t>(limit), bids ? book.bidCount() : book.askCount());
    for (std::size_t i = 0; i < n; ++i) {
        const DemoMarket::Level& l = bids ? book.bid(i) : book.ask(i);
        if (i)
            out += ',';
        out += '[' + quoted(book.price(l.priceTicks)) + ',' + quoted(book.quantity(l.lots)) + ']';
    }
    return out + ']';
}

// Parses an optional integer parameter; false if present but not an integer.
bool intParam(const DemoHttpRequest& r, const char* key, std::int64_t& out)
{
    const QString k = QString::fromLatin1(key);
    if (!r.hasQuery(k))
        return true;
    bool ok = false;
    out = r.queryValue(k).toLongLong(&ok);
    return ok;
}

} // namespace

DemoRestApi::DemoRestApi(DemoMarket& market)
    : m_market(market)
{}

QByteArray DemoRestApi::errorBody(int code, const QString& message, std::int64_t nowMs)
{
    return "{\"retCode\":" + QByteArray::number(code) + ",\"retMsg\":" + quoted(message) +
           ",\"result\":{},\"retExtInfo\":{},\"time\":" + QByteArray::number(static_cast<qlonglong>(nowMs)) +
           '}';
}

QByteArray DemoRestApi::ok(const QByteArray& result) const
{
    return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + result +
           ",\"retExtInfo\":{},\"time\":" + QByteArray::number(static_cast<qlonglong>(m_market.nowMs())) +
           '}';
}

DemoHttpResponse DemoRestApi::paramsError(const QString& message) const
{
    // Bybit answers parameter errors with HTTP 200 and retCode 10001.
    return {200,
            errorBody(10001, QStringLiteral("params error: ") + message, m_market.nowMs()),
            "application/json",
            {}};
}

DemoHttpResponse DemoRestApi::handle(const DemoHttpRequest& request) const
{
    if (request.method == "GET") {
        if (request.path == QLatin1String("/v5/market/time"))
            return serverTime();
        if (request.path == QLatin1String("/v5/market/instruments-info"))
            return instruments(request);
        if (request.path == QLatin1String("/v5/market/tickers"))
            return tickers(request);
        if (request.path == QLatin1String("/v5/market/kline"))
            return klines(request);
        if (request.path == QLatin1String("/v5/market/orderbook"))
            return orderBook(request);
    }
    return {
        404,
        errorBody(404,
                  QStringLiteral("Not Found: %1 %2").arg(QString::fromLatin1(request.method), request.path),
                  m_market.nowMs()),
        "application/json",
        {}};
}

DemoHttpResponse DemoRestApi::serverTime() const
{
    const std::int64_t now = m_market.nowMs();
    const QByteArray result = "{\"timeSecond\":\"" + QByteArray::number(static_cast<qlonglong>(now / 1000)) +
                              "\",\"timeNano\":\"" + QByteArray::number(static_cast<qlonglong>(now)) +
                              "000000\"}";
    return {200, ok(result), "application/json", {}};
}

namespace {
std::optional<Category> categoryParam(const DemoHttpRequest& r, bool required)
{
    const QString value = r.queryValue(QStringLiteral("category"));
    if (value.isEmpty() && !required)
        return Category::Linear;
    return categoryFromName(value);
}
} // namespace

DemoHttpResponse DemoRestApi::instruments(const DemoHttpRequest& request) const
{
    const auto category = categoryParam(request, true);
    if (!category)
        return paramsError(
            QStringLiteral("category invalid: '%1'").arg(request.queryValue(QStringLiteral("category"))));
    const QString symbol = request.queryValue(QStringLiteral("symbol"));
    std::int64_t limit = 500;
    if (!intParam(request, "limit", limit) || limit < 1 || limit > 1000)
        return paramsError(QStringLiteral("limit must be 1..1000"));
    QByteArray list = "[";
    int n = 0;
    for (std::size_t i = 0; i < m_market.bookCount() && n < limit; ++i) {
        const DemoMarket::Book& book = m_market.book(i);
        const DemoSymbolSpec& s = book.spec();
        if (book.category() != *category || (!symbol.isEmpty() && s.symbol != symbol))
            continue;
        if (n++)
            list += ',';
        const QByteArray tick = quoted(s.tickSize);
        if (s.category == Category::Linear) {
            const std::int64_t startTicks =
                s.startPrice.mantissaAtScale(s.tickSize.scale()).value_or(1) / s.tickSize.mantissa();
            list += "{\"symbol\":" + quoted(s.symbol) +
                    ",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\"," +
                    "\"baseCoin\":" + quoted(s.baseCoin) + ",\"quoteCoin\":" + quoted(s.quoteCoin) +
                    ",\"launchTime\":\"1585526400000\",\"deliveryTime\":\"0\",\"deliveryFeeRate\":\"\","
                    "\"priceScale\":\"" +
                    QByteArray::number(s.tickSize.scale()) +
                    "\",\"leverageFilter\":{\"minLeverage\":\"1\",\"maxLeverage\":\"100.00\","
                    "\"leverageStep\":\"0.01\"}," +
                    "\"priceFilter\":{\"minPrice\":" + tick +
                    ",\"maxPrice\":" + quoted(book.price(startTicks * 20)) + ",\"tickSize\":" + tick +
                    "},\"lotSizeFilter\":{\"maxOrderQty\":" + quoted(s.maxOrderQty) +
                    ",\"minOrderQty\":" + quoted(s.minOrderQty) + ",\"qtyStep\":" + quoted(s.lotSize) +
                    ",\"postOnlyMaxOrderQty\":" + quoted(s.maxOrderQty) +
                    ",\"maxMktOrderQty\":" + quoted(s.maxOrderQty) +
                    ",\"minNotionalValue\":" + quoted(s.minNotional) +
                    "},\"unifiedMarginTrade\":true,\"fundingInterval\":480,\"settleCoin\":" +
                    quoted(s.quoteCoin) +
                    ",\"copyTrading\":\"both\",\"upperFundingRate\":\"0.00375\",\"lowerFundingRate\":\"-0."
                    "00375\"," +
                    "\"isPreListing\":false,\"preListingInfo\":null}";
        } else {
            list += "{\"symbol\":" + quoted(s.symbol) + ",\"baseCoin\":" + quoted(s.baseCoin) +
                    ",\"quoteCoin\":" + quoted(s.quoteCoin) +
                    ",\"innovation\":\"0\",\"status\":\"Trading\",\"marginTrading\":\"both\"," +
                    "\"stTag\":\"0\",\"lotSizeFilter\":{\"basePrecision\":" + quoted(s.lotSize) +
                    ",\"quotePrecision\":\"0.00000001\",\"minOrderQty\":" + quoted(s.minOrderQty) +
                    ",\"maxOrderQty\":" + quoted(s.maxOrderQty) +
                    ",\"minOrderAmt\":" + quoted(s.minNotional) +
                    ",\"maxOrderAmt\":\"2000000\"},\"priceFilter\":{\"tickSize\":" + tick +
                    "},\"riskParameters\":{\"priceLimitRatioX\":\"0.05\",\"priceLimitRatioY\":\"0.05\"}}";
        }
    }
    list += ']';
    QByteArray result = "{\"category\":" + quoted(categoryName(*category)) + ",\"list\":" + list;
    if (*category != Category::Spot)
        result += ",\"nextPageCursor\":\"\"";
    return {200, ok(result + '}'), "application/json", {}};
}

DemoHttpResponse DemoRestApi::tickers(const DemoHttpRequest& request) const
{
    const auto category = categoryParam(request, true);
    if (!category)
        return paramsError(
            QStringLiteral("category invalid: '%1'").arg(request.queryValue(QStringLiteral("category"))));
    const QString symbol = request.queryValue(QStringLiteral("symbol"));
    if (!symbol.isEmpty() && !m_market.find(*category, symbol))
        return paramsError(QStringLiteral("symbol invalid: '%1'").arg(symbol));
    QByteArray list = "[";
    int n = 0;
    for (std::size_t i = 0; i < m_market.bookCount(); ++i) {
        const DemoMarket::Book& book = m_market.book(i);
        if (book.category() != *category || (!symbol.isEmpty() && book.symbol() != symbol))
            continue;
        if (n++)
            list += ',';
        list += '{';
        bool first = true;
        for (const auto& [name, value] : demoTickerFields(m_market, book, true)) {
            if (!first)
                list += ',';
            first = false;
            list += '"' + QByteArray(name) + "\":\"" + value + '"';
        }
        list += '}';
    }
    list += ']';
    return {200,
            ok("{\"category\":" + quoted(categoryName(*category)) + ",\"list\":" + list + '}'),
            "application/json",
            {}};
}

DemoHttpResponse DemoRestApi::klines(const DemoHttpRequest& request) const
{
    // Bybit's kline defaults to linear when category is left out.
    const auto category = categoryParam(request, false);
    if (!category)
        return paramsError(
            QStringLiteral("category invalid: '%1'").arg(request.queryValue(QStringLiteral("category"))));
    const QString symbol = request.queryValue(QStringLiteral("symbol"));
    const DemoMarket::Book* book = m_market.find(*category, symbol);
    if (!book)
        return paramsError(QStringLiteral("symbol invalid: '%1'").arg(symbol));
    const QByteArray code = request.queryValue(QStringLiteral("interval")).toLatin1();
    const auto interval = BybitMarketData::intervalFromCode(std::string_view(code.constData(), code.size()));
    if (!interval)
        return paramsError(
            QStringLiteral("interval invalid: '%1' (1, 5, 15, 60, 240, D)").arg(QString::fromLatin1(code)));
    std::int64_t limit = 200;
    std::int64_t start = 0;
    std::int64_t end = m_market.nowMs();
    if (!intParam(request, "limit", limit) || limit < 1 || limit > 1000)
        return paramsError(QStringLiteral("limit must be 1..1000"));
    if (!intParam(request, "start", start) || !intParam(request, "end", end) || start < 0 || end < start)
        return paramsError(QStringLiteral("start and end must be millisecond times with start <= end"));
    QByteArray list = "[";
    bool first = true;
    for (const DemoMarket::Bar& b : book->bars(*interval, start, end, static_cast<int>(limit))) {
        if (!first)
            list += ',';
        first = false;
        list += "[\"" + QByteArray::number(static_cast<qlonglong>(b.openTimeMs)) + "\"," +
                quoted(book->price(b.open)) + ',' + quoted(book->price(b.high)) + ',' +
                quoted(book->price(b.low)) + ',' + quoted(book->price(b.close)) + ',' +
                quoted(book->quantity(b.volumeLots)) + ',' + quoted(book->turnover(b.turnover).normalized()) +
                ']';
    }
    list += ']';
    return {200,
            ok("{\"symbol\":" + quoted(symbol) + ",\"category\":" + quoted(categoryName(*category)) +
               ",\"list\":" + list + '}'),
            "application/json",
            {}};
}

DemoHttpResponse DemoRestApi::orderBook(const DemoHttpRequest& request) const
{
    const auto category = categoryParam(request, true);
    if (!category)
        return paramsError(
            QStringLiteral("category invalid: '%1'").arg(request.queryValue(QStringLiteral("category"))));
    const QString symbol = request.queryValue(QStringLiteral("symbol"));
    const DemoMarket::Book* book = m_market.find(*category, symbol);
    if (!book)
        return paramsError(QStringLiteral("symbol invalid: '%1'").arg(symbol));
    // linear: 1..500, default 25; spot: 1..200, default 1.
    const bool spot = *category == Category::Spot;
    std::int64_t limit = spot ? 1 : 25;
    if (!intParam(request, "limit", limit) || limit < 1 || limit > (spot ? 200 : 500))
        return paramsError(QStringLiteral("limit must be 1..%1").arg(spot ? 200 : 500));
    const QByteArray now = QByteArray::number(static_cast<qlonglong>(m_market.nowMs()));
    const QByteArray result =
        "{\"s\":" + quoted(symbol) + ",\"b\":" + levels(*book, true, static_cast<int>(limit)) +
        ",\"a\":" + levels(*book, false, static_cast<int>(limit)) + ",\"ts\":" + now +
        ",\"u\":" + QByteArray::number(static_cast<qulonglong>(book->version())) +
        ",\"seq\":" + QByteArray::number(static_cast<qlonglong>(book->sequence())) + ",\"cts\":" + now + '}';
    return {200, ok(result), "application/json", {}};
}
