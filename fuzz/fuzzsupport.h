#pragma once

// Shared by the libFuzzer targets: an invariant check that stops the run with a message, so libFuzzer
// saves the input as a crash reproducer (a plain assert would vanish in release builds).

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(condition, ...)                                                                           \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "invariant failed at %s:%d: %s\n  ", __FILE__, __LINE__, #condition);       \
            std::fprintf(stderr, __VA_ARGS__);                                                               \
            std::fputc('\n', stderr);                                                                        \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

// Everything the targets read from a parser's output is folded in here. It is volatile, so the reads
// cannot be optimised away: a view into freed or foreign memory is then reported by AddressSanitizer
// right after the parser returned it, not later and far from the parser.
inline volatile unsigned fuzzSink = 0;

inline void touch(const QString& s)
{
    unsigned sum = 0;
    for (QChar c : s)
        sum += c.unicode();
    fuzzSink = fuzzSink + sum;
}

inline void touch(std::string_view s)
{
    unsigned sum = 0;
    for (char c : s)
        sum += static_cast<unsigned char>(c);
    fuzzSink = fuzzSink + sum;
}

inline void touch(std::int64_t value)
{
    fuzzSink = fuzzSink + static_cast<unsigned>(value);
}
