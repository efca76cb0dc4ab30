#include "binancesigner.h"

#include "exchanges/core/crypto.h"

BinanceSigner::BinanceSigner(int recvWindowMs)
    : m_recvWindowMs(recvWindowMs)
{}

void BinanceSigner::encodeParameters(HttpRequest& request, const QJsonObject& params) const
{
    encodeQueryOrForm(request, params);
}

SignResult BinanceSigner::sign(HttpRequest& request, const Credentials& credentials,
                               const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;

    // USER_STREAM endpoints (the listenKey of USDⓈ-M, spot's retired userDataStream) take the API key
    // only: a timestamp or signature there is refused as an unread parameter (-1104).
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Start-User-Data-Stream
    const QString path = request.url.path();
    if (path.endsWith(QLatin1String("/listenKey")) || path.endsWith(QLatin1String("/userDataStream"))) {
        request.setHeader("X-MBX-APIKEY", credentials.key.toUtf8());
        return success();
    }

    QByteArray timing;
    if (m_recvWindowMs > 0)
        timing = "recvWindow=" + QByteArray::number(m_recvWindowMs) + '&';
    timing += "timestamp=" + QByteArray::number(context.nowMs);

    // The signing parameters go where the other parameters are: a form body, else the query.
    const bool inBody = !request.body.isEmpty() && !isQueryMethod(request.method);
    if (inBody)
        request.body += '&' + timing;
    else
        request.appendToQuery(timing);

    const QByteArray payload = request.encodedQuery() + request.body;
    QByteArray signature;
    if (Crypto::isPem(credentials.secret)) {
        auto signed_ = Crypto::signWithPrivateKey(credentials.secret, credentials.passphrase, payload,
                                                  {Crypto::KeyType::Ed25519, Crypto::KeyType::Rsa});
        if (!signed_)
            return failure(SignError::Kind::InvalidSecret, QStringLiteral("binance: ") + signed_.error());
        signature = Crypto::percentEncode(signed_->toBase64());
    } else {
        signature = Crypto::hmacSha256Hex(credentials.secret, payload);
    }

    if (inBody)
        request.body += "&signature=" + signature;
    else
        request.appendToQuery("signature=" + signature);

    request.setHeader("X-MBX-APIKEY", credentials.key.toUtf8());
    if (!request.body.isEmpty())
        request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    return success();
}
