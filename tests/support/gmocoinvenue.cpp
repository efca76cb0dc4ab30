#include "gmocoinvenue.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
constexpr const char* kSymbols =
    R"({"status":0,"data":[{"symbol":"BTC","minOrderSize":"0.0001","maxOrderSize":"5","sizeStep":"0.0001","tickSize":"1","takerFee":"0.0005","makerFee":"-0.0001"},)"
    R"({"symbol":"BTC_JPY","minOrderSize":"0.01","maxOrderSize":"5","sizeStep":"0.01","tickSize":"1","takerFee":"0","makerFee":"0"}],"responsetime":"2026-06-01T00:00:00.000Z"})";
constexpr const char* kKlines =
    R"({"status":0,"data":[{"openTime":"1780268400000","open":"15000000","high":"15000100","low":"14999900","close":"15000050","volume":"1.5"}],"responsetime":"2026-06-01T00:00:00.000Z"})";
} // namespace

GmocoinVenue::GmocoinVenue()
{
    m_http.json(QStringLiteral("/public/v1/symbols"), kSymbols);
    m_http.json(QStringLiteral("/public/v1/klines"), kKlines);
    connect(&m_public, &LoopbackWsServer::messageReceived, this, &GmocoinVenue::onPublicMessage);
}

void GmocoinVenue::onPublicMessage(const QByteArray& message)
{
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    const QString command = o.value(QLatin1String("command")).toString();
    if (command != QLatin1String("subscribe") && command != QLatin1String("unsubscribe"))
        return;
    if (m_gapMs > 0 && m_sinceCommand.isValid() && m_sinceCommand.elapsed() < m_gapMs) {
        ++m_refused;
        m_public.send(R"({"error":"ERR-5003 Request too many."})");
        return;
    }
    m_sinceCommand.start();
    if (command == QLatin1String("subscribe") &&
        o.value(QLatin1String("channel")).toString() == QLatin1String("orderbooks")) {
        ++m_bookSubscriptions;
        if (m_snapshotOnSubscribe)
            pushSnapshot(o.value(QLatin1String("symbol")).toString(), 15'000'000);
    }
}

void GmocoinVenue::pushSnapshot(const QString& symbol, qint64 mid)
{
    const QByteArray frame =
        QStringLiteral(
            R"({"channel":"orderbooks","asks":[{"price":"%1","size":"0.5"},{"price":"%2","size":"1.25"}],)"
            R"("bids":[{"price":"%3","size":"0.75"},{"price":"%4","size":"2"}],"symbol":"%5","timestamp":"2026-06-01T00:00:00.000Z"})")
            .arg(mid + 10)
            .arg(mid + 20)
            .arg(mid - 10)
            .arg(mid - 20)
            .arg(symbol)
            .toUtf8();
    m_public.send(frame);
}

void GmocoinVenue::pushTrade(const QString& symbol, qint64 price, const char* side)
{
    m_public.send(
        QStringLiteral(
            R"({"channel":"trades","price":"%1","side":"%2","size":"0.01","timestamp":"2026-06-01T00:00:01.000Z","symbol":"%3"})")
            .arg(price)
            .arg(QLatin1String(side), symbol)
            .toUtf8());
}
