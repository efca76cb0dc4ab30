#include "restrequest.h"

QString RestError::toString() const
{
    QString kindText;
    switch (kind) {
    case Kind::Network:
        kindText = QStringLiteral("network error");
        break;
    case Kind::Tls:
        kindText = QStringLiteral("TLS error");
        break;
    case Kind::Timeout:
        kindText = QStringLiteral("timeout");
        break;
    case Kind::Http:
        kindText = QStringLiteral("HTTP error");
        break;
    case Kind::RateLimited:
        kindText = QStringLiteral("rate limited");
        break;
    case Kind::Venue:
        kindText = QStringLiteral("venue error");
        break;
    case Kind::Parse:
        kindText = QStringLiteral("unreadable reply");
        break;
    case Kind::Signing:
        kindText = QStringLiteral("not signed");
        break;
    case Kind::NotOffered:
        kindText = QStringLiteral("not offered by the venue");
        break;
    case Kind::Timestamp:
        kindText = QStringLiteral("timestamp rejected (clock re-synchronised, not resent)");
        break;
    }
    QString out = kindText;
    if (httpStatus != 0)
        out += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    if (!venueCode.isEmpty())
        out += QStringLiteral(" [%1]").arg(venueCode);
    if (!message.isEmpty())
        out += QStringLiteral(": ") + message;
    if (retryAfterMs >= 0)
        out += QStringLiteral(" (retry after %1 ms)").arg(retryAfterMs);
    return out;
}
