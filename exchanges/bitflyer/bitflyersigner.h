#pragma once

#include "exchanges/core/signer.h"

// bitFlyer Lightning: ACCESS-KEY/-TIMESTAMP/-SIGN; hex HMAC of timestamp (ms) + METHOD + path?query +
// body. https://lightning.bitflyer.com/docs#authentication
class BitflyerSigner final : public Signer
{
public:
    QString venue() const override { return QStringLiteral("bitflyer"); }
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;
};
