#include "bybitsigner.h"

#include "exchanges/core/crypto.h"

BybitSigner::BybitSigner(int recvWindowMs)
    : m_recvWindowMs(recvWindowMs)
{}

SignResult BybitSigner::sign(HttpRequest& request, const Credentials& credentials,
                             const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray timestamp = QByteArray::number(context.nowMs);
    const QByteArray recvWindow = QByteArray::number(m_recvWindowMs);
    const QByteArray payload = isQueryMethod(request.method) ? request.encodedQuery() : request.body;
    const QByteArray text = timestamp + credentials.key.toUtf8() + recvWindow + payload;

    QByteArray signature;
    if (Crypto::isPem(credentials.secret)) {
        auto rsa = Crypto::signWithPrivateKey(credentials.secret, credentials.passphrase, text,
                                              {Crypto::KeyType::Rsa});
        if (!rsa)
            return failure(SignError::Kind::InvalidSecret, QStringLiteral("bybit: ") + rsa.error());
        signature = rsa->toBase64();
    } else {
        signature = Crypto::hmacSha256Hex(credentials.secret, text);
    }

    request.setHeader("X-BAPI-API-KEY", credentials.key.toUtf8());
    request.setHeader("X-BAPI-TIMESTAMP", timestamp);
    request.setHeader("X-BAPI-RECV-WINDOW", recvWindow);
    request.setHeader("X-BAPI-SIGN", signature);
    setJsonContentTypeIfBody(request);
    return success();
}
