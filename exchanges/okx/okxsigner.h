#pragma once

#include "exchanges/core/signer.h"

// OKX v5: OK-ACCESS-KEY/-SIGN/-TIMESTAMP/-PASSPHRASE; base64 HMAC of ISO-8601 UTC timestamp with
// milliseconds + METHOD + path?query + body. Demo trading is the live host plus x-simulated-trading: 1.
// https://www.okx.com/docs-v5/en/#overview-rest-authentication
class OkxSigner final : public Signer
{
public:
    enum class Trading : std::uint8_t
    {
        Live,
        Demo,
    };

    explicit OkxSigner(Trading trading = Trading::Live);

    QString venue() const override { return QStringLiteral("okx"); }
    bool needsPassphrase() const override { return true; }
    Trading trading() const { return m_trading; }
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

    static QByteArray isoTimestamp(qint64 msSinceEpoch); // "2020-12-08T09:08:57.715Z"

private:
    Trading m_trading = Trading::Live;
};
