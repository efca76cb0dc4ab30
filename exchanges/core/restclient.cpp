#include "restclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QUrlQuery>

RestClient::RestClient(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{}

QUrl RestClient::urlFor(const RestRequest& request) const
{
    QUrl url = m_baseUrl;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + request.path);
    if (!request.query.isEmpty()) {
        QUrlQuery query;
        query.setQueryItems(request.query);
        url.setQuery(query);
    }
    return url;
}

void RestClient::send(const RestRequest& request, Callback done)
{
    QNetworkRequest req(urlFor(request));
    req.setTransferTimeout(static_cast<int>(m_timeout.count()));
    req.setRawHeader("Accept", "application/json");
    if (!request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    QNetworkReply* reply = m_network->sendCustomRequest(req, request.method, request.body);
    // TLS problems fail the request; they are reported, never ignored.
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        finish(reply, done);
        reply->deleteLater();
    });
}

namespace {
int retryAfterMs(QNetworkReply* reply)
{
    const QByteArray value = reply->rawHeader("Retry-After");
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    return ok && seconds >= 0 ? seconds * 1000 : -1;
}
} // namespace

void RestClient::finish(QNetworkReply* reply, const Callback& done)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const auto error = reply->error();

    if (status == 0) {
        RestError e;
        switch (error) {
        case QNetworkReply::OperationCanceledError:
        case QNetworkReply::TimeoutError:
            e.kind = RestError::Kind::Timeout;
            e.message =
                QStringLiteral("no reply within %1 ms; the outcome is unknown").arg(m_timeout.count());
            break;
        case QNetworkReply::SslHandshakeFailedError:
            e.kind = RestError::Kind::Tls;
            e.message = reply->errorString();
            break;
        default:
            e.kind = RestError::Kind::Network;
            e.message = reply->errorString();
            break;
        }
        done(Reply::failure(e));
        return;
    }

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool isJson = parseError.error == QJsonParseError::NoError && !doc.isNull();

    if (status == 429 || status == 418) {
        RestError e{RestError::Kind::RateLimited, status, {}, {}, retryAfterMs(reply)};
        if (isJson && m_replyCheck) {
            if (auto venue = m_replyCheck(doc)) {
                e.venueCode = venue->venueCode;
                e.message = venue->message;
            }
        }
        if (e.message.isEmpty())
            e.message = QString::fromUtf8(body.left(300));
        done(Reply::failure(e));
        return;
    }
    if (status >= 400) {
        RestError e{RestError::Kind::Http, status, {}, {}, retryAfterMs(reply)};
        if (isJson && m_replyCheck) {
            if (auto venue = m_replyCheck(doc); venue && venue->kind != RestError::Kind::Parse) {
                e.kind = venue->kind;
                e.venueCode = venue->venueCode;
                e.message = venue->message;
            }
        }
        if (e.message.isEmpty())
            e.message = body.isEmpty() ? reply->errorString() : QString::fromUtf8(body.left(300));
        done(Reply::failure(e));
        return;
    }
    if (!isJson) {
        done(Reply::failure({RestError::Kind::Parse,
                             status,
                             {},
                             QStringLiteral("reply is not JSON: %1").arg(parseError.errorString()),
                             -1}));
        return;
    }
    if (m_replyCheck) {
        if (auto venue = m_replyCheck(doc)) {
            venue->httpStatus = status;
            done(Reply::failure(*venue));
            return;
        }
    }
    done(doc);
}
