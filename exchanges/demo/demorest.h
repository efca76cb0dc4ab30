#pragma once

#include "demohttp.h"

class DemoMarket;

// Bybit V5 public REST over a DemoMarket: /v5/market/time, instruments-info, tickers, kline,
// orderbook. Bodies are Bybit's {"retCode","retMsg","result","retExtInfo","time"} with Bybit's field
// order; bad parameters give retCode 10001 with a message that names the parameter. Private
// (signed) endpoints are DemoTradingApi's.
class DemoRestApi final
{
public:
    explicit DemoRestApi(DemoMarket& market);

    DemoHttpResponse handle(const DemoHttpRequest& request) const;

    // {"retCode":code,"retMsg":message,"result":{},"retExtInfo":{},"time":nowMs}
    static QByteArray errorBody(int code, const QString& message, std::int64_t nowMs);

private:
    QByteArray ok(const QByteArray& result) const;
    DemoHttpResponse paramsError(const QString& message) const;
    DemoHttpResponse serverTime() const;
    DemoHttpResponse instruments(const DemoHttpRequest& request) const;
    DemoHttpResponse tickers(const DemoHttpRequest& request) const;
    DemoHttpResponse klines(const DemoHttpRequest& request) const;
    DemoHttpResponse orderBook(const DemoHttpRequest& request) const;

    DemoMarket& m_market;
};
