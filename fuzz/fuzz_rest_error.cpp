// How an HTTP reply becomes a typed RestError: RestClient::interpret with each venue's error shape
// (VenueRestPolicy::replyError, and Bybit's market-data check), Retry-After in both of its forms,
// the timestamp-rejection rules and the server-time probes, on arbitrary status, headers and body.
#include "exchanges/bybit/bybitmarketdata.h"
#include "exchanges/core/ratelimiter.h"
#include "exchanges/core/restclient.h"
#include "exchanges/core/signer.h" // HttpRequest
#include "exchanges/core/venuerest.h"
#include "fuzzsupport.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <array>

namespace {

const std::array<VenueRestPolicy, 11>& policies()
{
    static const std::array<VenueRestPolicy, 11> all = {
        VenueRestPolicy::forVenue(QStringLiteral("bybit")),
        VenueRestPolicy::forVenue(QStringLiteral("binance"), QUrl(QStringLiteral("https://api.binance.com"))),
        VenueRestPolicy::forVenue(QStringLiteral("binance"),
                                  QUrl(QStringLiteral("https://fapi.binance.com"))),
        VenueRestPolicy::forVenue(QStringLiteral("okx")),
        VenueRestPolicy::forVenue(QStringLiteral("bitflyer")),
        VenueRestPolicy::forVenue(QStringLiteral("gmocoin")),
        VenueRestPolicy::forVenue(QStringLiteral("bitbank")),
        VenueRestPolicy::forVenue(QStringLiteral("coincheck")),
        VenueRestPolicy::forVenue(QStringLiteral("bitmex")),
        VenueRestPolicy::forVenue(QStringLiteral("phemex")),
        VenueRestPolicy::forVenue(QString()),
    };
    return all;
}

QByteArray consumeBytes(FuzzedDataProvider& input, std::size_t max)
{
    const std::string s = input.ConsumeRandomLengthString(max);
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const BybitMarketData marketData;
    FuzzedDataProvider input(data, size);

    RestClient::RawReply raw;
    raw.httpStatus = input.ConsumeIntegralInRange<int>(0, 599);
    const std::size_t policyIndex = input.ConsumeIntegralInRange<std::size_t>(0, policies().size());
    raw.sentAtMs = 1'760'000'000'000;
    raw.receivedAtMs = raw.sentAtMs + input.ConsumeIntegralInRange<qint64>(0, 60'000);
    const int headerCount = input.ConsumeIntegralInRange<int>(0, 5);
    // The headers the error and rate-limit readers look at, in every venue's spelling.
    static const char* const names[] = {"Retry-After",
                                        "Date",
                                        "retry-after",
                                        "X-Bapi-Limit",
                                        "X-Bapi-Limit-Status",
                                        "X-Bapi-Limit-Reset-Timestamp",
                                        "X-MBX-USED-WEIGHT-1M",
                                        "X-MBX-ORDER-COUNT-10S",
                                        "x-ratelimit-remaining",
                                        "x-ratelimit-reset",
                                        "x-ratelimit-remaining-contract",
                                        "x-ratelimit-retry-after-contract"};
    constexpr int nameCount = int(sizeof names / sizeof names[0]);
    for (int i = 0; i < headerCount; ++i) {
        const QByteArray name(names[input.ConsumeIntegralInRange<int>(0, nameCount - 1)]);
        raw.headers.append({name, consumeBytes(input, 48)});
    }
    const std::string body = input.ConsumeRemainingBytesAsString();
    raw.body = QByteArray(body.data(), static_cast<qsizetype>(body.size()));

    const RestClient::ReplyCheck check =
        policyIndex < policies().size()
            ? policies()[policyIndex].replyError
            : RestClient::ReplyCheck([](const QJsonDocument& doc) { return marketData.replyError(doc); });
    const RestClient::Reply reply = RestClient::interpret(raw, check);
    if (reply) {
        FUZZ_CHECK(raw.httpStatus < 400, "HTTP %d was taken as a success", raw.httpStatus);
    } else {
        const RestError& e = reply.error();
        FUZZ_CHECK(!e.message.isEmpty(), "an error without a message (HTTP %d, policy %zu, body %s)",
                   raw.httpStatus, policyIndex, raw.body.toHex().constData());
        if (raw.httpStatus == 429 || raw.httpStatus == 418)
            FUZZ_CHECK(e.kind == RestError::Kind::RateLimited, "HTTP %d is not RateLimited", raw.httpStatus);
        FUZZ_CHECK(e.retryAfterMs >= -1, "a negative Retry-After %d", e.retryAfterMs);
        touch(e.toString());
        touch(e.venueCode);
        if (policyIndex < policies().size())
            (void)policies()[policyIndex].isTimestampRejection(e);
    }
    const int retryAfter = RestClient::retryAfterMs(raw.header("Retry-After"), raw.receivedAtMs);
    FUZZ_CHECK(retryAfter >= -1, "retryAfterMs returned %d", retryAfter);
    if (policyIndex < policies().size()) {
        const VenueRestPolicy& policy = policies()[policyIndex];
        if (const auto& probe = policy.timeProbe)
            (void)probe->serverTimeMs(raw);
        // The rate-limit readers on whatever the headers say: the wait they report stays sane.
        if (policy.observe) {
            RateLimiter limiter(policy.budgets);
            HttpRequest request;
            request.method = "GET";
            request.url = QUrl(QStringLiteral("https://api.example.invalid/api/v1/order"));
            const qint64 wait = policy.observe(raw, request, limiter);
            FUZZ_CHECK(wait >= -1, "a rate-limit reader reported a wait of %lld ms",
                       static_cast<long long>(wait));
        }
    }
    return 0;
}
