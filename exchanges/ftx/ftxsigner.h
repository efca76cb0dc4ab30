#pragma once

#include "exchanges/core/signer.h"

// FTX (closed 2022): FTX-KEY, FTX-TS (ms), FTX-SIGN = hex HMAC of ts + METHOD + path?query + body, and
// FTX-SUBACCOUNT (URI-encoded) when trading from a subaccount. Scheme from FTX's API-authentication
// post (blog.ftx.com/blog/api-authentication/) and its Python sample client.
class FtxSigner final : public Signer
{
public:
    explicit FtxSigner(QString subaccount = {});

    QString venue() const override { return QStringLiteral("ftx"); }
    bool isClosed() const override { return true; }
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

private:
    QString m_subaccount;
};
