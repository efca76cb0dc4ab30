#pragma once

#include "exchanges/core/signer.h"

// Coincheck: ACCESS-KEY, ACCESS-NONCE (strictly increasing per key), ACCESS-SIGNATURE = hex HMAC of
// nonce + full URL (scheme, host, path, query) + body. https://coincheck.com/documents/exchange/api#auth
class CoincheckSigner final : public Signer
{
public:
    QString venue() const override { return QStringLiteral("coincheck"); }
    bool usesNonce() const override { return true; }
    // GET/DELETE: query string; POST: application/x-www-form-urlencoded body (as the docs send it).
    void encodeParameters(HttpRequest& request, const QJsonObject& params) const override;
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;
};
