#pragma once

#include "exchanges/core/signer.h"

// Binance spot and USDⓈ-M REST: X-MBX-APIKEY header; timestamp (and recvWindow) and signature as
// parameters. The payload is the query string concatenated with the form body, percent-encoded
// (required since 2026-01-15). HMAC secrets sign hex; a PEM private key (Ed25519 or RSA) signs base64,
// percent-encoded on the wire. A PEM's password goes in Credentials::passphrase. USER_STREAM endpoints
// (…/listenKey, …/userDataStream) carry the X-MBX-APIKEY header only.
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
class BinanceSigner final : public Signer
{
public:
    // recvWindowMs 0: the parameter is not sent (the venue's default, 5000 ms, applies).
    explicit BinanceSigner(int recvWindowMs = 0);

    QString venue() const override { return QStringLiteral("binance"); }
    // GET/DELETE: query string; POST/PUT: application/x-www-form-urlencoded body.
    void encodeParameters(HttpRequest& request, const QJsonObject& params) const override;
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

private:
    int m_recvWindowMs = 0;
};
