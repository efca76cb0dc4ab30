#pragma once

#include "ratelimiter.h"
#include "restclient.h"
#include "servertime.h"

#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

struct HttpRequest;

// What the signed REST path needs to know about one venue besides its signer: how its errors look
// (including errors inside HTTP 200 replies), which codes mean "your timestamp is off", where its
// clock is, and its published request budgets and rate-limit headers. The venue folders' docs
// (docs/exchanges-global.md, docs/exchanges-japan.md) are the sources; each rule names its page.
struct VenueRestPolicy
{
    QString venue; // empty: a host no venue serves (plain HTTP rules only)

    // The venue's error in a parsed reply, code and message verbatim; nullopt for a success.
    std::function<std::optional<RestError>(const QJsonDocument&)> replyError;
    // Whether a venue error is a timestamp / receive-window rejection (the clock is off).
    std::function<bool(const RestError&)> isTimestampRejection;
    // nullopt: the venue's authentication does not use the time (Coincheck signs a nonce).
    std::optional<TimeProbe> timeProbe;

    QList<RateBudget> budgets;
    // Which budgets a request is charged to, and how much.
    std::function<QList<RateLimiter::Cost>(const HttpRequest&)> costs;
    // Reads the venue's rate-limit headers into the limiter; returns a wait the venue asked for
    // (ms, -1 if none) from headers other than Retry-After (Phemex x-ratelimit-retry-after-<group>).
    std::function<qint64(const RestClient::RawReply&, const HttpRequest&, RateLimiter&)> observe;
    // An order cancel (goes in the limiter's cancel lane).
    std::function<bool(const HttpRequest&)> isCancel;

    // For the venue's name ("bybit"); the plain-HTTP policy for an empty or unknown name. url: the
    // endpoint (Binance futures hosts have their own budgets and time path).
    static VenueRestPolicy forVenue(const QString& venue, const QUrl& url = {});
};
