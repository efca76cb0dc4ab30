#include "bitmexsigner.h"

#include "exchanges/core/crypto.h"

BitmexSigner::BitmexSigner(int expiresAfterSeconds)
    : m_expiresAfterSeconds(expiresAfterSeconds)
{}

void BitmexSigner::encodeParameters(HttpRequest& request, const QJsonObject& params) const
{
    if (params.isEmpty())
        return;
    if (request.method.trimmed().toUpper() == "GET")
        request.appendToQuery(encodeQuery(params));
    else
        request.body = encodeJson(params);
}

SignResult BitmexSigner::sign(HttpRequest& request, const Credentials& credentials,
                              const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray expires = QByteArray::number(context.nowMs / 1000 + m_expiresAfterSeconds);
    const QByteArray text = request.method + request.pathAndQuery() + expires + request.body;
    request.setHeader("api-expires", expires);
    request.setHeader("api-key", credentials.key.toUtf8());
    request.setHeader("api-signature", Crypto::hmacSha256Hex(credentials.secret, text));
    setJsonContentTypeIfBody(request);
    return success();
}
