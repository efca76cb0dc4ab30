#include "liquidsigner.h"

#include "exchanges/core/crypto.h"

#include <QJsonDocument>

namespace {

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QByteArray LiquidSigner::jwtSigningInput(const QByteArray& pathAndQuery, qint64 nonce, const QString& tokenId)
{
    const QByteArray header = R"({"alg":"HS256","typ":"JWT"})";
    const QJsonObject claims{
        {QStringLiteral("path"), QString::fromLatin1(pathAndQuery)},
        {QStringLiteral("nonce"), QJsonValue(nonce)},
        {QStringLiteral("token_id"), tokenId},
    };
    return base64Url(header) + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
}

SignResult LiquidSigner::sign(HttpRequest& request, const Credentials& credentials,
                              const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray input = jwtSigningInput(request.pathAndQuery(), context.nonce, credentials.key);
    const QByteArray token = input + '.' + base64Url(Crypto::hmacSha256(credentials.secret, input));
    request.setHeader("X-Quoine-API-Version", "2");
    request.setHeader("X-Quoine-Auth", token);
    request.setHeader("Content-Type", "application/json");
    return success();
}
