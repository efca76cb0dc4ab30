#include "decimal.h"

#include <QHashFunctions>
#include <QString>

#include <limits>
#include <stdexcept>

namespace {

constexpr std::int64_t kPow10[19] = {1LL,
                                     10LL,
                                     100LL,
                                     1000LL,
                                     10000LL,
                                     100000LL,
                                     1000000LL,
                                     10000000LL,
                                     100000000LL,
                                     1000000000LL,
                                     10000000000LL,
                                     100000000000LL,
                                     1000000000000LL,
                                     10000000000000LL,
                                     100000000000000LL,
                                     1000000000000000LL,
                                     10000000000000000LL,
                                     100000000000000000LL,
                                     1000000000000000000LL};

using Wide = __int128;

bool fitsInt64(Wide v)
{
    return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}

// Removes trailing zero digits from a mantissa while the scale allows it.
void stripZeros(Wide& mantissa, int& scale)
{
    while (scale > 0 && mantissa % 10 == 0) {
        mantissa /= 10;
        --scale;
    }
}

std::optional<Decimal> make(Wide mantissa, int scale)
{
    if (scale > Decimal::MaxScale) {
        // Too many digits: keep it only if the excess digits are zeros.
        while (scale > Decimal::MaxScale && mantissa % 10 == 0) {
            mantissa /= 10;
            --scale;
        }
        if (scale > Decimal::MaxScale)
            return std::nullopt;
    }
    while (scale < 0) {
        mantissa *= 10;
        ++scale;
        if (!fitsInt64(mantissa))
            return std::nullopt;
    }
    if (!fitsInt64(mantissa))
        return std::nullopt;
    return Decimal::fromMantissa(static_cast<std::int64_t>(mantissa), scale);
}

// The rounded value q·step written at the step's scale ("65000.1" rounded to 0.10 → "65000.10").
std::optional<Decimal> atStepScale(Wide value, int scale, Decimal step)
{
    const auto d = make(value, scale);
    if (!d)
        return std::nullopt;
    return d->withScale(std::max(step.scale(), 0));
}

} // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) noexcept
{
    const char* p = text.data();
    const char* const end = p + text.size();
    if (p == end)
        return std::nullopt;
    // The shape venues send prices and sizes in: digits with at most one point, 18 characters at most
    // (so at most 18 digits: no overflow). One pass, no branches on signs or exponents.
    if (text.size() <= 18) {
        std::uint64_t mantissa = 0;
        std::size_t point = text.size();
        bool plain = true;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const unsigned digit = static_cast<unsigned char>(p[i]) - unsigned('0');
            if (digit < 10) {
                mantissa = mantissa * 10 + digit;
            } else if (p[i] == '.' && point == text.size()) {
                point = i;
            } else {
                plain = false;
                break;
            }
        }
        const bool anyDigit = text.size() > (point == text.size() ? 0u : 1u);
        if (plain && anyDigit) {
            const int fraction = point == text.size() ? 0 : static_cast<int>(text.size() - point - 1);
            return fromMantissa(static_cast<std::int64_t>(mantissa), fraction);
        }
    }
    bool negative = false;
    if (*p == '-' || *p == '+') {
        negative = *p == '-';
        ++p;
    }
    std::uint64_t mantissa = 0;
    int digits = 0;   // significant digits taken into the mantissa
    int fraction = 0; // digits after the point
    bool anyDigit = false;
    bool seenPoint = false;
    for (; p != end; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            anyDigit = true;
            if (mantissa == 0 && c == '0') {
                // Leading zeros carry no magnitude but still count as fractional digits.
            } else {
                if (++digits > 19)
                    return std::nullopt;
                mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
            }
            if (seenPoint)
                ++fraction;
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!anyDigit)
        return std::nullopt;
    int exponent = 0;
    if (p != end) {
        if (*p != 'e' && *p != 'E')
            return std::nullopt;
        ++p;
        bool expNegative = false;
        if (p != end && (*p == '-' || *p == '+')) {
            expNegative = *p == '-';
            ++p;
        }
        if (p == end)
            return std::nullopt;
        for (; p != end; ++p) {
            if (*p < '0' || *p > '9' || exponent > 1000)
                return std::nullopt;
            exponent = exponent * 10 + (*p - '0');
        }
        if (expNegative)
            exponent = -exponent;
    }
    // The most negative mantissa has no positive twin, but arithmetic can produce it and toString()
    // writes it: it must parse back.
    const std::uint64_t limit =
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
    if (mantissa > limit)
        return std::nullopt;
    Wide m = static_cast<Wide>(mantissa);
    if (negative)
        m = -m;
    const int scale = fraction - exponent;
    if (exponent == 0 && scale <= MaxScale)
        return fromMantissa(static_cast<std::int64_t>(m), scale);
    if (scale > MaxScale + 19 || scale < -19)
        return std::nullopt;
    return make(m, scale);
}

std::optional<Decimal> Decimal::parse(QStringView text)
{
    char buf[64];
    if (text.size() > qsizetype(sizeof buf))
        return std::nullopt;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c > 0x7f)
            return std::nullopt;
        buf[i] = static_cast<char>(c);
    }
    return parse(std::string_view(buf, static_cast<std::size_t>(text.size())));
}

std::optional<std::int64_t> Decimal::mantissaAtScale(int scale) const noexcept
{
    if (scale < 0 || scale > MaxScale)
        return std::nullopt;
    if (scale == m_scale)
        return m_mantissa;
    if (scale > m_scale) {
        const Wide v = Wide(m_mantissa) * kPow10[scale - m_scale];
        if (!fitsInt64(v))
            return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    const std::int64_t div = kPow10[m_scale - scale];
    if (m_mantissa % div != 0)
        return std::nullopt;
    return m_mantissa / div;
}

Decimal Decimal::normalized() const noexcept
{
    Wide m = m_mantissa;
    int s = m_scale;
    stripZeros(m, s);
    return fromMantissa(static_cast<std::int64_t>(m), s);
}

std::optional<Decimal> Decimal::withScale(int scale) const noexcept
{
    const auto m = mantissaAtScale(scale);
    if (!m)
        return std::nullopt;
    return fromMantissa(*m, scale);
}

std::optional<Decimal> Decimal::roundedDownTo(Decimal step) const noexcept
{
    if (step.m_mantissa <= 0)
        return std::nullopt;
    const int scale = std::max<int>(m_scale, step.m_scale);
    const Wide a = Wide(m_mantissa) * kPow10[scale - m_scale];
    const Wide s = Wide(step.m_mantissa) * kPow10[scale - step.m_scale];
    const Wide q = a / s; // truncates toward zero
    return atStepScale(q * s, scale, step);
}

std::optional<Decimal> Decimal::roundedTo(Decimal step) const noexcept
{
    if (step.m_mantissa <= 0)
        return std::nullopt;
    const int scale = std::max<int>(m_scale, step.m_scale);
    const Wide a = Wide(m_mantissa) * kPow10[scale - m_scale];
    const Wide s = Wide(step.m_mantissa) * kPow10[scale - step.m_scale];
    Wide q = a / s;
    const Wide r = a - q * s;
    if (2 * (r < 0 ? -r : r) >= s)
        q += a < 0 ? -1 : 1;
    return atStepScale(q * s, scale, step);
}

bool Decimal::isMultipleOf(Decimal step) const noexcept
{
    if (step.m_mantissa == 0)
        return false;
    const int scale = std::max<int>(m_scale, step.m_scale);
    const Wide a = Wide(m_mantissa) * kPow10[scale - m_scale];
    const Wide s = Wide(step.m_mantissa) * kPow10[scale - step.m_scale];
    return a % s == 0;
}

int Decimal::toChars(char* out) const noexcept
{
    char digits[24];
    int n = 0;
    std::uint64_t m = m_mantissa < 0 ? static_cast<std::uint64_t>(-(m_mantissa + 1)) + 1
                                     : static_cast<std::uint64_t>(m_mantissa);
    do {
        digits[n++] = static_cast<char>('0' + m % 10);
        m /= 10;
    } while (m != 0);
    while (n <= m_scale)
        digits[n++] = '0';
    int len = 0;
    if (m_mantissa < 0)
        out[len++] = '-';
    for (int i = n - 1; i >= 0; --i) {
        out[len++] = digits[i];
        if (i == m_scale && i != 0)
            out[len++] = '.';
    }
    return len;
}

std::string Decimal::toStdString() const
{
    char buf[MaxChars];
    return std::string(buf, static_cast<std::size_t>(toChars(buf)));
}

QString Decimal::toString() const
{
    char buf[MaxChars];
    return QString::fromLatin1(buf, toChars(buf));
}

double Decimal::toDouble() const noexcept
{
    return static_cast<double>(m_mantissa) / static_cast<double>(kPow10[m_scale]);
}

std::optional<Decimal> Decimal::add(Decimal a, Decimal b) noexcept
{
    const int scale = std::max<int>(a.m_scale, b.m_scale);
    const Wide v =
        Wide(a.m_mantissa) * kPow10[scale - a.m_scale] + Wide(b.m_mantissa) * kPow10[scale - b.m_scale];
    return make(v, scale);
}

std::optional<Decimal> Decimal::subtract(Decimal a, Decimal b) noexcept
{
    const int scale = std::max<int>(a.m_scale, b.m_scale);
    const Wide v =
        Wide(a.m_mantissa) * kPow10[scale - a.m_scale] - Wide(b.m_mantissa) * kPow10[scale - b.m_scale];
    return make(v, scale);
}

std::optional<Decimal> Decimal::multiply(Decimal a, Decimal b) noexcept
{
    Wide v = Wide(a.m_mantissa) * Wide(b.m_mantissa);
    int scale = a.m_scale + b.m_scale;
    if (scale > MaxScale)
        stripZeros(v, scale);
    return make(v, scale);
}

Decimal operator+(Decimal a, Decimal b)
{
    if (auto r = Decimal::add(a, b))
        return *r;
    throw std::overflow_error("Decimal addition overflow");
}

Decimal operator-(Decimal a, Decimal b)
{
    if (auto r = Decimal::subtract(a, b))
        return *r;
    throw std::overflow_error("Decimal subtraction overflow");
}

Decimal operator*(Decimal a, Decimal b)
{
    if (auto r = Decimal::multiply(a, b))
        return *r;
    throw std::overflow_error("Decimal multiplication overflow");
}

Decimal Decimal::operator-() const
{
    if (m_mantissa == std::numeric_limits<std::int64_t>::min())
        throw std::overflow_error("Decimal negation overflow");
    return fromMantissa(-m_mantissa, m_scale);
}

int Decimal::compare(Decimal a, Decimal b) noexcept
{
    if (a.m_scale == b.m_scale)
        return a.m_mantissa < b.m_mantissa ? -1 : (a.m_mantissa > b.m_mantissa ? 1 : 0);
    const int scale = std::max<int>(a.m_scale, b.m_scale);
    const Wide x = Wide(a.m_mantissa) * kPow10[scale - a.m_scale];
    const Wide y = Wide(b.m_mantissa) * kPow10[scale - b.m_scale];
    return x < y ? -1 : (x > y ? 1 : 0);
}

std::size_t qHash(Decimal value, std::size_t seed) noexcept
{
    const Decimal n = value.normalized();
    return qHashMulti(seed, n.mantissa(), n.scale());
}
