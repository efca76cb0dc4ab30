#pragma once

#include "exchanges/core/signer.h"

// Liquid (closed 2022): X-Quoine-API-Version: 2, Content-Type: application/json, and X-Quoine-Auth: an
// HS256 JWT keyed with the secret whose claims are path (path + query), nonce (increasing) and token_id
// (the key). Scheme from Liquid's former API docs as kept in public clients.
class LiquidSigner final : public Signer
{
public:
    QString venue() const override { return QStringLiteral("liquid"); }
    bool isClosed() const override { return true; }
    bool usesNonce() const override { return true; }
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

    // The unsigned "header.payload" part of the token.
    static QByteArray jwtSigningInput(const QByteArray& pathAndQuery, qint64 nonce, const QString& tokenId);
};
