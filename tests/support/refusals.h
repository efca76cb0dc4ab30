#pragma once

#include "exchanges/core/ordersubmitter.h"
#include "support/venueverifier.h"

#include <algorithm>

// What a test of orders a venue does not offer asserts: the outcome is a refusal before sending, and
// the loopback venue never saw an order request.
namespace refusals {

// Order requests (POST to a path ending in endpoint) the venue has received.
inline int ordersReceived(VenueVerifier& verifier, QLatin1String endpoint)
{
    const auto& requests = verifier.privateRequests();
    return static_cast<int>(std::count_if(requests.begin(), requests.end(), [endpoint](const auto& r) {
        return r.method == "POST" && r.url.path().endsWith(endpoint);
    }));
}

// A refusal (NotOfferedByVenue, its message naming the venue), with nothing sent.
inline bool refusedAsNotOffered(const OrderSubmitter::PlaceOutcome& o, const char* venueName)
{
    if (o.kind != OrderSubmitter::PlaceOutcome::Kind::Refused || o.ack || o.error)
        return false;
    return std::any_of(o.violations.begin(), o.violations.end(), [venueName](const OrderRuleViolation& v) {
        return v.rule == OrderRuleViolation::Rule::NotOfferedByVenue &&
               v.message.contains(QLatin1String(venueName));
    });
}

// The last violation's message (or the reason), for a failure message.
inline QString describe(const OrderSubmitter::PlaceOutcome& o)
{
    return o.violations.empty() ? o.reason : o.violations.back().message;
}

} // namespace refusals
