#include "okxsigner.h"

#include "exchanges/core/crypto.h"

#include <QDateTime>
#include <QTimeZone>

OkxSigner::OkxSigner(Trading trading)
    : m_trading(trading)
{}

QByteArray OkxSigner::isoTimestamp(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"))
        .toLatin1();
}

SignResult OkxSigner::sign(HttpRequest& request, const Credentials& credentials,
                           const SigningContext& context) const
{
    if (auto checked = prepare(request, credentials); !checked)
        return checked;
    const QByteArray timestamp = isoTimestamp(context.nowMs);
    const QByteArray text = timestamp + request.method + request.pathAndQuery() + request.body;
    request.setHeader("OK-ACCESS-KEY", credentials.key.toUtf8());
    request.setHeader("OK-ACCESS-SIGN", Crypto::hmacSha256Base64(credentials.secret, text));
    request.setHeader("OK-ACCESS-TIMESTAMP", timestamp);
    request.setHeader("OK-ACCESS-PASSPHRASE", credentials.passphrase);
    if (m_trading == Trading::Demo)
        request.setHeader("x-simulated-trading", "1");
    setJsonContentTypeIfBody(request);
    return success();
}
