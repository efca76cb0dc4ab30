#include "gmocoinstreamprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

GmocoinStreamProtocol::GmocoinStreamProtocol(std::chrono::milliseconds minimumGap)
    : m_gap(minimumGap)
{}

void GmocoinStreamProtocol::setMinimumGap(std::chrono::milliseconds gap)
{
    const std::lock_guard lock(m_mutex);
    m_gap = gap;
}

std::chrono::milliseconds GmocoinStreamProtocol::minimumGap() const
{
    const std::lock_guard lock(m_mutex);
    return m_gap;
}

int GmocoinStreamProtocol::pendingCommands() const
{
    const std::lock_guard lock(m_mutex);
    return static_cast<int>(m_queue.size());
}

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

QByteArray GmocoinStreamProtocol::takeDue() const
{
    if (m_queue.empty())
        return {};
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < m_gap.count())
        return {};
    QByteArray next = std::move(m_queue.front());
    m_queue.pop_front();
    m_sinceLast.start();
    return next;
}

QList<QByteArray> GmocoinStreamProtocol::enqueue(const char* verb, const QStringList& topics) const
{
    const std::lock_guard lock(m_mutex);
    for (const QString& topic : topics) {
        QByteArray message = command(verb, topic);
        if (message.isEmpty())
            continue;
        // A command already waiting is not queued twice (a reconnect resends the whole set).
        if (std::find(m_queue.begin(), m_queue.end(), message) == m_queue.end())
            m_queue.push_back(std::move(message));
    }
    QByteArray now = takeDue();
    if (now.isEmpty())
        return {};
    return {now};
}

QList<QByteArray> GmocoinStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return enqueue("subscribe", topics);
}

QList<QByteArray> GmocoinStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return enqueue("unsubscribe", topics);
}

QByteArray GmocoinStreamProtocol::pingMessage() const
{
    const std::lock_guard lock(m_mutex);
    return takeDue();
}

std::chrono::milliseconds GmocoinStreamProtocol::pingInterval() const
{
    // Often enough to drain the command queue at the venue's pace (a little slower than the gap, so a
    // timer firing early never finds the gap unfinished); with nothing queued it is a ping frame. The
    // server's own pings every minute keep the connection too.
    const std::lock_guard lock(m_mutex);
    return m_gap + m_gap / 5;
}

bool GmocoinStreamProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame); // no application-level heartbeat
    return false;
}
