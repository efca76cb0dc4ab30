#include "signer.h"

#include "crypto.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>

Credentials::Credentials(QString key, QByteArray secret, QByteArray passphrase)
    : key(std::move(key))
    , secret(std::move(secret))
    , passphrase(std::move(passphrase))
{}

Credentials::~Credentials()
{
    clear();
}

void Credentials::clear()
{
    key.clear();
    Crypto::secureClear(secret);
    Crypto::secureClear(passphrase);
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& [headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [&](const auto& header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

void HttpRequest::setHeader(const QByteArray& name, const QByteArray& value)
{
    headers.removeIf(
        [&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

QByteArray HttpRequest::pathAndQuery() const
{
    // The same form QNetworkAccessManager puts on the request line.
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty() || target.startsWith('?'))
        target.prepend('/');
    return target;
}

QByteArray HttpRequest::encodedQuery() const
{
    return url.query(QUrl::FullyEncoded).toLatin1();
}

void HttpRequest::setEncodedQuery(const QByteArray& query)
{
    if (query.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
}

void HttpRequest::appendToQuery(const QByteArray& pairs)
{
    if (pairs.isEmpty())
        return;
    const QByteArray query = encodedQuery();
    setEncodedQuery(query.isEmpty() ? pairs : query + '&' + pairs);
}

namespace {

QByteArray parameterText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? "true" : "false";
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 9007199254740992.0) // 2^53: exact integer
            return QByteArray::number(qint64(number));
        return QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return value.toString().toUtf8();
    case QJsonValue::Array:
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    case QJsonValue::Object:
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace

void Signer::encodeParameters(HttpRequest& request, const QJsonObject& params) const
{
    if (params.isEmpty())
        return;
    if (isQueryMethod(request.method))
        request.appendToQuery(encodeQuery(params));
    else
        request.body = encodeJson(params);
}

SignResult Signer::failure(SignError::Kind kind, const QString& message)
{
    return SignResult::failure(SignError{kind, message});
}

SignResult Signer::prepare(HttpRequest& request, const Credentials& credentials) const
{
    request.method = request.method.trimmed().toUpper();
    if (credentials.key.isEmpty())
        return failure(SignError::Kind::MissingCredentials, QStringLiteral("%1: no API key").arg(venue()));
    if (credentials.secret.isEmpty())
        return failure(SignError::Kind::MissingCredentials, QStringLiteral("%1: no API secret").arg(venue()));
    if (needsPassphrase() && credentials.passphrase.isEmpty())
        return failure(SignError::Kind::MissingCredentials,
                       QStringLiteral("%1: no API passphrase").arg(venue()));
    if (!request.url.isValid() || request.url.host().isEmpty())
        return failure(SignError::Kind::InvalidRequest, QStringLiteral("%1: no valid URL").arg(venue()));
    if (request.method.isEmpty())
        return failure(SignError::Kind::InvalidRequest, QStringLiteral("%1: no HTTP method").arg(venue()));
    return success();
}

bool Signer::isQueryMethod(const QByteArray& method)
{
    const QByteArray upper = method.trimmed().toUpper();
    return upper == "GET" || upper == "DELETE" || upper == "HEAD";
}

void Signer::encodeQueryOrForm(HttpRequest& request, const QJsonObject& params)
{
    if (params.isEmpty())
        return;
    if (isQueryMethod(request.method))
        request.appendToQuery(encodeQuery(params));
    else
        request.body = encodeQuery(params);
}

QByteArray Signer::encodeQuery(const QJsonObject& params)
{
    QByteArray out;
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        if (!out.isEmpty())
            out += '&';
        out +=
            Crypto::percentEncode(it.key().toUtf8()) + '=' + Crypto::percentEncode(parameterText(it.value()));
    }
    return out;
}

QByteArray Signer::encodeJson(const QJsonObject& params)
{
    return QJsonDocument(params).toJson(QJsonDocument::Compact);
}

void Signer::setJsonContentTypeIfBody(HttpRequest& request)
{
    if (!request.body.isEmpty())
        request.setHeader("Content-Type", "application/json");
}
