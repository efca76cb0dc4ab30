#include "coinchecksigner.h"

#include "exchanges/core/crypto.h"

void CoincheckSigner::encodeParameters(HttpRequest& request, const QJsonObject& params) const
{
    encodeQueryOrForm(request, params);
}

SignResult CoincheckSigner::sign(HttpRequest& request, const Credentials& credentials,
                                 const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray nonce = QByteArray::number(context.nonce);
    const QByteArray url = request.url.toEncoded(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    request.setHeader("ACCESS-KEY", credentials.key.toUtf8());
    request.setHeader("ACCESS-NONCE", nonce);
    request.setHeader("ACCESS-SIGNATURE",
                      Crypto::hmacSha256Hex(credentials.secret, QByteArray(nonce + url + request.body)));
    if (!request.body.isEmpty())
        request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    return success();
}
