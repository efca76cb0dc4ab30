#pragma once

#include "exchanges/core/signer.h"

// GMO Coin: API-KEY/-TIMESTAMP/-SIGN; hex HMAC of timestamp (ms) + METHOD + path + body, where the path
// starts at /v1 (no "/private" prefix, no query string) and only POST signs its body (PUT/DELETE
// /v1/ws-auth carry a JSON body that is not signed). https://api.coin.z.com/docs/#authentication-private
class GmoCoinSigner final : public Signer
{
public:
    QString venue() const override { return QStringLiteral("gmocoin"); }
    // GET: query string; POST/PUT/DELETE: JSON body.
    void encodeParameters(HttpRequest& request, const QJsonObject& params) const override;
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

    // "/private/v1/order" → "/v1/order"; the path part of what is signed.
    static QByteArray signedPath(const QUrl& url);
};
