#include "bybitstreamprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <string_view>

namespace {
QList<QByteArray> requests(const char* op, const QStringList& topics)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < topics.size(); i += BybitStreamProtocol::MaxTopicsPerRequest) {
        QJsonArray args;
        for (const QString& t : topics.mid(i, BybitStreamProtocol::MaxTopicsPerRequest))
            args.append(t);
        QJsonObject o{{QStringLiteral("op"), QString::fromLatin1(op)}, {QStringLiteral("args"), args}};
        out.append(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    return out;
}
} // namespace

QList<QByteArray> BybitStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return requests("subscribe", topics);
}

QList<QByteArray> BybitStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return requests("unsubscribe", topics);
}

QByteArray BybitStreamProtocol::pingMessage() const
{
    return QByteArrayLiteral("{\"op\":\"ping\"}");
}

std::chrono::milliseconds BybitStreamProtocol::pingInterval() const
{
    return std::chrono::seconds(20);
}

bool BybitStreamProtocol::isPong(QByteArrayView frame) const
{
    // Public streams answer {"success":true,"ret_msg":"pong","conn_id":…,"op":"ping"}; private and
    // trade streams answer {"op":"pong",…}. Data frames are never this short.
    if (frame.size() > 256)
        return false;
    const std::string_view text(frame.data(), static_cast<std::size_t>(frame.size()));
    if (text.find("pong") == std::string_view::npos)
        return false;
    const QJsonObject o = QJsonDocument::fromJson(frame.toByteArray()).object();
    return o.value(QLatin1String("ret_msg")).toString() == QLatin1String("pong") ||
           o.value(QLatin1String("op")).toString() == QLatin1String("pong");
}
