#include "demotrading.h"

#include "demoaccount.h"
#include "demorest.h"
#include "exchanges/core/crypto.h"

#include <QJsonDocument>
#include <QJsonObject>

DemoTradingApi::DemoTradingApi(DemoAccount& account, DemoMarket& market,
                               const QHash<QString, QByteArray>& keys,
                               std::function<std::int64_t()> serverClock)
    : m_account(account)
    , m_market(market)
    , m_keys(keys)
    , m_clock(std::move(serverClock))
{}

bool DemoTradingApi::isPrivatePath(const QString& path)
{
    return path.startsWith(QLatin1String("/v5/order/")) || path.startsWith(QLatin1String("/v5/execution/")) ||
           path.startsWith(QLatin1String("/v5/position/")) || path.startsWith(QLatin1String("/v5/account/"));
}

DemoHttpResponse DemoTradingApi::answer(int code, const QString& message, const QByteArray& result) const
{
    if (code != 0)
        return {200, DemoRestApi::errorBody(code, message, m_market.nowMs()), "application/json", {}};
    return {200,
            "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + result + ",\"retExtInfo\":{},\"time\":" +
                QByteArray::number(static_cast<qlonglong>(m_market.nowMs())) + '}',
            "application/json",
            {}};
}

std::optional<DemoHttpResponse> DemoTradingApi::authenticate(const DemoHttpRequest& request) const
{
    const QString key = QString::fromUtf8(request.headers.value("x-bapi-api-key"));
    const auto secret = m_keys.constFind(key);
    if (key.isEmpty() || secret == m_keys.constEnd())
        return answer(10003, QStringLiteral("API key is invalid."), {});
    const QByteArray timestampText = request.headers.value("x-bapi-timestamp");
    QByteArray recvText = request.headers.value("x-bapi-recv-window");
    if (recvText.isEmpty())
        recvText = "5000";
    bool tsOk = false;
    bool recvOk = false;
    const qint64 ts = timestampText.toLongLong(&tsOk);
    const qint64 recv = recvText.toLongLong(&recvOk);
    if (!tsOk || !recvOk || recv <= 0)
        return answer(10001, QStringLiteral("params error: X-BAPI-TIMESTAMP or X-BAPI-RECV-WINDOW invalid"),
                      {});
    const qint64 server = m_clock();
    if (!(server - recv <= ts && ts < server + 1000))
        return answer(
            10002,
            QStringLiteral("invalid request, please check your server timestamp or recv_window param. "
                           "req_timestamp[%1],server_timestamp[%2],recv_window[%3]")
                .arg(ts)
                .arg(server)
                .arg(recv),
            {});
    const qsizetype q = request.target.indexOf('?');
    const QByteArray payload =
        request.method == "GET" ? (q < 0 ? QByteArray() : request.target.mid(q + 1)) : request.body;
    const QByteArray origin = timestampText + key.toUtf8() + recvText + payload;
    const QByteArray expected = Crypto::hmacSha256Hex(*secret, origin);
    if (request.headers.value("x-bapi-sign").toLower() != expected)
        return answer(10004, QStringLiteral("error sign! origin_string[%1]").arg(QString::fromUtf8(origin)),
                      {});
    return std::nullopt;
}

DemoHttpResponse DemoTradingApi::handle(const DemoHttpRequest& request)
{
    const QString& path = request.path;
    const bool post = request.method == "POST";
    using Post = DemoAccount::Answer (DemoAccount::*)(const QJsonObject&);
    using Get = DemoAccount::Answer (DemoAccount::*)(const QHash<QString, QString>&) const;
    Post postRoute = nullptr;
    Get getRoute = nullptr;
    if (post && path == QLatin1String("/v5/order/create"))
        postRoute = &DemoAccount::createOrder;
    else if (post && path == QLatin1String("/v5/order/amend"))
        postRoute = &DemoAccount::amendOrder;
    else if (post && path == QLatin1String("/v5/order/cancel"))
        postRoute = &DemoAccount::cancelOrder;
    else if (post && path == QLatin1String("/v5/order/cancel-all"))
        postRoute = &DemoAccount::cancelAll;
    else if (!post && path == QLatin1String("/v5/order/realtime"))
        getRoute = &DemoAccount::openOrders;
    else if (!post && path == QLatin1String("/v5/order/history"))
        getRoute = &DemoAccount::orderHistory;
    else if (!post && path == QLatin1String("/v5/execution/list"))
        getRoute = &DemoAccount::executions;
    else if (!post && path == QLatin1String("/v5/position/list"))
        getRoute = &DemoAccount::positions;
    else if (!post && path == QLatin1String("/v5/account/wallet-balance"))
        getRoute = &DemoAccount::walletBalance;
    if (!postRoute && !getRoute)
        return {404,
                DemoRestApi::errorBody(
                    404, QStringLiteral("Not Found: %1 %2").arg(QString::fromLatin1(request.method), path),
                    m_market.nowMs()),
                "application/json",
                {}};
    if (auto rejected = authenticate(request))
        return *rejected;
    m_account.match(); // trades printed since the last tick (or while paused) count first
    DemoAccount::Answer a;
    if (postRoute) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return answer(10001, QStringLiteral("params error: request body is not a JSON object"), {});
        a = (m_account.*postRoute)(doc.object());
    } else {
        QHash<QString, QString> query;
        for (const auto& [k, v] : request.query.queryItems(QUrl::FullyDecoded))
            query.insert(k, v);
        a = (m_account.*getRoute)(query);
    }
    return answer(a.error.code, a.error.message, a.result);
}

bool DemoTradingApi::verifyStreamAuth(const QString& key, std::int64_t expires,
                                      const QByteArray& signature) const
{
    const auto secret = m_keys.constFind(key);
    if (key.isEmpty() || secret == m_keys.constEnd() || expires <= m_clock())
        return false;
    const QByteArray message = "GET/realtime" + QByteArray::number(static_cast<qlonglong>(expires));
    const QByteArray expected = Crypto::hmacSha256Hex(*secret, message);
    return signature.toLower() == expected;
}
