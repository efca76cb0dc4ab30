#include "bitbankprivatestream.h"

#include "exchanges/core/signedrestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace {
// PubNub holds an idle subscribe for about 280 s: a reply that comes back at once with nothing in it is
// not a long-poll, and the next one waits this long so a misbehaving origin is not hammered.
constexpr int kEmptyReplyPauseMs = 1000;
constexpr int kPollTimeoutMs = 320'000;
} // namespace

BitbankPrivateStream::BitbankPrivateStream(SignedRestClient* rest, QNetworkAccessManager* network,
                                           BitbankTrading& trading, QUrl pubNubOrigin, QObject* parent)
    : QObject(parent)
    , m_rest(rest)
    , m_network(network)
    , m_trading(trading)
    , m_origin(std::move(pubNubOrigin))
{
    m_retry.setSingleShot(true);
}

BitbankPrivateStream::~BitbankPrivateStream()
{
    stop();
}

void BitbankPrivateStream::start()
{
    if (m_running)
        return;
    m_running = true;
    m_failures = 0;
    fetchToken();
}

void BitbankPrivateStream::stop()
{
    m_running = false;
    m_retry.stop();
    m_retry.disconnect(this);
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void BitbankPrivateStream::fetchToken()
{
    ++m_tokenFetches;
    QPointer<BitbankPrivateStream> self(this);
    m_rest->send(m_trading.subscribeTokenRequest(), [self](const SignedRestClient::Reply& reply) {
        if (!self || !self->m_running)
            return;
        if (!reply) {
            self->retryLater(QStringLiteral("private stream token: ") + reply.error().toString());
            return;
        }
        auto access = BitbankTrading::parseSubscribeToken(*reply);
        if (!access) {
            self->retryLater(QStringLiteral("private stream token: ") + access.error().message);
            return;
        }
        self->m_access = *access;
        self->poll();
    });
}

void BitbankPrivateStream::poll()
{
    if (!m_running)
        return;
    QNetworkRequest request(BitbankTrading::pubNubSubscribeUrl(m_origin, m_access, m_timetoken, m_region));
    request.setTransferTimeout(kPollTimeoutMs);
    m_pollClock.start();
    m_reply = m_network->get(request);
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onPollFinished(reply); });
}

void BitbankPrivateStream::onPollFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    if (!m_running)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 403 || status == 401) {
        // PubNub's Access Manager refused the token (expired after 12 h, or revoked): a new one, then on
        // from the same timetoken.
        Q_EMIT errorOccurred(QStringLiteral("PubNub refused the token: ") +
                             QString::fromUtf8(body.left(200)));
        if (m_onReconcile)
            m_onReconcile();
        fetchToken();
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        retryLater(QStringLiteral("PubNub subscribe: ") + reply->errorString());
        return;
    }
    const QJsonObject doc = QJsonDocument::fromJson(body).object();
    const QJsonObject t = doc.value(QLatin1String("t")).toObject();
    const QString timetoken = t.value(QLatin1String("t")).toString();
    if (timetoken.isEmpty()) {
        retryLater(QStringLiteral("PubNub subscribe reply without a timetoken"));
        return;
    }
    const bool resumed = m_failures > 0;
    m_failures = 0;
    m_timetoken = timetoken;
    m_region = QString::number(t.value(QLatin1String("r")).toInt());
    const QJsonArray messages = doc.value(QLatin1String("m")).toArray();
    if (resumed && m_onReconcile)
        m_onReconcile();
    for (const QJsonValue& m : messages) {
        const QByteArray payload =
            QJsonDocument(m.toObject().value(QLatin1String("d")).toObject()).toJson(QJsonDocument::Compact);
        const PrivateStreamFrame frame = m_trading.parseStreamFrame(payload);
        if (frame.kind == PrivateStreamFrame::Kind::Malformed)
            Q_EMIT errorOccurred(QStringLiteral("bitbank private stream: ") + frame.error);
        if (m_onFrame)
            m_onFrame(frame);
        if (!m_running)
            return;
    }
    if (messages.isEmpty() && m_pollClock.elapsed() < 100) {
        m_retry.disconnect(this);
        connect(&m_retry, &QTimer::timeout, this, &BitbankPrivateStream::poll);
        m_retry.start(kEmptyReplyPauseMs);
        return;
    }
    poll();
}

void BitbankPrivateStream::retryLater(const QString& why)
{
    Q_EMIT errorOccurred(why);
    ++m_failures;
    const int delay = std::min(30'000, 500 << std::min(m_failures - 1, 6));
    m_retry.disconnect(this);
    // Without a token yet, fetch one; else poll again from the last timetoken.
    if (m_access.token.isEmpty())
        connect(&m_retry, &QTimer::timeout, this, &BitbankPrivateStream::fetchToken);
    else
        connect(&m_retry, &QTimer::timeout, this, &BitbankPrivateStream::poll);
    m_retry.start(delay);
}
