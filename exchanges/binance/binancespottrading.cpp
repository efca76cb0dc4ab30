// Binance spot: order requests and the WebSocket API's user-data events.
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints ,
// /websocket-api/user-data-stream-requests , /user-data-stream .
#include "binancejson.h"
#include "binancetrading.h"

#include "exchanges/core/crypto.h"

using namespace BinanceJson;

namespace {

QString spotTypeFor(const OrderRequest& order)
{
    if (!order.triggerPrice) {
        if (order.type == OrderType::Market)
            return QStringLiteral("MARKET");
        return order.timeInForce == TimeInForce::PostOnly ? QStringLiteral("LIMIT_MAKER")
                                                          : QStringLiteral("LIMIT");
    }
    // Spot stop orders: a STOP_LOSS buy triggers when the price rises to stopPrice, a TAKE_PROFIT buy
    // when it falls to it; the reverse for sells.
    QString type = isStop(order) ? QStringLiteral("STOP_LOSS") : QStringLiteral("TAKE_PROFIT");
    if (order.type == OrderType::Limit)
        type += QStringLiteral("_LIMIT");
    return type;
}

// executionReport: https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream#order-update
bool readExecutionReport(const QJsonObject& e, PrivateStreamFrame& out)
{
    Order order;
    order.orderId = textAt(e, "i");
    // On a cancel, c is the cancel request's id and C the order's own.
    order.clientOrderId = textAt(e, "C").isEmpty() ? textAt(e, "c") : textAt(e, "C");
    order.symbol = textAt(e, "s");
    order.category = Category::Spot;
    order.side = sideFrom(textAt(e, "S"));
    const QString type = textAt(e, "o");
    order.type = typeFrom(type);
    const auto qty = decimalAt(e, "q");
    const auto filled = decimalAt(e, "z");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !qty || !filled)
        return false;
    order.quantity = *qty;
    order.filledQuantity = *filled;
    order.status = BinanceTrading::statusFromBinance(textAt(e, "X"), !filled->isZero());
    order.timeInForce = timeInForceFrom(textAt(e, "f"), type);
    if (order.type == OrderType::Limit)
        order.price = nonZeroAt(e, "p");
    order.triggerPrice = nonZeroAt(e, "P");
    const QString reject = textAt(e, "r");
    if (!reject.isEmpty() && reject != QLatin1String("NONE"))
        order.reason = reject;
    else if (textAt(e, "X") == QLatin1String("EXPIRED"))
        order.reason = QStringLiteral("EXPIRED");
    order.createdMs = msAt(e, "O");
    order.updatedMs = msAt(e, "T");
    bool incomplete = false;
    if (auto fill = tradeFillOf(e, order, &incomplete))
        out.fills.push_back(std::move(*fill));
    else if (incomplete)
        return false;
    out.orders.push_back(order);
    return true;
}

// outboundAccountPosition: the balances that changed, absolute.
bool readAccountPosition(const QJsonObject& e, PrivateStreamFrame& out)
{
    for (const QJsonValue& v : e.value(QLatin1String("B")).toArray()) {
        const QJsonObject o = v.toObject();
        Balance b;
        b.coin = textAt(o, "a");
        const auto free = decimalAt(o, "f");
        const auto locked = decimalAt(o, "l");
        if (b.coin.isEmpty() || !free || !locked)
            return false;
        const auto wallet = Decimal::add(*free, *locked);
        if (!wallet)
            return false;
        b.walletBalance = *wallet;
        b.available = *free;
        out.balances.push_back(b);
    }
    return true;
}

bool isKeyRefusal(int code)
{
    return code == -2014 || code == -2015 || code == -1022 || code == -2008;
}

} // namespace

SignedRequest BinanceTrading::spotOrderRequest(const OrderRequest& order, const Instrument& instrument) const
{
    SignedRequest r = request(Category::Spot, "POST", QStringLiteral("/order"));
    const QString type = spotTypeFor(order);
    r.query.append({QStringLiteral("symbol"), order.symbol});
    r.query.append({QStringLiteral("side"), sideText(order.side)});
    r.query.append({QStringLiteral("type"), type});
    const bool limit = order.type == OrderType::Limit;
    if (limit) {
        const QString tif = timeInForceText(order.timeInForce, false);
        if (!tif.isEmpty() && type != QLatin1String("LIMIT_MAKER"))
            r.query.append({QStringLiteral("timeInForce"), tif});
    }
    r.query.append({QStringLiteral("quantity"), formatOnStep(order.quantity, instrument.lotSize)});
    if (limit && order.price)
        r.query.append({QStringLiteral("price"), formatOnStep(*order.price, instrument.tickSize)});
    if (order.triggerPrice)
        r.query.append({QStringLiteral("stopPrice"), formatOnStep(*order.triggerPrice, instrument.tickSize)});
    r.query.append({QStringLiteral("newClientOrderId"), order.clientOrderId});
    // RESULT: the order's status and fills as they stand, without the fills list.
    r.query.append({QStringLiteral("newOrderRespType"), QStringLiteral("RESULT")});
    return r;
}

SignedRequest BinanceTrading::spotAmendRequest(const OrderAmendment& amendment,
                                               const Instrument& instrument) const
{
    const OrderReference& ref = amendment.order;
    const std::optional<Order>& current = amendment.current;
    // A smaller quantity at the same price keeps its place (amend/keepPriority); any other change is a
    // cancel-replace (a new order id, the queue position lost).
    const bool samePrice =
        !amendment.price || (current && current->price && *current->price == *amendment.price);
    const bool smaller = amendment.quantity && (!current || *amendment.quantity < current->quantity);
    if (samePrice && smaller) {
        SignedRequest r = request(ref.category, "PUT", QStringLiteral("/order/amend/keepPriority"));
        addReference(r.query, ref);
        r.query.append({QStringLiteral("newQty"), formatOnStep(*amendment.quantity, instrument.lotSize)});
        const QString clientId = !ref.clientOrderId.isEmpty() ? ref.clientOrderId
                                 : current                    ? current->clientOrderId
                                                              : QString();
        if (!clientId.isEmpty()) // keep the id the order is tracked by
            r.query.append({QStringLiteral("newClientOrderId"), clientId});
        return r;
    }
    SignedRequest r = request(ref.category, "POST", QStringLiteral("/order/cancelReplace"));
    r.query.append({QStringLiteral("symbol"), ref.symbol});
    r.query.append({QStringLiteral("side"), sideText(current ? current->side : Side::Buy)});
    const bool postOnly = current && current->timeInForce == TimeInForce::PostOnly;
    r.query.append(
        {QStringLiteral("type"), postOnly ? QStringLiteral("LIMIT_MAKER") : QStringLiteral("LIMIT")});
    if (!postOnly)
        r.query.append(
            {QStringLiteral("timeInForce"),
             timeInForceText(current ? current->timeInForce : TimeInForce::GoodTillCancel, false)});
    r.query.append({QStringLiteral("cancelReplaceMode"), QStringLiteral("STOP_ON_FAILURE")});
    if (!ref.orderId.isEmpty())
        r.query.append({QStringLiteral("cancelOrderId"), ref.orderId});
    else
        r.query.append({QStringLiteral("cancelOrigClientOrderId"), ref.clientOrderId});
    appendQuantityAndPrice(r, amendment, instrument);
    return r;
}

QByteArray BinanceTrading::subscribeMessage(const Credentials& credentials, qint64 timestampMs)
{
    // WS API signature payload: every parameter but signature, sorted by name, raw (not percent-encoded).
    const QByteArray payload =
        "apiKey=" + credentials.key.toUtf8() + "&timestamp=" + QByteArray::number(timestampMs);
    QString signature;
    if (Crypto::isPem(credentials.secret)) {
        auto signed_ = Crypto::signWithPrivateKey(credentials.secret, credentials.passphrase, payload,
                                                  {Crypto::KeyType::Ed25519, Crypto::KeyType::Rsa});
        if (!signed_)
            return {};
        signature = QString::fromLatin1(signed_->toBase64());
    } else {
        signature = QString::fromLatin1(Crypto::hmacSha256Hex(credentials.secret, payload));
    }
    const QJsonObject params{{QStringLiteral("apiKey"), credentials.key},
                             {QStringLiteral("timestamp"), timestampMs},
                             {QStringLiteral("signature"), signature}};
    const QJsonObject message{
        {QStringLiteral("id"), QStringLiteral("subscribe")},
        {QStringLiteral("method"), QStringLiteral("userDataStream.subscribe.signature")},
        {QStringLiteral("params"), params}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

PrivateStreamFrame BinanceTrading::parseSpotFrame(QByteArrayView frame)
{
    PrivateStreamFrame out;
    const QJsonObject o = objectOf(frame, out);
    if (out.kind == PrivateStreamFrame::Kind::Malformed)
        return out;
    if (o.contains(QLatin1String("id")) && o.contains(QLatin1String("status"))) {
        // The answer to our subscription: {"id","status":200,"result":{"subscriptionId":0}} or
        // {"id","status":4xx,"error":{"code":-1022,"msg":"…"}}.
        const int status = o.value(QLatin1String("status")).toInt();
        if (status == 200) {
            out.kind = PrivateStreamFrame::Kind::AuthAccepted;
            return out;
        }
        const QJsonObject error = o.value(QLatin1String("error")).toObject();
        const int code = error.value(QLatin1String("code")).toInt();
        out.error = error.value(QLatin1String("msg")).toString();
        // A refused key or signature is final; anything else (a stale timestamp, too many requests) is
        // tried again on a new connection.
        out.kind =
            isKeyRefusal(code) ? PrivateStreamFrame::Kind::AuthRejected : PrivateStreamFrame::Kind::Expired;
        if (out.error.isEmpty())
            out.error = QStringLiteral("status %1").arg(status);
        return out;
    }
    const QJsonValue wrapped = o.value(QLatin1String("event"));
    if (!wrapped.isObject()) {
        out.kind = PrivateStreamFrame::Kind::Ignored;
        return out;
    }
    const QJsonObject e = wrapped.toObject();
    const QString type = textAt(e, "e");
    out.topic = type;
    if (type == QLatin1String("executionReport")) {
        if (!readExecutionReport(e, out)) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("executionReport lacks a documented field");
            return out;
        }
    } else if (type == QLatin1String("outboundAccountPosition")) {
        if (!readAccountPosition(e, out)) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("outboundAccountPosition lacks a documented field");
            return out;
        }
    } else if (type == QLatin1String("eventStreamTerminated") || type == QLatin1String("serverShutdown")) {
        // serverShutdown: the WS API server goes down soon; connect again now (a new connection and
        // subscription, then a REST reconcile).
        // https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/connection-events
        out.kind = PrivateStreamFrame::Kind::Expired;
        out.error = type;
        return out;
    } else {
        // balanceUpdate (a delta; the absolute outboundAccountPosition follows), listStatus, …
        out.kind = PrivateStreamFrame::Kind::Ignored;
        return out;
    }
    out.kind = PrivateStreamFrame::Kind::Data;
    return out;
}
