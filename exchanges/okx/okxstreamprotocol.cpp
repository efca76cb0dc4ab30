#include "okxstreamprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
QList<QByteArray> requests(const char* op, const QStringList& topics)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < topics.size(); i += OkxStreamProtocol::MaxTopicsPerRequest) {
        QJsonArray args;
        for (const QString& t : topics.mid(i, OkxStreamProtocol::MaxTopicsPerRequest))
            args.append(OkxStreamProtocol::argumentOf(t));
        QJsonObject o{{QStringLiteral("op"), QString::fromLatin1(op)}, {QStringLiteral("args"), args}};
        out.append(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    return out;
}
} // namespace

QJsonObject OkxStreamProtocol::argumentOf(const QString& topic)
{
    const QStringList parts = topic.split(QLatin1Char(':'));
    QJsonObject arg{{QStringLiteral("channel"), parts.value(0)}};
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const qsizetype eq = parts.at(i).indexOf(QLatin1Char('='));
        if (eq < 0)
            arg.insert(QStringLiteral("instId"), parts.at(i));
        else
            arg.insert(parts.at(i).left(eq), parts.at(i).mid(eq + 1));
    }
    return arg;
}

QString OkxStreamProtocol::topicOf(const QJsonObject& argument)
{
    QString topic = argument.value(QLatin1String("channel")).toString();
    const QString instId = argument.value(QLatin1String("instId")).toString();
    if (!instId.isEmpty())
        return topic + QLatin1Char(':') + instId;
    // Private channels: their other keys in a fixed order, so a pushed arg names the topic subscribed.
    for (const char* key : {"instType", "instFamily", "ccy"}) {
        const QString value = argument.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            topic += QLatin1Char(':') + QLatin1String(key) + QLatin1Char('=') + value;
    }
    return topic;
}

QList<QByteArray> OkxStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return requests("subscribe", topics);
}

QList<QByteArray> OkxStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return requests("unsubscribe", topics);
}

QByteArray OkxStreamProtocol::pingMessage() const
{
    return QByteArrayLiteral("ping");
}

std::chrono::milliseconds OkxStreamProtocol::pingInterval() const
{
    // Well inside the 30 s after which OKX closes a silent connection.
    return std::chrono::seconds(20);
}

bool OkxStreamProtocol::isPong(QByteArrayView frame) const
{
    return frame == QByteArrayView("pong");
}
