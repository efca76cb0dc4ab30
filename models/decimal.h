#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

class QString;
class QStringView;

// An exact decimal number: a 64-bit mantissa and a count of fractional digits (0..18).
// Prices and sizes travel from an exchange's text to the book and back without binary floating point.
// The scale is kept as written, so "65000.10" formats back as "65000.10"; comparisons are by value
// ("1.0" == "1.00").
class Decimal final
{
public:
    static constexpr int MaxScale = 18;
    // Longest text toChars() writes: sign, 19 digits, point, leading "0." padding.
    static constexpr int MaxChars = 42;

    constexpr Decimal() = default;

    // Parses "65000.10", "-0.5", "+3", "1e-8", "1.5E3". Returns nullopt on anything else
    // (empty text, stray characters, more precision or magnitude than 64 bits hold).
    static std::optional<Decimal> parse(std::string_view text) noexcept;
    static std::optional<Decimal> parse(QStringView text);
    // mantissa × 10^-scale. scale must be in 0..MaxScale.
    static constexpr Decimal fromMantissa(std::int64_t mantissa, int scale) noexcept
    {
        Decimal d;
        d.m_mantissa = mantissa;
        d.m_scale = static_cast<std::int8_t>(scale);
        return d;
    }

    constexpr std::int64_t mantissa() const noexcept { return m_mantissa; }
    constexpr int scale() const noexcept { return m_scale; }
    constexpr bool isZero() const noexcept { return m_mantissa == 0; }
    constexpr bool isNegative() const noexcept { return m_mantissa < 0; }

    // The mantissa at another scale, if it is exact and fits (e.g. 65000.10 at scale 1 → 650001).
    std::optional<std::int64_t> mantissaAtScale(int scale) const noexcept;
    // Same value with trailing fractional zeros removed ("1.500" → "1.5").
    Decimal normalized() const noexcept;
    // The same value written with `scale` fractional digits, if exact.
    std::optional<Decimal> withScale(int scale) const noexcept;

    // Rounds toward zero / to nearest (ties away from zero) to a multiple of step (a tick or lot size).
    std::optional<Decimal> roundedDownTo(Decimal step) const noexcept;
    std::optional<Decimal> roundedTo(Decimal step) const noexcept;
    bool isMultipleOf(Decimal step) const noexcept;

    // Writes the text form into out (at least MaxChars bytes); returns the length.
    int toChars(char* out) const noexcept;
    std::string toStdString() const;
    QString toString() const;
    // For charts and ratios only: never on the way to an exchange.
    double toDouble() const noexcept;

    // Exact arithmetic; nullopt on overflow.
    static std::optional<Decimal> add(Decimal a, Decimal b) noexcept;
    static std::optional<Decimal> subtract(Decimal a, Decimal b) noexcept;
    static std::optional<Decimal> multiply(Decimal a, Decimal b) noexcept;

    // Throwing forms for code where overflow is a programming error (sums of book sizes, notionals).
    friend Decimal operator+(Decimal a, Decimal b);
    friend Decimal operator-(Decimal a, Decimal b);
    friend Decimal operator*(Decimal a, Decimal b);
    Decimal operator-() const;
    Decimal& operator+=(Decimal other) { return *this = *this + other; }
    Decimal& operator-=(Decimal other) { return *this = *this - other; }

    // -1, 0 or 1 by value. (Spelled out rather than <=>: Qt 6.4's moc cannot parse <compare>.)
    static int compare(Decimal a, Decimal b) noexcept;
    friend bool operator==(Decimal a, Decimal b) noexcept { return compare(a, b) == 0; }
    friend bool operator!=(Decimal a, Decimal b) noexcept { return compare(a, b) != 0; }
    friend bool operator<(Decimal a, Decimal b) noexcept { return compare(a, b) < 0; }
    friend bool operator<=(Decimal a, Decimal b) noexcept { return compare(a, b) <= 0; }
    friend bool operator>(Decimal a, Decimal b) noexcept { return compare(a, b) > 0; }
    friend bool operator>=(Decimal a, Decimal b) noexcept { return compare(a, b) >= 0; }

    // Same value and same written scale.
    bool isIdenticalTo(Decimal other) const noexcept
    {
        return m_mantissa == other.m_mantissa && m_scale == other.m_scale;
    }

private:
    std::int64_t m_mantissa = 0;
    std::int8_t m_scale = 0;
};

std::size_t qHash(Decimal value, std::size_t seed = 0) noexcept;
