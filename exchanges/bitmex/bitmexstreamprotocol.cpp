#include "bitmexstreamprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QList<QByteArray> requests(const char* op, const QStringList& topics)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < topics.size(); i += BitmexStreamProtocol::MaxTopicsPerRequest) {
        QJsonArray args;
        for (const QString& t : topics.mid(i, BitmexStreamProtocol::MaxTopicsPerRequest))
            args.append(t);
        QJsonObject o{{QStringLiteral("op"), QString::fromLatin1(op)}, {QStringLiteral("args"), args}};
        out.append(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    return out;
}
} // namespace

QList<QByteArray> BitmexStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return requests("subscribe", topics);
}

QList<QByteArray> BitmexStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return requests("unsubscribe", topics);
}

QByteArray BitmexStreamProtocol::pingMessage() const
{
    return QByteArrayLiteral("ping");
}

std::chrono::milliseconds BitmexStreamProtocol::pingInterval() const
{
    // BitMEX asks for a ping after 5 s without a message; a ping every 5 s keeps that promise.
    return std::chrono::seconds(5);
}

bool BitmexStreamProtocol::isPong(QByteArrayView frame) const
{
    return frame == QByteArrayView("pong");
}
