#include "gmocoinstreamprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>

GmocoinStreamProtocol::GmocoinStreamProtocol(std::chrono::milliseconds minimumGap)
    : m_gap(minimumGap)
{}

QString GmocoinStreamProtocol::topicFor(const char* channel, const QString& symbol)
{
    return QLatin1String(channel) + QLatin1Char(':') + symbol;
}

QPair<QString, QString> GmocoinStreamProtocol::splitTopic(const QString& topic)
{
    const qsizetype colon = topic.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon + 1 >= topic.size())
        return {};
    return {topic.left(colon), topic.mid(colon + 1)};
}

QByteArray GmocoinStreamProtocol::command(const char* command, const QString& topic)
{
    if (topic.isEmpty())
        return {};
    // A private channel ("orderEvents") has no symbol.
    if (!topic.contains(QLatin1Char(':'))) {
        const QJsonObject o{{QStringLiteral("command"), QLatin1String(command)},
                            {QStringLiteral("channel"), topic}};
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    const auto [channel, symbol] = splitTopic(topic);
    if (channel.isEmpty())
        return {};
    QJsonObject o{{QStringLiteral("command"), QLatin1String(command)},
                  {QStringLiteral("channel"), channel},
                  {QStringLiteral("symbol"), symbol}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QList<QByteArray> GmocoinStreamProtocol::commands(const char* verb, const QStringList& topics)
{
    QList<QByteArray> out;
    for (const QString& topic : topics) {
        QByteArray message = command(verb, topic);
        if (!message.isEmpty())
            out.append(std::move(message));
    }
    return out;
}

QList<QByteArray> GmocoinStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return commands("subscribe", topics);
}

QList<QByteArray> GmocoinStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return commands("unsubscribe", topics);
}

QByteArray GmocoinStreamProtocol::pingMessage() const
{
    return {};
}

std::chrono::milliseconds GmocoinStreamProtocol::pingInterval() const
{
    // The server's own pings every minute keep the connection; a ping frame every 20 s measures the
    // round trip and finds a dead connection in good time. Ping frames are not commands: not limited.
    return std::chrono::seconds(20);
}

bool GmocoinStreamProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame); // no application-level heartbeat
    return false;
}
