#pragma once

#include "exchanges/core/signer.h"

// bitbank private REST: ACCESS-KEY, ACCESS-SIGNATURE and either ACCESS-REQUEST-TIME + ACCESS-TIME-WINDOW
// (stateless, preferred) or ACCESS-NONCE (legacy, strictly increasing per key). Hex HMAC of
// (requestTime + window | nonce) + (GET: "/v1/…?query" | otherwise: the JSON body).
// https://github.com/bitbankinc/bitbank-api-docs/blob/master/rest-api.md#authorization
class BitbankSigner final : public Signer
{
public:
    enum class Mode : std::uint8_t
    {
        TimeWindow,
        Nonce,
    };

    explicit BitbankSigner(Mode mode = Mode::TimeWindow, int timeWindowMs = 5000);

    QString venue() const override { return QStringLiteral("bitbank"); }
    bool usesNonce() const override { return m_mode == Mode::Nonce; }
    Mode mode() const { return m_mode; }
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

private:
    Mode m_mode = Mode::TimeWindow;
    int m_timeWindowMs = 5000;
};
