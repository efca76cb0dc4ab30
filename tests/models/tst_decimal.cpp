#include "models/decimal.h"

#include <QSet>
#include <QString>
#include <QTest>

#include <limits>
#include <stdexcept>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

} // namespace

class TestDecimal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsExchangeText_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* text :
             {"65000.10", "0.001", "0", "0.00", "-12.5", "0.00000001", "123456789012345678",
              "1234567890123456789", "9223372036854775807", "-9223372036854775807", "922337203685477580.7",
              "0.922337203685477580", "0.000000000000000001"})
            QTest::addRow("'%s'", text) << QString::fromLatin1(text);
    }
    void roundTripsExchangeText()
    {
        QFETCH(QString, text);
        const auto d = Decimal::parse(text.toStdString());
        QVERIFY(d.has_value());
        QCOMPARE(d->toString(), text);
        QCOMPARE(d->toStdString(), text.toStdString());
    }

    // The plain-digits fast path and the general parser must agree on every edge of the fast path.
    void plainTextTakesMantissaAndScaleAsWritten_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("mantissa");
        QTest::addColumn<int>("scale");
        QTest::addRow("leading zeros") << "0007.50" << qint64(750) << 2;
        QTest::addRow("zero with scale") << "0.000" << qint64(0) << 3;
        QTest::addRow("trailing point") << "12." << qint64(12) << 0;
        QTest::addRow("leading point") << ".5" << qint64(5) << 1;
        QTest::addRow("18 digits") << "123456789012345678" << qint64(123456789012345678) << 0;
        QTest::addRow("17 decimals") << "0.12345678901234567" << qint64(12345678901234567) << 17;
        QTest::addRow("19 characters") << "1234567890.12345678" << qint64(123456789012345678) << 8;
    }
    void plainTextTakesMantissaAndScaleAsWritten()
    {
        QFETCH(QString, text);
        QFETCH(qint64, mantissa);
        QFETCH(int, scale);
        const auto d = Decimal::parse(text.toStdString());
        QVERIFY(d.has_value());
        QCOMPARE(d->mantissa(), mantissa);
        QCOMPARE(d->scale(), scale);
    }

    void rejectsWhatIsNotADecimal_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* text : {".", "1.2.3", "12a", "1,5", "--1", " 1", "1 ", "0x10", "1e", ""})
            QTest::addRow("'%s'", text) << QString::fromLatin1(text);
    }
    void rejectsWhatIsNotADecimal()
    {
        QFETCH(QString, text);
        QVERIFY(!Decimal::parse(text.toStdString()).has_value());
    }

    void keepsWrittenScale()
    {
        const Decimal d = dec("65000.10");
        QCOMPARE(d.mantissa(), std::int64_t(6500010));
        QCOMPARE(d.scale(), 2);
    }

    void negativeZeroIsZero()
    {
        const Decimal d = dec("-0");
        QVERIFY(d.isZero());
        QVERIFY(!d.isNegative());
        QCOMPARE(d.toStdString(), std::string("0"));
        QCOMPARE(d, dec("0"));
        QCOMPARE(dec("-0.00").toStdString(), std::string("0.00"));
    }

    void acceptsExplicitPlusSign()
    {
        QCOMPARE(dec("+3").toStdString(), std::string("3"));
        QCOMPARE(dec("+0.5"), dec("0.5"));
    }

    void parsesExponentForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1e-8") << "1e-8"
                              << "0.00000001";
        QTest::newRow("1.5E3") << "1.5E3"
                               << "1500";
        QTest::newRow("2e+2") << "2e+2"
                              << "200";
        QTest::newRow("2e2") << "2e2"
                             << "200";
        QTest::newRow("1.25e-1") << "1.25e-1"
                                 << "0.125";
        QTest::newRow("-3.5e1") << "-3.5e1"
                                << "-35";
        QTest::newRow("1.50e1") << "1.50e1"
                                << "15.0";
        QTest::newRow("0e5") << "0e5"
                             << "0";
    }
    void parsesExponentForms()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto d = Decimal::parse(text.toStdString());
        QVERIFY(d.has_value());
        QCOMPARE(d->toString(), expected);
    }

    void rejectsMalformedText_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* text : {"",   "-",   "+",  ".",  "-.",  "1.2.3", "abc",    "1e",  "1e+", "1e-",
                                 "e5", "12a", "1 ", " 1", "1,5", "0x10",  "1e5000", "nan", "inf", "1..2"})
            QTest::addRow("'%s'", text) << QString::fromLatin1(text);
    }
    void rejectsMalformedText()
    {
        QFETCH(QString, text);
        QVERIFY(!Decimal::parse(text.toStdString()).has_value());
    }

    void rejectsMagnitudeBeyond64Bits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("20 digits") << "99999999999999999999";
        QTest::newRow("19 digits above int64") << "9999999999999999999";
        QTest::newRow("int64 max + 1") << "9223372036854775808";
        QTest::newRow("below int64 min") << "-9223372036854775809";
        QTest::newRow("exponent overflow") << "1e19";
        QTest::newRow("mantissa times exponent") << "9.3e18";
    }
    void rejectsMagnitudeBeyond64Bits()
    {
        QFETCH(QString, text);
        QVERIFY(!Decimal::parse(text.toStdString()).has_value());
    }

    void rejectsTooManyFractionalDigits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("19 fractional digits") << "0.0000000000000000001";
        QTest::newRow("19 significant fractional digits") << "0.9223372036854775807";
        QTest::newRow("exponent below 1e-18") << "1e-19";
        QTest::newRow("far below") << "1e-30";
    }
    void rejectsTooManyFractionalDigits()
    {
        QFETCH(QString, text);
        QVERIFY(!Decimal::parse(text.toStdString()).has_value());
    }

    void acceptsExcessFractionalZeros()
    {
        // Zeros beyond 18 fractional digits carry no precision: the value is kept exactly.
        const auto d = Decimal::parse("0.1000000000000000000");
        QVERIFY(d.has_value());
        QCOMPARE(d->scale(), Decimal::MaxScale);
        QCOMPARE(*d, dec("0.1"));
    }

    void parsesQStringView()
    {
        const auto d = Decimal::parse(QStringView(u"65000.10"));
        QVERIFY(d.has_value());
        QVERIFY(d->isIdenticalTo(dec("65000.10")));
        QVERIFY(!Decimal::parse(QStringView(u"\uff11")).has_value()); // fullwidth digit one
        QVERIFY(!Decimal::parse(QStringView(u"")).has_value());
    }

    void comparesByValueAcrossScales()
    {
        QCOMPARE(dec("1.0"), dec("1.00"));
        QCOMPARE(dec("1"), dec("1.000000000000000000"));
        QVERIFY(!(dec("1.0") != dec("1.00")));
        QVERIFY(!dec("1.0").isIdenticalTo(dec("1.00")));
        QVERIFY(dec("1.0").isIdenticalTo(dec("1.0")));
        QCOMPARE(Decimal::compare(dec("1.0"), dec("1.00")), 0);
    }

    void ordersByValue()
    {
        QVERIFY(dec("0.1") < dec("0.10000001"));
        QVERIFY(dec("0.10000001") > dec("0.1"));
        QVERIFY(dec("-1") < dec("0.5"));
        QVERIFY(dec("-1.5") < dec("-1.4"));
        QVERIFY(dec("65000.1") <= dec("65000.10"));
        QVERIFY(dec("65000.1") >= dec("65000.10"));
        QVERIFY(dec("100") > dec("99.9999999999999999"));
        QCOMPARE(Decimal::compare(dec("2"), dec("10")), -1);
        QCOMPARE(Decimal::compare(dec("10"), dec("2")), 1);
    }

    void addsExactly()
    {
        const Decimal sum = dec("0.1") + dec("0.2");
        QCOMPARE(sum, dec("0.3"));
        QCOMPARE(sum.toStdString(), std::string("0.3"));
        QCOMPARE((dec("65000.10") + dec("0.005")).toStdString(), std::string("65000.105"));
        Decimal total;
        for (int i = 0; i < 10; ++i)
            total += dec("0.1");
        QCOMPARE(total, dec("1"));
    }

    void subtractsExactly()
    {
        QCOMPARE((dec("65000.10") - dec("0.1")).toStdString(), std::string("65000.00"));
        QCOMPARE((dec("0.3") - dec("0.1")), dec("0.2"));
        QCOMPARE((dec("1") - dec("1.5")).toStdString(), std::string("-0.5"));
        const auto d = Decimal::subtract(dec("0.00000001"), dec("0.00000002"));
        QVERIFY(d.has_value());
        QCOMPARE(d->toStdString(), std::string("-0.00000001"));
    }

    void multipliesExactly()
    {
        QCOMPARE((dec("0.001") * dec("65000.10")).toStdString(), std::string("65.00010"));
        QCOMPARE((dec("-2.5") * dec("4")), dec("-10"));
        QCOMPARE((dec("1.1") * dec("1.1")).toStdString(), std::string("1.21"));
    }

    void multiplyDropsZerosBeyondMaxScale()
    {
        // 0.1000000000 × 0.1000000000 has 20 fractional digits, all but two of them zeros.
        const auto d = Decimal::multiply(dec("0.1000000000"), dec("0.1000000000"));
        QVERIFY(d.has_value());
        QCOMPARE(*d, dec("0.01"));
        QVERIFY(!Decimal::multiply(dec("0.0000000001"), dec("0.0000000001")).has_value());
    }

    void negatesValue()
    {
        QCOMPARE((-dec("1.50")).toStdString(), std::string("-1.50"));
        QCOMPARE((-dec("-3")), dec("3"));
    }

    void arithmeticOverflowReturnsNullopt()
    {
        const Decimal max = Decimal::fromMantissa(std::numeric_limits<std::int64_t>::max(), 0);
        QVERIFY(!Decimal::add(max, dec("1")).has_value());
        QVERIFY(!Decimal::add(max, dec("0.1")).has_value()); // rescaling the max overflows too
        QVERIFY(!Decimal::subtract(-max, dec("2")).has_value());
        QVERIFY(!Decimal::multiply(dec("10000000000"), dec("10000000000")).has_value());
        QVERIFY(Decimal::add(max, dec("0")).has_value());
    }

    void throwingOperatorsThrowOnOverflow()
    {
        const Decimal max = Decimal::fromMantissa(std::numeric_limits<std::int64_t>::max(), 0);
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, max + dec("1"));
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, (-max) - dec("2"));
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, dec("10000000000") * dec("10000000000"));
        QVERIFY_THROWS_EXCEPTION(std::overflow_error,
                                 -Decimal::fromMantissa(std::numeric_limits<std::int64_t>::min(), 0));
        Decimal d = max;
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, d += dec("1"));
        QCOMPARE(d, max); // unchanged after the failed +=
    }

    void roundsDownToTickSize_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("expected");
        QTest::newRow("0.10 tick") << "65000.17"
                                   << "0.10"
                                   << "65000.10";
        QTest::newRow("already on tick, written short") << "65000.1"
                                                        << "0.10"
                                                        << "65000.10";
        QTest::newRow("0.5 tick") << "65000.49"
                                  << "0.5"
                                  << "65000.0";
        QTest::newRow("0.5 tick exact") << "65000.5"
                                        << "0.5"
                                        << "65000.5";
        QTest::newRow("toward zero for negatives") << "-1.25"
                                                   << "0.5"
                                                   << "-1.0";
        QTest::newRow("integer step") << "65049"
                                      << "100"
                                      << "65000";
        QTest::newRow("lot 0.001") << "0.12345"
                                   << "0.001"
                                   << "0.123";
        QTest::newRow("below one step") << "0.04"
                                        << "0.10"
                                        << "0.00";
    }
    void roundsDownToTickSize()
    {
        QFETCH(QString, value);
        QFETCH(QString, step);
        QFETCH(QString, expected);
        const auto r = dec(qPrintable(value)).roundedDownTo(dec(qPrintable(step)));
        QVERIFY(r.has_value());
        QCOMPARE(r->toString(), expected);
    }

    void roundsToNearestTick_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("expected");
        QTest::newRow("down") << "65000.24"
                              << "0.5"
                              << "65000.0";
        QTest::newRow("tie away from zero") << "65000.25"
                                            << "0.5"
                                            << "65000.5";
        QTest::newRow("up") << "65000.26"
                            << "0.5"
                            << "65000.5";
        QTest::newRow("0.10 up") << "65000.15"
                                 << "0.10"
                                 << "65000.20";
        QTest::newRow("0.10 down") << "65000.149"
                                   << "0.10"
                                   << "65000.10";
        QTest::newRow("negative tie") << "-1.25"
                                      << "0.5"
                                      << "-1.5";
        QTest::newRow("negative down") << "-1.2"
                                       << "0.5"
                                       << "-1.0";
    }
    void roundsToNearestTick()
    {
        QFETCH(QString, value);
        QFETCH(QString, step);
        QFETCH(QString, expected);
        const auto r = dec(qPrintable(value)).roundedTo(dec(qPrintable(step)));
        QVERIFY(r.has_value());
        QCOMPARE(r->toString(), expected);
    }

    void roundingRejectsNonPositiveStep()
    {
        QVERIFY(!dec("1.5").roundedDownTo(dec("0")).has_value());
        QVERIFY(!dec("1.5").roundedTo(dec("-0.5")).has_value());
    }

    void checksMultipleOfTickSize()
    {
        QVERIFY(dec("65000.10").isMultipleOf(dec("0.10")));
        QVERIFY(dec("65000.1").isMultipleOf(dec("0.10")));
        QVERIFY(!dec("65000.15").isMultipleOf(dec("0.10")));
        QVERIFY(dec("1.5").isMultipleOf(dec("0.5")));
        QVERIFY(!dec("1.25").isMultipleOf(dec("0.5")));
        QVERIFY(dec("-2").isMultipleOf(dec("0.5")));
        QVERIFY(dec("0").isMultipleOf(dec("0.5")));
        QVERIFY(!dec("1").isMultipleOf(dec("0")));
    }

    void normalizedRemovesTrailingZeros()
    {
        const Decimal n = dec("1.500").normalized();
        QCOMPARE(n.toStdString(), std::string("1.5"));
        QCOMPARE(n.scale(), 1);
        QCOMPARE(dec("100").normalized().toStdString(), std::string("100"));
        QCOMPARE(dec("0.000").normalized().toStdString(), std::string("0"));
        QCOMPARE(dec("-2.0100").normalized().toStdString(), std::string("-2.01"));
        QCOMPARE(dec("1e-8").normalized().scale(), 8);
    }

    void convertsMantissaToOtherScales()
    {
        const Decimal d = dec("65000.10");
        QCOMPARE(d.mantissaAtScale(1), std::optional<std::int64_t>(650001));
        QCOMPARE(d.mantissaAtScale(2), std::optional<std::int64_t>(6500010));
        QCOMPARE(d.mantissaAtScale(4), std::optional<std::int64_t>(650001000));
        QCOMPARE(d.mantissaAtScale(0), std::optional<std::int64_t>());               // 65000.1 is not whole
        QCOMPARE(dec("65000.15").mantissaAtScale(1), std::optional<std::int64_t>()); // inexact
        QCOMPARE(d.mantissaAtScale(-1), std::optional<std::int64_t>());
        QCOMPARE(d.mantissaAtScale(Decimal::MaxScale + 1), std::optional<std::int64_t>());
        QCOMPARE(dec("9223372036854775807").mantissaAtScale(1), std::optional<std::int64_t>()); // overflow
    }

    void withScaleRewritesExactly()
    {
        const auto d = dec("65000.1").withScale(3);
        QVERIFY(d.has_value());
        QCOMPARE(d->toStdString(), std::string("65000.100"));
        QVERIFY(!dec("65000.15").withScale(1).has_value());
    }

    void equalValuesHashEqually()
    {
        QCOMPARE(qHash(dec("1.0")), qHash(dec("1.00")));
        QCOMPARE(qHash(dec("1.0"), 42), qHash(dec("1"), 42));
        QCOMPARE(qHash(dec("-0")), qHash(dec("0.000")));
        QSet<Decimal> set;
        set.insert(dec("65000.10"));
        QVERIFY(set.contains(dec("65000.1")));
        QVERIFY(!set.contains(dec("65000.11")));
    }

    void writesLongestTextWithinMaxChars()
    {
        char buffer[Decimal::MaxChars];
        const Decimal tiny =
            Decimal::fromMantissa(std::numeric_limits<std::int64_t>::min(), Decimal::MaxScale);
        const int length = tiny.toChars(buffer);
        QVERIFY(length <= Decimal::MaxChars);
        QCOMPARE(std::string(buffer, std::size_t(length)), std::string("-9.223372036854775808"));
        const Decimal small = Decimal::fromMantissa(-1, Decimal::MaxScale);
        QCOMPARE(small.toStdString(), std::string("-0.000000000000000001"));
    }

    // Found by fuzz/fuzz_decimal: -9223372036854775807 − 1 formatted as text that did not parse back.
    void smallestMantissaParsesBack()
    {
        const auto smallest = Decimal::subtract(dec("-9223372036854775807"), dec("1"));
        QVERIFY(smallest.has_value());
        QCOMPARE(smallest->toStdString(), std::string("-9223372036854775808"));
        const auto back = Decimal::parse(smallest->toStdString());
        QVERIFY(back.has_value());
        QVERIFY(back->isIdenticalTo(*smallest));
        const auto tiny = Decimal::parse(std::string_view("-9.223372036854775808"));
        QVERIFY(tiny.has_value());
        QCOMPARE(tiny->mantissa(), std::numeric_limits<std::int64_t>::min());
        QCOMPARE(tiny->scale(), 18);
    }

    void convertsToDoubleForCharts()
    {
        QCOMPARE(dec("65000.10").toDouble(), 65000.1);
        QCOMPARE(dec("-0.5").toDouble(), -0.5);
        QCOMPARE(dec("1e-8").toDouble(), 1e-8);
    }
};

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
