#pragma once

// Two helpers every trading test uses: exact decimal literals and a bounded wait for one asynchronous
// answer. Light on purpose (models/decimal.h and Qt Test only), so that the GUI tests' terminal
// (support/tradingterminal.h) and the loopback venues' harness (support/venueharness.h) share them.

#include "models/decimal.h"

#include <QTest>

#include <memory>
#include <optional>

namespace tradingtest {

// A decimal literal of a test; a typo is a broken test, not a silent zero.
inline Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

// Starts an asynchronous request with a callback and waits (bounded) for its one answer.
template <typename R, typename Start> R await(Start start, int timeoutMs = 15'000)
{
    auto out = std::make_shared<std::optional<R>>();
    start([out](const R& r) { *out = r; });
    if (!QTest::qWaitFor([out] { return out->has_value(); }, timeoutMs))
        qFatal("no answer from the venue");
    return **out;
}

} // namespace tradingtest
