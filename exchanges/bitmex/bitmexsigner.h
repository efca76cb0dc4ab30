#pragma once

#include "exchanges/core/signer.h"

// BitMEX: api-key, api-expires (UNIX seconds), api-signature = hex HMAC of METHOD + path?query + expires +
// body. https://www.bitmex.com/app/apiKeysUsage
class BitmexSigner final : public Signer
{
public:
    explicit BitmexSigner(int expiresAfterSeconds = 5);

    QString venue() const override { return QStringLiteral("bitmex"); }
    // GET: query string; POST/PUT/DELETE: JSON body (BitMEX reads DELETE/PUT parameters from the body).
    void encodeParameters(HttpRequest& request, const QJsonObject& params) const override;
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

private:
    int m_expiresAfterSeconds = 5;
};
