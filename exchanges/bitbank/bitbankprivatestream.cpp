#include "bitbankprivatestream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace {
// PubNub holds an idle subscribe for about 280 s: a reply that comes back at once with nothing in it is
// not a long-poll, and the next one waits this long so a misbehaving origin is not hammered.
constexpr int kEmptyReplyPauseMs = 1000;
constexpr int kPollTimeoutMs = 320'000;
} // namespace

BitbankPrivateStream::BitbankPrivateStream(QUrl subscribeUrl, QObject* parent)
    : PrivateStreamConnection(parent)
    , m_url(std::move(subscribeUrl))
    , m_network(new QNetworkAccessManager(this))
{
    m_pause.setSingleShot(true);
    connect(&m_pause, &QTimer::timeout, this, &BitbankPrivateStream::poll);
}

BitbankPrivateStream::~BitbankPrivateStream()
{
    close();
}

void BitbankPrivateStream::open()
{
    close();
    m_running = true;
    m_timetoken.clear();
    m_region.clear();
    poll();
}

void BitbankPrivateStream::close()
{
    m_running = false;
    m_pause.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void BitbankPrivateStream::poll()
{
    if (!m_running)
        return;
    QUrl url = m_url;
    if (!m_timetoken.isEmpty()) {
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("tt"), m_timetoken);
        if (!m_region.isEmpty())
            query.addQueryItem(QStringLiteral("tr"), m_region);
        url.setQuery(query);
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(kPollTimeoutMs);
    m_pollClock.start();
    m_reply = m_network->get(request);
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onPollFinished(reply); });
}

void BitbankPrivateStream::drop(const QString& reason, int retryAfterMs)
{
    close();
    Q_EMIT disconnected(reason, retryAfterMs);
}

void BitbankPrivateStream::onPollFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    if (!m_running)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 403 || status == 401) {
        // PubNub's Access Manager refused the token (expired after 12 h, or revoked): a new one.
        drop(tr("PubNub refused the bitbank stream token: %1").arg(QString::fromUtf8(body.left(200))));
        return;
    }
    if (status == 429 || status >= 500) {
        bool ok = false;
        const int seconds = reply->rawHeader("Retry-After").toInt(&ok);
        drop(tr("bitbank private stream: HTTP %1 from PubNub").arg(status), ok ? seconds * 1000 : 0);
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        drop(tr("bitbank private stream: %1").arg(reply->errorString()));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject t = doc.object().value(QLatin1String("t")).toObject();
    const QJsonValue timetoken = t.value(QLatin1String("t"));
    const QJsonValue messages = doc.object().value(QLatin1String("m"));
    if (parseError.error != QJsonParseError::NoError || !timetoken.isString() ||
        timetoken.toString().isEmpty() || (!messages.isUndefined() && !messages.isArray())) {
        drop(
            tr("bitbank private stream: unreadable PubNub reply: %1").arg(QString::fromUtf8(body.left(200))));
        return;
    }
    const bool first = m_timetoken.isEmpty();
    m_timetoken = timetoken.toString();
    m_region = t.value(QLatin1String("r")).isDouble() ? QString::number(t.value(QLatin1String("r")).toInt())
                                                      : t.value(QLatin1String("r")).toString();
    if (first) {
        // Subscribed from this timetoken on: every push after it comes with a later poll.
        Q_EMIT connected();
        if (!m_running)
            return;
    }
    const QJsonArray list = messages.toArray();
    for (const QJsonValue& m : list) {
        const QJsonValue payload = m.toObject().value(QLatin1String("d"));
        Q_EMIT frameReceived(payload.isObject()
                                 ? QJsonDocument(payload.toObject()).toJson(QJsonDocument::Compact)
                                 : QByteArray("null"));
        if (!m_running)
            return;
    }
    if (!first && list.isEmpty() && m_pollClock.elapsed() < 100) {
        m_pause.start(kEmptyReplyPauseMs);
        return;
    }
    poll();
}
