#include "phemexsigner.h"

#include "exchanges/core/crypto.h"

PhemexSigner::PhemexSigner(int expiresAfterSeconds, SecretForm secretForm)
    : m_expiresAfterSeconds(expiresAfterSeconds)
    , m_secretForm(secretForm)
{}

SignResult PhemexSigner::sign(HttpRequest& request, const Credentials& credentials,
                              const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray expiry = QByteArray::number(context.nowMs / 1000 + m_expiresAfterSeconds);
    const QByteArray text =
        request.url.path(QUrl::FullyEncoded).toLatin1() + request.encodedQuery() + expiry + request.body;

    QByteArray signature;
    if (m_secretForm == SecretForm::Base64UrlDecoded) {
        auto decoded = QByteArray::fromBase64Encoding(
            credentials.secret, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return failure(SignError::Kind::InvalidSecret,
                           QStringLiteral("phemex: the secret is not base64url"));
        signature = Crypto::hmacSha256Hex(decoded.decoded, text);
        Crypto::secureClear(decoded.decoded);
    } else {
        signature = Crypto::hmacSha256Hex(credentials.secret, text);
    }

    request.setHeader("x-phemex-access-token", credentials.key.toUtf8());
    request.setHeader("x-phemex-request-expiry", expiry);
    request.setHeader("x-phemex-request-signature", signature);
    setJsonContentTypeIfBody(request);
    return success();
}
