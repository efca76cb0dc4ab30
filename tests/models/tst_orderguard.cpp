// The fat-finger guard in exact decimals: price distance from the mid and notional against the limits.
#include "models/orderguard.h"

#include <QTest>

namespace {
Decimal dec(const char* text)
{
    return *Decimal::parse(text);
}

OrderRequest limit(const char* qty, const char* price)
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.quantity = dec(qty);
    r.price = dec(price);
    return r;
}
} // namespace

class TestOrderGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priceDistance_data()
    {
        QTest::addColumn<QString>("price");
        QTest::addColumn<bool>("far");
        // mid 100000, 5 %: the band is [95000, 105000], inclusive.
        QTest::newRow("at mid") << "100000" << false;
        QTest::newRow("exactly 5 % above") << "105000" << false;
        QTest::newRow("just above the band") << "105000.1" << true;
        QTest::newRow("exactly 5 % below") << "95000" << false;
        QTest::newRow("just below the band") << "94999.9" << true;
        QTest::newRow("a zero too many") << "1000000" << true;
    }
    void priceDistance()
    {
        QFETCH(QString, price);
        QFETCH(bool, far);
        const auto check = checkFatFinger(limit("0.001", price.toLatin1().constData()), dec("100000"),
                                          dec("5"), dec("1000000"));
        QCOMPARE(check.priceFarFromMid, far);
        QCOMPARE(check.needsConfirmation(), far);
        QCOMPARE(check.reason.isEmpty(), !far);
    }

    void notionalAgainstTheMaximum()
    {
        auto check = checkFatFinger(limit("1.000", "100000"), dec("100000"), dec("5"), dec("100000"));
        QVERIFY(!check.notionalTooLarge); // equal is allowed
        QCOMPARE(*check.notional, dec("100000"));
        check = checkFatFinger(limit("1.001", "100000"), dec("100000"), dec("5"), dec("100000"));
        QVERIFY(check.notionalTooLarge);
        QVERIFY(check.reason.contains(QLatin1String("100100")));
    }

    void marketOrderUsesTheReferencePrice()
    {
        OrderRequest r;
        r.type = OrderType::Market;
        r.quantity = dec("2");
        auto check = checkFatFinger(r, dec("60000"), dec("5"), dec("100000"));
        QVERIFY(!check.priceFarFromMid);
        QVERIFY(check.notionalTooLarge);
        QCOMPARE(*check.notional, dec("120000"));
        check = checkFatFinger(r, std::nullopt, dec("5"), dec("100000"));
        QVERIFY(!check.notional);
        QVERIFY(!check.needsConfirmation());
    }

    // A market buy sized in quote currency spends its quantity: that is its notional, with or without a
    // reference price (never quantity × price).
    void quoteSizedOrderIsItsOwnNotional()
    {
        OrderRequest r;
        r.type = OrderType::Market;
        r.quantityInQuote = true;
        r.quantity = dec("150000");
        auto check = checkFatFinger(r, dec("60000"), dec("5"), dec("100000"));
        QCOMPARE(*check.notional, dec("150000"));
        QVERIFY(check.notionalTooLarge);
        r.quantity = dec("90000");
        check = checkFatFinger(r, std::nullopt, dec("5"), dec("100000"));
        QCOMPARE(*check.notional, dec("90000"));
        QVERIFY(!check.needsConfirmation());
    }

    void stopOrderIsJudgedByItsTrigger()
    {
        OrderRequest r;
        r.type = OrderType::Market;
        r.quantity = dec("0.01");
        r.triggerPrice = dec("80000");
        const auto check = checkFatFinger(r, dec("100000"), dec("5"), dec("100000"));
        QVERIFY(check.priceFarFromMid);
    }

    void inverseNotionalIsContractsTimesContractValue()
    {
        // 100 contracts of BTCUSD (1 USD each) are 100 USD at any price, not 100 × 100000.
        OrderRequest r = limit("100", "100000");
        r.symbol = QStringLiteral("BTCUSD");
        r.category = Category::Inverse;
        auto check = checkFatFinger(r, dec("100000"), dec("5"), dec("1000"), dec("1"));
        QCOMPARE(check.notional, std::optional(dec("100")));
        QVERIFY(!check.needsConfirmation());

        r.quantity = dec("1001");
        check = checkFatFinger(r, dec("100000"), dec("5"), dec("1000"), dec("1"));
        QCOMPARE(check.notional, std::optional(dec("1001")));
        QVERIFY(check.notionalTooLarge);

        // A market order needs no price to know an inverse notional.
        r.type = OrderType::Market;
        r.price.reset();
        r.quantity = dec("50");
        check = checkFatFinger(r, std::nullopt, dec("5"), dec("1000"), dec("10"));
        QCOMPARE(check.notional, std::optional(dec("500")));
        QVERIFY(!check.needsConfirmation());
    }
};

QTEST_GUILESS_MAIN(TestOrderGuard)
#include "tst_orderguard.moc"
