#include "phemexstreamprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <string_view>

namespace {

bool isBookChannel(const QString& channel)
{
    return channel == QLatin1String("orderbook") || channel == QLatin1String("orderbook_p");
}

// The params of a topic: "kline_p:BTCUSDT:60" → ["BTCUSDT", 60] (kline intervals are numbers).
QJsonArray paramsOf(const QString& topic)
{
    const QStringList parts = topic.split(QLatin1Char(':'));
    QJsonArray params;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        bool isNumber = false;
        const qint64 n = parts.at(i).toLongLong(&isNumber);
        if (isNumber)
            params.append(n);
        else
            params.append(parts.at(i));
    }
    return params;
}

} // namespace

QByteArray PhemexStreamProtocol::request(const QString& method, const QJsonArray& params) const
{
    const QJsonObject o{{QStringLiteral("id"), m_nextId.fetch_add(1)},
                        {QStringLiteral("method"), method},
                        {QStringLiteral("params"), params}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QList<QByteArray> PhemexStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    QList<QByteArray> out;
    for (const QString& topic : topics) {
        const QString channel = channelOf(topic);
        if (isBookChannel(channel)) {
            const std::lock_guard lock(m_mutex);
            if (!m_bookTopics.contains(topic))
                m_bookTopics.append(topic);
        }
        out.append(request(channel + QStringLiteral(".subscribe"), paramsOf(topic)));
    }
    return out;
}

QList<QByteArray> PhemexStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    QList<QByteArray> out;
    QStringList bookChannelsDropped;
    for (const QString& topic : topics) {
        const QString channel = channelOf(topic);
        if (isBookChannel(channel)) {
            const std::lock_guard lock(m_mutex);
            m_bookTopics.removeAll(topic);
            if (!bookChannelsDropped.contains(channel))
                bookChannelsDropped.append(channel);
            continue;
        }
        // trade/kline unsubscribe take the symbol; the 24 h tickers (all symbols) and aop take none.
        QJsonArray params = paramsOf(topic);
        if (channel.startsWith(QLatin1String("kline")) && params.size() > 1)
            params.removeLast(); // "unsubscribes all kline subscriptions of a symbol"
        out.append(request(channel + QStringLiteral(".unsubscribe"), params));
    }
    for (const QString& channel : bookChannelsDropped) {
        out.append(request(channel + QStringLiteral(".unsubscribe"), {}));
        QStringList again;
        {
            const std::lock_guard lock(m_mutex);
            for (const QString& t : std::as_const(m_bookTopics)) {
                if (channelOf(t) == channel)
                    again.append(t);
            }
        }
        for (const QString& t : again)
            out.append(request(channel + QStringLiteral(".subscribe"), paramsOf(t)));
    }
    return out;
}

QByteArray PhemexStreamProtocol::pingMessage() const
{
    return request(QStringLiteral("server.ping"), {});
}

std::chrono::milliseconds PhemexStreamProtocol::pingInterval() const
{
    // DataGW drops a connection without a ping for 30 s; the docs recommend 5 s.
    return std::chrono::seconds(10);
}

bool PhemexStreamProtocol::isPong(QByteArrayView frame) const
{
    // {"error":null,"id":0,"result":"pong"}. Data frames are never this short.
    if (frame.size() > 128)
        return false;
    const std::string_view text(frame.data(), static_cast<std::size_t>(frame.size()));
    if (text.find("\"pong\"") == std::string_view::npos)
        return false;
    return QJsonDocument::fromJson(frame.toByteArray()).object().value(QLatin1String("result")).toString() ==
           QLatin1String("pong");
}
