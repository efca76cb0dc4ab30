#pragma once

#include "exchanges/core/signer.h"

// Phemex: x-phemex-access-token, x-phemex-request-expiry (UNIX seconds), x-phemex-request-signature =
// hex HMAC of path + query + expiry + body (no '?', no separators).
// https://github.com/phemex/phemex-api-docs/blob/master/Public-Contract-API-en.md#endpoint-security-type
class PhemexSigner final : public Signer
{
public:
    // The docs say the HMAC key is the Base64-URL-decoded secret; working clients (ccxt, pybotters) key
    // with the secret text as issued, so that is the default.
    enum class SecretForm : std::uint8_t
    {
        AsIssued,
        Base64UrlDecoded,
    };

    explicit PhemexSigner(int expiresAfterSeconds = 60, SecretForm secretForm = SecretForm::AsIssued);

    QString venue() const override { return QStringLiteral("phemex"); }
    SignResult sign(HttpRequest& request, const Credentials& credentials,
                    const SigningContext& context) const override;

private:
    int m_expiresAfterSeconds = 60;
    SecretForm m_secretForm = SecretForm::AsIssued;
};
