#pragma once

// Shared by the libFuzzer targets: an invariant check that stops the run with a message, so libFuzzer
// saves the input as a crash reproducer (a plain assert would vanish in release builds).

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, ...)                                                                         \
    do {                                                                                                   \
        if (!(condition)) {                                                                                \
            std::fprintf(stderr, "invariant failed at %s:%d: %s\n  ", __FILE__, __LINE__, #condition);    \
            std::fprintf(stderr, __VA_ARGS__);                                                             \
            std::fputc('\n', stderr);                                                                      \
            std::abort();                                                                                  \
        }                                                                                                  \
    } while (false)

// Touches every byte of a string the parser handed out, so a view into freed or foreign memory is
// reported by AddressSanitizer here rather than later, far from the parser.
inline unsigned touch(const QString& s)
{
    unsigned sum = 0;
    for (QChar c : s)
        sum += c.unicode();
    return sum;
}
