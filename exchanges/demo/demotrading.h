#pragma once

#include "demohttp.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

class DemoAccount;
class DemoMarket;

// Bybit V5 private REST over a DemoAccount, authenticated exactly as Bybit does
// (https://bybit-exchange.github.io/docs/v5/guide#authentication): X-BAPI-API-KEY, X-BAPI-TIMESTAMP,
// X-BAPI-RECV-WINDOW (default 5000) and X-BAPI-SIGN, the lowercase hex HMAC-SHA256 of
// timestamp + key + recvWindow + (query string | JSON body). A request is in time when
// server − recvWindow ≤ timestamp < server + 1000. Failures answer with Bybit's retCode and retMsg:
// 10003 "API key is invalid.", 10002 "invalid request, please check your server timestamp or
// recv_window param. req_timestamp[…],server_timestamp[…],recv_window[…]", 10004 "error sign!
// origin_string[…]".
class DemoTradingApi final
{
public:
    // keys: API key → secret, owned by the venue (it outlives this object). serverClock: the venue's
    // clock (ms) that timestamps and expiry are checked against.
    DemoTradingApi(DemoAccount& account, DemoMarket& market, const QHash<QString, QByteArray>& keys,
                   std::function<std::int64_t()> serverClock);

    static bool isPrivatePath(const QString& path);
    // Only for isPrivatePath() requests.
    DemoHttpResponse handle(const DemoHttpRequest& request);

    // The private stream's {"op":"auth","args":[key, expires, signature]}: the signature is the hex
    // HMAC-SHA256 of "GET/realtime" + expires under the key's secret, and expires lies in the future.
    bool verifyStreamAuth(const QString& key, std::int64_t expires, const QByteArray& signature) const;

private:
    std::optional<DemoHttpResponse> authenticate(const DemoHttpRequest& request) const;
    DemoHttpResponse answer(int code, const QString& message, const QByteArray& result) const;

    DemoAccount& m_account;
    DemoMarket& m_market;
    const QHash<QString, QByteArray>& m_keys;
    std::function<std::int64_t()> m_clock;
};
