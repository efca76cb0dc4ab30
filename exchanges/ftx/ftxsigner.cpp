#include "ftxsigner.h"

#include "exchanges/core/crypto.h"

FtxSigner::FtxSigner(QString subaccount)
    : m_subaccount(std::move(subaccount))
{}

SignResult FtxSigner::sign(HttpRequest& request, const Credentials& credentials,
                           const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray timestamp = QByteArray::number(context.nowMs);
    const QByteArray text = timestamp + request.method + request.pathAndQuery() + request.body;
    request.setHeader("FTX-KEY", credentials.key.toUtf8());
    request.setHeader("FTX-TS", timestamp);
    request.setHeader("FTX-SIGN", Crypto::hmacSha256Hex(credentials.secret, text));
    if (!m_subaccount.isEmpty())
        request.setHeader("FTX-SUBACCOUNT", Crypto::percentEncode(m_subaccount.toUtf8()));
    setJsonContentTypeIfBody(request);
    return success();
}
