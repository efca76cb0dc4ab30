#include "gmocoinsigner.h"

#include "exchanges/core/crypto.h"

void GmoCoinSigner::encodeParameters(HttpRequest& request, const QJsonObject& params) const
{
    if (params.isEmpty())
        return;
    if (request.method.trimmed().toUpper() == "GET")
        request.appendToQuery(encodeQuery(params));
    else
        request.body = encodeJson(params);
}

QByteArray GmoCoinSigner::signedPath(const QUrl& url)
{
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    if (path.startsWith("/private/"))
        path.remove(0, int(sizeof("/private") - 1));
    return path;
}

SignResult GmoCoinSigner::sign(HttpRequest& request, const Credentials& credentials,
                               const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray timestamp = QByteArray::number(context.nowMs);
    QByteArray text = timestamp + request.method + signedPath(request.url);
    if (request.method == "POST")
        text += request.body;
    request.setHeader("API-KEY", credentials.key.toUtf8());
    request.setHeader("API-TIMESTAMP", timestamp);
    request.setHeader("API-SIGN", Crypto::hmacSha256Hex(credentials.secret, text));
    setJsonContentTypeIfBody(request);
    return success();
}
