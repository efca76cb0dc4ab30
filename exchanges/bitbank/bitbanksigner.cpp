#include "bitbanksigner.h"

#include "exchanges/core/crypto.h"

BitbankSigner::BitbankSigner(Mode mode, int timeWindowMs)
    : m_mode(mode)
    , m_timeWindowMs(timeWindowMs)
{}

SignResult BitbankSigner::sign(HttpRequest& request, const Credentials& credentials,
                               const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray signedPart = request.method == "GET" ? request.pathAndQuery() : request.body;

    request.setHeader("ACCESS-KEY", credentials.key.toUtf8());
    if (m_mode == Mode::TimeWindow) {
        const QByteArray requestTime = QByteArray::number(context.nowMs);
        const QByteArray window = QByteArray::number(m_timeWindowMs);
        request.setHeader("ACCESS-REQUEST-TIME", requestTime);
        request.setHeader("ACCESS-TIME-WINDOW", window);
        request.setHeader(
            "ACCESS-SIGNATURE",
            Crypto::hmacSha256Hex(credentials.secret, QByteArray(requestTime + window + signedPart)));
    } else {
        const QByteArray nonce = QByteArray::number(context.nonce);
        request.setHeader("ACCESS-NONCE", nonce);
        request.setHeader("ACCESS-SIGNATURE",
                          Crypto::hmacSha256Hex(credentials.secret, QByteArray(nonce + signedPart)));
    }
    setJsonContentTypeIfBody(request);
    return success();
}
