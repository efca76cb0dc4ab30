#include "bitflyersigner.h"

#include "exchanges/core/crypto.h"

SignResult BitflyerSigner::sign(HttpRequest& request, const Credentials& credentials,
                                const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray timestamp = QByteArray::number(context.nowMs);
    const QByteArray text = timestamp + request.method + request.pathAndQuery() + request.body;
    request.setHeader("ACCESS-KEY", credentials.key.toUtf8());
    request.setHeader("ACCESS-TIMESTAMP", timestamp);
    request.setHeader("ACCESS-SIGN", Crypto::hmacSha256Hex(credentials.secret, text));
    setJsonContentTypeIfBody(request);
    return success();
}
