#pragma once

#include "exchanges/core/signer.h"

// Bybit V5: X-BAPI-* headers; HMAC-SHA256 hex (or RSA-SHA256 base64 for a self-generated RSA key given
// as PEM) of timestamp + key + recvWindow + (query string | JSON body).
// https://bybit-exchange.github.io/docs/v5/guide#authentication
class BybitSigner final : public Signer
{
public:
    explicit BybitSigner(int recvWindowMs = 5000);

    QString venue() const override { return QStringLiteral("bybit"); }
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

private:
    int m_recvWindowMs = 5000;
};
