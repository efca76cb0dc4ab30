// The Bybit private stream parser (order / execution / position / wallet pushes, auth and subscribe
// answers) and the trading REST reply parsers on arbitrary bytes. What they return is then written
// back the way an order would be (formatOnStep), which must give text that parses to the same value.
#include "exchanges/bybit/bybittrading.h"
#include "fuzzsupport.h"

#include <QJsonDocument>

namespace {

void checkFormat(Decimal value, Decimal step)
{
    const QString text = BybitTrading::formatOnStep(value, step);
    const auto back = Decimal::parse(QStringView(text));
    FUZZ_CHECK(back && *back == value, "formatOnStep(%s, %s) wrote %s", value.toStdString().c_str(),
               step.toStdString().c_str(), qPrintable(text));
}

void readOrders(const std::vector<Order>& orders)
{
    for (const Order& order : orders) {
        FUZZ_CHECK(!order.orderId.isEmpty() && !order.symbol.isEmpty(), "an order without id or symbol");
        touch(order.clientOrderId);
        touch(order.reason);
        checkFormat(order.quantity, order.filledQuantity);
        if (order.price)
            checkFormat(*order.price, order.quantity);
    }
}

void readFills(const std::vector<Fill>& fills)
{
    for (const Fill& fill : fills) {
        FUZZ_CHECK(!fill.executionId.isEmpty(), "a fill without an execution id");
        touch(fill.orderId);
        touch(fill.feeCurrency);
        checkFormat(fill.price, fill.quantity);
    }
}

void readPositions(const std::vector<Position>& positions)
{
    for (const Position& position : positions) {
        FUZZ_CHECK(!position.symbol.isEmpty(), "a position without a symbol");
        touch(position.size.mantissa());
    }
}

void readBalances(const std::vector<Balance>& balances)
{
    for (const Balance& balance : balances) {
        FUZZ_CHECK(!balance.coin.isEmpty(), "a balance without a coin");
        touch(balance.walletBalance.mantissa());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const BybitTrading trading(QUrl(QStringLiteral("https://api.bybit.com")));

    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const BybitTrading::PrivateFrame frame = BybitTrading::parsePrivateFrame(bytes);
    touch(frame.topic);
    touch(frame.error);
    if (frame.kind == PrivateStreamFrame::Kind::Malformed)
        FUZZ_CHECK(!frame.error.isEmpty(), "a malformed private frame without an error text");
    readOrders(frame.orders);
    readFills(frame.fills);
    readPositions(frame.positions);
    readBalances(frame.balances);

    const QJsonDocument reply = QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size()));
    if (const auto ack = trading.parseOrderAck(reply))
        FUZZ_CHECK(!ack->orderId.isEmpty() || !ack->clientOrderId.isEmpty(), "an order ack without ids");
    if (const auto orders = trading.parseOrders(reply))
        readOrders(*orders);
    if (const auto fills = trading.parseFills(reply))
        readFills(*fills);
    if (const auto positions = trading.parsePositions(reply))
        readPositions(*positions);
    if (const auto balances = trading.parseBalances(reply))
        readBalances(*balances);
    return 0;
}
