#include "venuerest.h"

#include "signer.h" // HttpRequest

#include "exchanges/bitbank/bitbankerrors.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <limits>

namespace {

// The longest wait a venue's rate-limit header is believed for (a day): anything above is a broken header.
constexpr qint64 kMaxWaitMs = 24LL * 3600 * 1000;

using Cost = RateLimiter::Cost;

RestError venueError(const QString& code, const QString& message)
{
    RestError e;
    e.kind = RestError::Kind::Venue;
    e.venueCode = code;
    e.message = message;
    return e;
}

QString numberText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    return QString::number(value.toInteger());
}

QByteArray compact(const QJsonDocument& doc)
{
    return doc.toJson(QJsonDocument::Compact);
}

bool pathStarts(const HttpRequest& r, const char* prefix)
{
    return r.url.path().startsWith(QLatin1String(prefix));
}

std::optional<qint64> integerField(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toInteger();
    if (value.isString()) {
        bool ok = false;
        const qint64 n = value.toString().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

std::optional<qint64> isoField(const QJsonValue& value)
{
    const QDateTime when = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!when.isValid())
        return std::nullopt;
    return when.toMSecsSinceEpoch();
}

QJsonObject bodyObject(const RestClient::RawReply& reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

int headerInt(const RestClient::RawReply& reply, QByteArrayView name, int fallback = -1)
{
    bool ok = false;
    const int value = reply.header(name).trimmed().toInt(&ok);
    return ok ? value : fallback;
}

// How long until a reset time the venue sent (ms since the epoch): never negative, and saturated, since a
// header may carry any number.
qint64 msUntilEpoch(qint64 epochMs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return epochMs <= now ? 0 : static_cast<qint64>(std::min<__int128>(__int128(epochMs) - now, kMaxWaitMs));
}

// An epoch time in seconds as milliseconds, saturated at the ends of the range.
qint64 epochSecondsToMs(qint64 seconds)
{
    constexpr qint64 limit = std::numeric_limits<qint64>::max() / 1000;
    return std::clamp(seconds, -limit, limit) * 1000;
}

// A header's whole seconds in milliseconds, clamped to [0, kMaxWaitMs]; -1 when it is not a number.
qint64 secondsHeaderMs(QByteArrayView text)
{
    bool ok = false;
    const qint64 seconds = text.toByteArray().trimmed().toLongLong(&ok);
    if (!ok)
        return -1;
    return std::clamp<qint64>(seconds, 0, kMaxWaitMs / 1000) * 1000;
}

QList<Cost> oneRequest(const HttpRequest&)
{
    return {Cost{QStringLiteral("requests"), 1}};
}

// ---- Bybit V5 --------------------------------------------------------------------------------------
// Errors and codes: https://bybit-exchange.github.io/docs/v5/error ; limits and the X-Bapi-Limit*
// headers: https://bybit-exchange.github.io/docs/v5/rate-limit ; time: /v5/market/time.
void bybit(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        if (!o.contains(QLatin1String("retCode")))
            return std::nullopt;
        const qint64 code = o.value(QLatin1String("retCode")).toInteger();
        if (code == 0)
            return std::nullopt;
        RestError e = venueError(QString::number(code), o.value(QLatin1String("retMsg")).toString());
        if (code == 10006 || code == 10018) // too many visits (per UID / per IP)
            e.kind = RestError::Kind::RateLimited;
        return e;
    };
    // 10002: the request time exceeds the time window range.
    p.isTimestampRejection = [](const RestError& e) { return e.venueCode == QLatin1String("10002"); };
    p.timeProbe = TimeProbe{"GET", QStringLiteral("/v5/market/time"), [](const RestClient::RawReply& r) {
                                const QJsonObject o = bodyObject(r);
                                const QJsonObject result = o.value(QLatin1String("result")).toObject();
                                if (auto nano = integerField(result.value(QLatin1String("timeNano"))))
                                    return std::optional<qint64>(*nano / 1'000'000);
                                return integerField(o.value(QLatin1String("time")));
                            }};
    // IP limit: 600 requests per 5 s (HTTP 403 beyond it). Per-UID endpoint limits come in headers.
    p.budgets = {{QStringLiteral("requests"), 600, 5'000}};
    p.costs = [](const HttpRequest& r) {
        return QList<Cost>{{QStringLiteral("requests"), 1}, {QStringLiteral("path:") + r.url.path(), 1}};
    };
    p.observe = [](const RestClient::RawReply& reply, const HttpRequest& r, RateLimiter& limiter) -> qint64 {
        const int limit = headerInt(reply, "X-Bapi-Limit");
        const int remaining = headerInt(reply, "X-Bapi-Limit-Status");
        if (limit <= 0 || remaining < 0)
            return -1;
        const QString budget = QStringLiteral("path:") + r.url.path();
        limiter.setBudget({budget, limit, 1'000}); // Bybit's endpoint limits are per second
        const QByteArray reset = reply.header("X-Bapi-Limit-Reset-Timestamp");
        limiter.observeRemaining(budget, remaining, reset.isEmpty() ? -1 : msUntilEpoch(reset.toLongLong()));
        return -1;
    };
    p.isCancel = [](const HttpRequest& r) { return pathStarts(r, "/v5/order/cancel"); };
}

// ---- Binance spot and USDⓈ-M -------------------------------------------------------------------------
// Errors: https://developers.binance.com/docs/binance-spot-api-docs/errors ; limits and the
// X-MBX-USED-WEIGHT-1M / X-MBX-ORDER-COUNT-10S headers:
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits ; futures:
// https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
void binance(VenueRestPolicy& p, bool futures)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        const QJsonValue code = o.value(QLatin1String("code"));
        if (!code.isDouble() || code.toInteger() >= 0 || !o.contains(QLatin1String("msg")))
            return std::nullopt;
        RestError e = venueError(QString::number(code.toInteger()), o.value(QLatin1String("msg")).toString());
        if (code.toInteger() == -1003 || code.toInteger() == -1015) // too many requests / new orders
            e.kind = RestError::Kind::RateLimited;
        // -1006 "… Execution status unknown." / -1007 "Timeout waiting for response from backend server.
        // Send status unknown; execution status unknown.": not a rejection, the order may stand. Read as a
        // timeout (code and text kept), so an order's fate is looked up, never assumed or resent.
        if (code.toInteger() == -1006 || code.toInteger() == -1007)
            e.kind = RestError::Kind::Timeout;
        return e;
    };
    // -1021: timestamp outside the recvWindow (or ahead of the server's time).
    p.isTimestampRejection = [](const RestError& e) { return e.venueCode == QLatin1String("-1021"); };
    p.timeProbe = TimeProbe{"GET", futures ? QStringLiteral("/fapi/v1/time") : QStringLiteral("/api/v3/time"),
                            [](const RestClient::RawReply& r) {
                                return integerField(bodyObject(r).value(QLatin1String("serverTime")));
                            }};
    // Spot: 6000 weight / min, 100 orders / 10 s; USDⓈ-M: 2400 weight / min, 300 orders / 10 s.
    p.budgets = {{QStringLiteral("weight"), futures ? 2400 : 6000, 60'000},
                 {QStringLiteral("orders"), futures ? 300 : 100, 10'000}};
    p.costs = [](const HttpRequest& r) {
        QList<Cost> costs{{QStringLiteral("weight"), 1}};
        const QString path = r.url.path();
        const bool placesOrder =
            r.method != "DELETE" && r.method != "GET" &&
            (path.endsWith(QLatin1String("/order")) || path.contains(QLatin1String("/orderList")) ||
             path.endsWith(QLatin1String("/cancelReplace")) || path.endsWith(QLatin1String("/batchOrders")));
        if (placesOrder)
            costs.append({QStringLiteral("orders"), 1});
        return costs;
    };
    p.observe = [](const RestClient::RawReply& reply, const HttpRequest&, RateLimiter& limiter) -> qint64 {
        if (const int used = headerInt(reply, "X-MBX-USED-WEIGHT-1M"); used >= 0)
            limiter.observeUsed(QStringLiteral("weight"), used);
        if (const int orders = headerInt(reply, "X-MBX-ORDER-COUNT-10S"); orders >= 0)
            limiter.observeUsed(QStringLiteral("orders"), orders);
        return -1;
    };
    p.isCancel = [](const HttpRequest& r) {
        return r.method == "DELETE" && (r.url.path().endsWith(QLatin1String("/order")) ||
                                        r.url.path().endsWith(QLatin1String("/openOrders")) ||
                                        r.url.path().endsWith(QLatin1String("/allOpenOrders")) ||
                                        r.url.path().endsWith(QLatin1String("/batchOrders")));
    };
}

// ---- OKX v5 ----------------------------------------------------------------------------------------------
// Codes: https://www.okx.com/docs-v5/en/#error-code (50011 rate limit, 50102 timestamp request
// expired, 50112 invalid OK-ACCESS-TIMESTAMP, 50113 invalid signature); time: /api/v5/public/time.
void okx(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        if (!o.contains(QLatin1String("code")))
            return std::nullopt;
        const QString code = numberText(o.value(QLatin1String("code")));
        if (code == QLatin1String("0"))
            return std::nullopt;
        QString message = o.value(QLatin1String("msg")).toString();
        QString venueCode = code;
        // Trade calls: code 1/2 (all/some items failed) with the reasons in data[].sCode/sMsg.
        const QJsonArray data = o.value(QLatin1String("data")).toArray();
        if (!data.isEmpty() && (code == QLatin1String("1") || code == QLatin1String("2"))) {
            const QJsonObject first = data.first().toObject();
            const QString sCode = numberText(first.value(QLatin1String("sCode")));
            if (!sCode.isEmpty() && sCode != QLatin1String("0")) {
                venueCode = sCode;
                message = first.value(QLatin1String("sMsg")).toString();
            }
        }
        RestError e = venueError(venueCode, message);
        if (venueCode == QLatin1String("50011") || venueCode == QLatin1String("50061"))
            e.kind = RestError::Kind::RateLimited;
        return e;
    };
    p.isTimestampRejection = [](const RestError& e) {
        return e.venueCode == QLatin1String("50102") || e.venueCode == QLatin1String("50112");
    };
    p.timeProbe = TimeProbe{"GET", QStringLiteral("/api/v5/public/time"), [](const RestClient::RawReply& r) {
                                const QJsonArray data = bodyObject(r).value(QLatin1String("data")).toArray();
                                return integerField(data.first().toObject().value(QLatin1String("ts")));
                            }};
    // OKX publishes limits per endpoint (most reads 10–20 / 2 s, orders 60 / 2 s) and sends no
    // rate-limit headers: one conservative shared budget.
    p.budgets = {{QStringLiteral("requests"), 20, 2'000}};
    p.costs = oneRequest;
    p.observe = [](const RestClient::RawReply&, const HttpRequest&, RateLimiter&) -> qint64 { return -1; };
    p.isCancel = [](const HttpRequest& r) {
        return pathStarts(r, "/api/v5/trade/cancel") || pathStarts(r, "/api/v5/trade/mass-cancel");
    };
}

// ---- bitFlyer Lightning --------------------------------------------------------------------------------
// https://lightning.bitflyer.com/docs#api-limits : 500 requests / 5 min per key; sendchildorder,
// sendparentorder and cancelallchildorders 300 / 5 min together. Errors {"status":<negative>,
// "error_message":…}; no documented time endpoint or timestamp code (see isTimestampRejection).
void bitflyer(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        const QJsonValue status = o.value(QLatin1String("status"));
        if (!status.isDouble() || status.toInteger() >= 0)
            return std::nullopt;
        return venueError(QString::number(status.toInteger()),
                          o.value(QLatin1String("error_message")).toString());
    };
    // bitFlyer documents no code for a stale ACCESS-TIMESTAMP; its message names the timestamp.
    p.isTimestampRejection = [](const RestError& e) {
        return e.message.contains(QLatin1String("timestamp"), Qt::CaseInsensitive);
    };
    p.timeProbe = TimeProbe{"GET", QStringLiteral("/v1/gethealth"), &TimeProbe::dateHeaderMs};
    p.budgets = {{QStringLiteral("requests"), 500, 300'000}, {QStringLiteral("orders"), 300, 300'000}};
    p.costs = [](const HttpRequest& r) {
        QList<Cost> costs{{QStringLiteral("requests"), 1}};
        const QString path = r.url.path();
        if (path.endsWith(QLatin1String("/sendchildorder")) ||
            path.endsWith(QLatin1String("/sendparentorder")) ||
            path.endsWith(QLatin1String("/cancelallchildorders")))
            costs.append({QStringLiteral("orders"), 1});
        return costs;
    };
    p.observe = [](const RestClient::RawReply&, const HttpRequest&, RateLimiter&) -> qint64 { return -1; };
    p.isCancel = [](const HttpRequest& r) { return r.url.path().contains(QLatin1String("/me/cancel")); };
}

// ---- GMO Coin --------------------------------------------------------------------------------------------
// https://api.coin.z.com/docs/#restrictions : Tier 1, 20 GET/s and 20 POST/s for private REST.
// Errors {"status":≠0,"messages":[{"message_code","message_string"}]} (HTTP 200); ERR-5003 too many
// requests, ERR-5008 / ERR-5009 timestamp ahead of / behind the server. Time: /public/v1/status.
void gmocoin(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        const QJsonValue status = o.value(QLatin1String("status"));
        if (!status.isDouble() || status.toInteger() == 0)
            return std::nullopt;
        const QJsonObject first = o.value(QLatin1String("messages")).toArray().first().toObject();
        QString code = first.value(QLatin1String("message_code")).toString();
        if (code.isEmpty())
            code = QString::number(status.toInteger());
        RestError e = venueError(code, first.value(QLatin1String("message_string")).toString());
        if (code == QLatin1String("ERR-5003"))
            e.kind = RestError::Kind::RateLimited;
        return e;
    };
    p.isTimestampRejection = [](const RestError& e) {
        return e.venueCode == QLatin1String("ERR-5008") || e.venueCode == QLatin1String("ERR-5009");
    };
    p.timeProbe = TimeProbe{"GET", QStringLiteral("/public/v1/status"), [](const RestClient::RawReply& r) {
                                return isoField(bodyObject(r).value(QLatin1String("responsetime")));
                            }};
    p.budgets = {{QStringLiteral("get"), 20, 1'000}, {QStringLiteral("post"), 20, 1'000}};
    p.costs = [](const HttpRequest& r) {
        return QList<Cost>{{r.method == "GET" ? QStringLiteral("get") : QStringLiteral("post"), 1}};
    };
    p.observe = [](const RestClient::RawReply&, const HttpRequest&, RateLimiter&) -> qint64 { return -1; };
    p.isCancel = [](const HttpRequest& r) { return pathStarts(r, "/private/v1/cancel"); };
}

// ---- bitbank ----------------------------------------------------------------------------------------------
// https://github.com/bitbankinc/bitbank-api-docs rest-api.md (rate limit: 10 QUERY/s, 6 UPDATE/s per
// user, HTTP 429 beyond) and errors.md ({"success":0,"data":{"code":N}}; 10009 too frequent;
// 20034 ACCESS-REQUEST-TIME is invalid, 20035 not sent within ACCESS-TIME-WINDOW). No time endpoint:
// the Date header of /v1/spot/status.
void bitbank(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        const QJsonValue success = o.value(QLatin1String("success"));
        if (!success.isDouble() || success.toInteger() != 0)
            return std::nullopt;
        const QJsonValue code = o.value(QLatin1String("data")).toObject().value(QLatin1String("code"));
        // bitbank sends only a code; its message is the one errors.md gives that code.
        const QString venueCode = numberText(code);
        RestError e = venueError(venueCode, bitbankErrorText(venueCode));
        if (e.venueCode == QLatin1String("10009"))
            e.kind = RestError::Kind::RateLimited;
        return e;
    };
    p.isTimestampRejection = [](const RestError& e) {
        return e.venueCode == QLatin1String("20034") || e.venueCode == QLatin1String("20035");
    };
    p.timeProbe = TimeProbe{"GET", QStringLiteral("/v1/spot/status"), &TimeProbe::dateHeaderMs};
    p.budgets = {{QStringLiteral("query"), 10, 1'000}, {QStringLiteral("update"), 6, 1'000}};
    p.costs = [](const HttpRequest& r) {
        return QList<Cost>{{r.method == "GET" ? QStringLiteral("query") : QStringLiteral("update"), 1}};
    };
    p.observe = [](const RestClient::RawReply&, const HttpRequest&, RateLimiter&) -> qint64 { return -1; };
    p.isCancel = [](const HttpRequest& r) { return pathStarts(r, "/v1/user/spot/cancel_order"); };
}

// ---- Coincheck --------------------------------------------------------------------------------------------
// https://coincheck.com/documents/exchange/api : errors {"success":false,"error":"…"} (HTTP 4xx). The
// signature uses a nonce, not the time, so there is no clock to keep. No published rate limit: ccxt's
// pacing (one request per 1.5 s) as the steady rate with a burst of 5.
void coincheck(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        const QJsonValue success = o.value(QLatin1String("success"));
        if (!success.isBool() || success.toBool())
            return std::nullopt;
        const QJsonValue error = o.value(QLatin1String("error"));
        return venueError(QString(), error.isString() ? error.toString() : QString::fromUtf8(compact(doc)));
    };
    p.isTimestampRejection = [](const RestError&) { return false; };
    p.budgets = {{QStringLiteral("requests"), 5, 7'500}};
    p.costs = oneRequest;
    p.observe = [](const RestClient::RawReply&, const HttpRequest&, RateLimiter&) -> qint64 { return -1; };
    p.isCancel = [](const HttpRequest& r) {
        return r.method == "DELETE" && pathStarts(r, "/api/exchange/orders/");
    };
}

// ---- BitMEX ----------------------------------------------------------------------------------------------
// https://www.bitmex.com/app/restAPI#Limits : 120 requests / min (token bucket), order routes also
// 10 / s; headers x-ratelimit-limit / -remaining / -reset (epoch s) and x-ratelimit-remaining-1s.
// Errors {"error":{"message","name"}}; an api-expires in the past is rejected with a message
// "This request has expired …". No time endpoint: GET /api/v1 carries "timestamp", else Date.
void bitmex(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonValue error = doc.object().value(QLatin1String("error"));
        if (!error.isObject())
            return std::nullopt;
        const QJsonObject o = error.toObject();
        return venueError(o.value(QLatin1String("name")).toString(),
                          o.value(QLatin1String("message")).toString());
    };
    p.isTimestampRejection = [](const RestError& e) {
        return e.message.contains(QLatin1String("expired"), Qt::CaseInsensitive);
    };
    p.timeProbe = TimeProbe{"GET", QStringLiteral("/api/v1"), [](const RestClient::RawReply& r) {
                                const QJsonValue ts = bodyObject(r).value(QLatin1String("timestamp"));
                                if (auto ms = integerField(ts))
                                    return std::optional<qint64>(*ms);
                                if (auto ms = isoField(ts))
                                    return ms;
                                return TimeProbe::dateHeaderMs(r);
                            }};
    p.budgets = {{QStringLiteral("requests"), 120, 60'000}, {QStringLiteral("orders"), 10, 1'000}};
    p.costs = [](const HttpRequest& r) {
        QList<Cost> costs{{QStringLiteral("requests"), 1}};
        if (pathStarts(r, "/api/v1/order") && r.method != "GET")
            costs.append({QStringLiteral("orders"), 1});
        return costs;
    };
    p.observe = [](const RestClient::RawReply& reply, const HttpRequest&, RateLimiter& limiter) -> qint64 {
        const int remaining = headerInt(reply, "x-ratelimit-remaining");
        if (remaining >= 0) {
            const QByteArray reset = reply.header("x-ratelimit-reset");
            const qint64 resetInMs =
                reset.isEmpty() ? -1 : msUntilEpoch(epochSecondsToMs(reset.trimmed().toLongLong()));
            limiter.observeRemaining(QStringLiteral("requests"), remaining, resetInMs);
        }
        if (const int perSecond = headerInt(reply, "x-ratelimit-remaining-1s"); perSecond >= 0)
            limiter.observeRemaining(QStringLiteral("orders"), perSecond, 1'000);
        return -1;
    };
    p.isCancel = [](const HttpRequest& r) { return r.method == "DELETE" && pathStarts(r, "/api/v1/order"); };
}

// ---- Phemex ----------------------------------------------------------------------------------------------
// https://github.com/phemex/phemex-api-docs Public-Contract-API-en.md#rate-limits : groups CONTRACT
// (500 / min), SPOTORDER (500 / min), OTHERS (100 / min); headers x-ratelimit-remaining-<group>,
// x-ratelimit-capacity-<group>, x-ratelimit-retry-after-<group> (s). Errors {"code":≠0,"msg"}. An
// expired x-phemex-request-expiry is reported by message (no documented code). Time: /public/time.
QString phemexGroup(const HttpRequest& r)
{
    const QString path = r.url.path();
    if (path.startsWith(QLatin1String("/spot/orders")))
        return QStringLiteral("spotorder");
    if (path.startsWith(QLatin1String("/orders")) || path.startsWith(QLatin1String("/g-orders")) ||
        path.startsWith(QLatin1String("/positions")) || path.startsWith(QLatin1String("/g-positions")))
        return QStringLiteral("contract");
    return QStringLiteral("others");
}

void phemex(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument& doc) -> std::optional<RestError> {
        const QJsonObject o = doc.object();
        const QJsonValue code = o.value(QLatin1String("code"));
        if (!code.isDouble() || code.toInteger() == 0)
            return std::nullopt;
        return venueError(QString::number(code.toInteger()), o.value(QLatin1String("msg")).toString());
    };
    p.isTimestampRejection = [](const RestError& e) {
        return e.message.contains(QLatin1String("expir"), Qt::CaseInsensitive);
    };
    p.timeProbe = TimeProbe{"GET", QStringLiteral("/public/time"), [](const RestClient::RawReply& r) {
                                const QJsonObject data =
                                    bodyObject(r).value(QLatin1String("data")).toObject();
                                if (auto ms = integerField(data.value(QLatin1String("serverTime"))))
                                    return std::optional<qint64>(*ms);
                                return TimeProbe::dateHeaderMs(r);
                            }};
    p.budgets = {{QStringLiteral("contract"), 500, 60'000},
                 {QStringLiteral("spotorder"), 500, 60'000},
                 {QStringLiteral("others"), 100, 60'000}};
    p.costs = [](const HttpRequest& r) { return QList<Cost>{{phemexGroup(r), 1}}; };
    p.observe = [](const RestClient::RawReply& reply, const HttpRequest&, RateLimiter& limiter) -> qint64 {
        qint64 retryAfter = -1;
        for (const auto& [name, value] : reply.headers) {
            const QByteArray lower = name.toLower();
            if (lower.startsWith("x-ratelimit-remaining-")) {
                const QByteArray group = lower.mid(qsizetype(sizeof("x-ratelimit-remaining-") - 1));
                const QByteArray retry = reply.header(QByteArray("x-ratelimit-retry-after-" + group));
                const qint64 resetMs = retry.isEmpty() ? -1 : secondsHeaderMs(retry);
                limiter.observeRemaining(QString::fromLatin1(group), value.trimmed().toInt(), resetMs);
            } else if (lower.startsWith("x-ratelimit-retry-after-")) {
                retryAfter = std::max(retryAfter, secondsHeaderMs(value));
            }
        }
        return retryAfter;
    };
    p.isCancel = [](const HttpRequest& r) {
        return r.method == "DELETE" &&
               (r.url.path().contains(QLatin1String("cancel")) ||
                r.url.path().endsWith(QLatin1String("/all")) ||
                r.url.path() == QLatin1String("/spot/orders") || r.url.path() == QLatin1String("/orders"));
    };
}

void plain(VenueRestPolicy& p)
{
    p.replyError = [](const QJsonDocument&) -> std::optional<RestError> { return std::nullopt; };
    p.isTimestampRejection = [](const RestError&) { return false; };
    p.costs = [](const HttpRequest&) { return QList<Cost>{}; };
    p.observe = [](const RestClient::RawReply&, const HttpRequest&, RateLimiter&) -> qint64 { return -1; };
    p.isCancel = [](const HttpRequest&) { return false; };
}

} // namespace

VenueRestPolicy VenueRestPolicy::forVenue(const QString& venue, const QUrl& url)
{
    VenueRestPolicy p;
    p.venue = venue.trimmed().toLower();
    if (p.venue == QLatin1String("bybit")) {
        bybit(p);
    } else if (p.venue == QLatin1String("binance")) {
        const QString host = url.host().toLower();
        binance(p, host.contains(QLatin1String("fapi")) || host.contains(QLatin1String("binancefuture")));
    } else if (p.venue == QLatin1String("okx")) {
        okx(p);
    } else if (p.venue == QLatin1String("bitflyer")) {
        bitflyer(p);
    } else if (p.venue == QLatin1String("gmocoin")) {
        gmocoin(p);
    } else if (p.venue == QLatin1String("bitbank")) {
        bitbank(p);
    } else if (p.venue == QLatin1String("coincheck")) {
        coincheck(p);
    } else if (p.venue == QLatin1String("bitmex")) {
        bitmex(p);
    } else if (p.venue == QLatin1String("phemex")) {
        phemex(p);
    } else {
        plain(p);
    }
    return p;
}
