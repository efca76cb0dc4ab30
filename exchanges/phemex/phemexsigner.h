#pragma once

#include "exchanges/core/signer.h"

// Phemex: x-phemex-access-token, x-phemex-request-expiry (UNIX seconds), x-phemex-request-signature =
// hex HMAC of path + query + expiry + body (no '?', no separators).
// https://phemex-docs.github.io/#rest-request-header , #endpoint-security-type
class PhemexSigner final : public Signer
{
public:
    // The current docs' general section (phemex-docs.github.io, "REST request header", 2026-01) and
    // Phemex's own Python client key the HMAC with the API Secret text as issued: the default. The
    // contract page still carries an older "apiSecret = Base64::urlDecode(API Secret)" line; that form
    // is kept selectable. The private stream's user.auth is keyed the same way.
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
