// Decimal::parse (both overloads) on arbitrary text; every parsed value must format back to itself,
// and the exact arithmetic must either be exact or say it overflowed.
#include "fuzzsupport.h"
#include "models/decimal.h"

#include <QString>

#include <fuzzer/FuzzedDataProvider.h>

namespace {

std::string text(Decimal d)
{
    return d.toStdString();
}

// toString → parse gives back the same value at the same written scale, through both overloads.
void checkRoundTrip(Decimal d)
{
    const std::string s = d.toStdString();
    FUZZ_CHECK(static_cast<int>(s.size()) <= Decimal::MaxChars, "%s is longer than MaxChars", s.c_str());
    const auto back = Decimal::parse(s);
    FUZZ_CHECK(back && back->isIdenticalTo(d), "%s (mantissa %lld, scale %d) does not parse back", s.c_str(),
               static_cast<long long>(d.mantissa()), d.scale());
    const auto fromQString = Decimal::parse(QStringView(d.toString()));
    FUZZ_CHECK(fromQString && fromQString->isIdenticalTo(d), "%s does not parse back from a QString",
               s.c_str());
    FUZZ_CHECK(d.normalized() == d, "%s normalized changes the value", s.c_str());
    FUZZ_CHECK(qHash(d.normalized()) == qHash(d), "%s hashes differently when normalized", s.c_str());
}

void checkArithmetic(Decimal a, Decimal b)
{
    const int cmp = Decimal::compare(a, b);
    FUZZ_CHECK(cmp == -Decimal::compare(b, a), "compare(%s, %s) is not antisymmetric", text(a).c_str(),
               text(b).c_str());
    if (cmp == 0)
        FUZZ_CHECK(qHash(a) == qHash(b), "%s == %s but hashes differ", text(a).c_str(), text(b).c_str());

    if (const auto sum = Decimal::add(a, b)) {
        checkRoundTrip(*sum);
        if (const auto back = Decimal::subtract(*sum, b))
            FUZZ_CHECK(*back == a, "(%s + %s) - %s != %s", text(a).c_str(), text(b).c_str(), text(b).c_str(),
                       text(a).c_str());
        const auto swapped = Decimal::add(b, a);
        FUZZ_CHECK(swapped && *swapped == *sum, "%s + %s is not commutative", text(a).c_str(),
                   text(b).c_str());
    }
    if (const auto difference = Decimal::subtract(a, b))
        checkRoundTrip(*difference);
    if (const auto product = Decimal::multiply(a, b)) {
        checkRoundTrip(*product);
        const auto swapped = Decimal::multiply(b, a);
        FUZZ_CHECK(swapped && *swapped == *product, "%s * %s is not commutative", text(a).c_str(),
                   text(b).c_str());
    }
    if (!b.isNegative() && !b.isZero()) {
        if (const auto down = a.roundedDownTo(b)) {
            checkRoundTrip(*down);
            FUZZ_CHECK(down->isMultipleOf(b), "%s rounded down to %s is %s, not a multiple", text(a).c_str(),
                       text(b).c_str(), text(*down).c_str());
        }
        if (const auto nearest = a.roundedTo(b)) {
            checkRoundTrip(*nearest);
            FUZZ_CHECK(nearest->isMultipleOf(b), "%s rounded to %s is %s, not a multiple", text(a).c_str(),
                       text(b).c_str(), text(*nearest).c_str());
        }
        if (a.isMultipleOf(b)) {
            const auto same = a.roundedTo(b);
            FUZZ_CHECK(!same || *same == a, "%s is a multiple of %s but rounds to %s", text(a).c_str(),
                       text(b).c_str(), text(*same).c_str());
        }
    }
    (void)a.toDouble();
}

void checkScales(Decimal d, int scale)
{
    if (const auto m = d.mantissaAtScale(scale)) {
        const Decimal rescaled = Decimal::fromMantissa(*m, scale);
        FUZZ_CHECK(rescaled == d, "%s at scale %d changed value", text(d).c_str(), scale);
        checkRoundTrip(rescaled);
    }
    if (const auto w = d.withScale(scale))
        FUZZ_CHECK(*w == d && w->scale() == scale, "%s withScale(%d) is wrong", text(d).c_str(), scale);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider input(data, size);
    const int scale = input.ConsumeIntegralInRange<int>(-2, Decimal::MaxScale + 2);
    const std::string first = input.ConsumeRandomLengthString(64);
    const std::string second = input.ConsumeRemainingBytesAsString();

    std::optional<Decimal> parsed[2];
    const std::string* texts[2] = {&first, &second};
    for (int i = 0; i < 2; ++i) {
        const std::string& s = *texts[i];
        parsed[i] = Decimal::parse(std::string_view(s));
        // The QString overload agrees with the byte overload on ASCII text.
        const QString q = QString::fromLatin1(s.data(), static_cast<qsizetype>(s.size()));
        const auto viaQString = Decimal::parse(QStringView(q));
        bool ascii = s.size() <= 64;
        for (char c : s)
            ascii = ascii && static_cast<unsigned char>(c) < 0x80;
        if (ascii) {
            FUZZ_CHECK(viaQString.has_value() == parsed[i].has_value() &&
                           (!viaQString || viaQString->isIdenticalTo(*parsed[i])),
                       "the two parse overloads disagree on \"%s\"", s.c_str());
        }
        if (parsed[i]) {
            checkRoundTrip(*parsed[i]);
            checkScales(*parsed[i], scale);
        }
    }
    if (parsed[0] && parsed[1]) {
        checkArithmetic(*parsed[0], *parsed[1]);
        checkArithmetic(*parsed[1], *parsed[0]);
    }
    return 0;
}
