#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

// A REST call in the venue's terms, before a base URL or a signature is applied.
struct RestRequest
{
    QByteArray method = "GET";
    QString path;                         // "/v5/market/kline"
    QList<QPair<QString, QString>> query; // kept in this order on the wire
    QByteArray body;                      // exact bytes (JSON or form)
    QByteArray contentType;               // with a body
    QUrl baseUrl; // empty: the client's base URL; else another host of the venue's (bitbank's public API)
};

// A failed REST call. The venue's own code and message are kept verbatim.
struct RestError
{
    enum class Kind : std::uint8_t
    {
        Network,     // connection refused, reset, DNS
        Tls,         // certificate or handshake failure
        Timeout,     // no reply within the request's timeout: the outcome is unknown
        Http,        // an HTTP error status without a venue error body
        RateLimited, // HTTP 429/418 or the venue's rate-limit code; retryAfterMs says when to try again
        Venue,       // the venue answered with an error code (retCode ≠ 0, code < 0, …)
        Parse,       // the reply was not the JSON the venue documents
        Signing,     // not sent: no credentials, or the key could not sign (nothing reached the venue)
        NotOffered,  // not sent: the venue has no such operation (amending on bitFlyer); message says why
        Timestamp,   // the venue rejected the request's timestamp / receive window; the clock was
                     // re-synchronised and the request was NOT resent
    };
    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString venueCode;
    QString message;
    int retryAfterMs = -1;

    QString toString() const;
};
