#include "models/ordervalidation.h"

#include <QTest>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

Instrument linearBtc()
{
    Instrument i;
    i.venue = QStringLiteral("bybit");
    i.symbol = QStringLiteral("BTCUSDT");
    i.category = Category::Linear;
    i.tickSize = dec("0.10");
    i.lotSize = dec("0.001");
    i.minQuantity = dec("0.001");
    i.maxQuantity = dec("100.000");
    i.minNotional = dec("5");
    return i;
}

OrderRequest limitBuy(const char* price, const char* qty)
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Linear;
    r.side = Side::Buy;
    r.type = OrderType::Limit;
    r.price = dec(price);
    r.quantity = dec(qty);
    return r;
}

QList<OrderRuleViolation::Rule> rules(const std::vector<OrderRuleViolation>& violations)
{
    QList<OrderRuleViolation::Rule> out;
    for (const auto& v : violations)
        out.append(v.rule);
    return out;
}

} // namespace

class TestOrderValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsOrderOnEveryRule()
    {
        QVERIFY(validateOrder(limitBuy("65000.10", "0.010"), linearBtc()).empty());
        // Trailing zeros and fewer digits are the same value on the same grid.
        QVERIFY(validateOrder(limitBuy("65000.1000", "0.01"), linearBtc()).empty());
    }

    void refusesPriceOffTickNamingTheNumbers()
    {
        const auto v = validateOrder(limitBuy("65000.15", "0.010"), linearBtc());
        QCOMPARE(v.size(), size_t(1));
        QCOMPARE(v[0].rule, OrderRuleViolation::Rule::PriceNotOnTick);
        QCOMPARE(v[0].field, QStringLiteral("price"));
        QCOMPARE(v[0].message, QStringLiteral("price 65000.15 is not a multiple of the tick 0.10"));
    }

    void refusesQuantityOffLot()
    {
        const auto v = validateOrder(limitBuy("65000.10", "0.0105"), linearBtc());
        QCOMPARE(rules(v), QList{OrderRuleViolation::Rule::QuantityNotOnLot});
        QCOMPARE(v[0].field, QStringLiteral("qty"));
        QCOMPARE(v[0].message, QStringLiteral("qty 0.0105 is not a multiple of the lot step 0.001"));
    }

    void refusesBelowMinimumQuantity()
    {
        Instrument i = linearBtc();
        i.minQuantity = dec("0.005");
        const auto v = validateOrder(limitBuy("65000.10", "0.004"), i);
        QCOMPARE(rules(v), QList{OrderRuleViolation::Rule::BelowMinQuantity});
        QCOMPARE(v[0].message, QStringLiteral("qty 0.004 is below the minimum quantity 0.005"));
    }

    void refusesAboveMaximumQuantity()
    {
        const auto v = validateOrder(limitBuy("65000.10", "100.001"), linearBtc());
        QCOMPARE(rules(v), QList{OrderRuleViolation::Rule::AboveMaxQuantity});
        QCOMPARE(v[0].message, QStringLiteral("qty 100.001 is above the maximum quantity 100.000"));
    }

    void minimumNotionalIsExact()
    {
        // 4999.9 × 0.001 = 4.9999 < 5; 5000.0 × 0.001 = 5.0000 is exactly the minimum.
        const auto below = validateOrder(limitBuy("4999.90", "0.001"), linearBtc());
        QCOMPARE(rules(below), QList{OrderRuleViolation::Rule::BelowMinNotional});
        QCOMPARE(
            below[0].message,
            QStringLiteral("notional 4.99990 (price 4999.90 × qty 0.001) is below the minimum notional 5"));
        QVERIFY(validateOrder(limitBuy("5000.0", "0.001"), linearBtc()).empty());
    }

    void marketOrderNotionalUsesReferencePrice()
    {
        OrderRequest r = limitBuy("1", "0.001");
        r.type = OrderType::Market;
        r.price.reset();
        QVERIFY(validateOrder(r, linearBtc()).empty()); // no reference: not judged here
        QCOMPARE(rules(validateOrder(r, linearBtc(), dec("4000"))),
                 QList{OrderRuleViolation::Rule::BelowMinNotional});
        QVERIFY(validateOrder(r, linearBtc(), dec("65000")).empty());
    }

    void limitOrderNeedsPositivePrice()
    {
        OrderRequest r = limitBuy("1", "0.010");
        r.price.reset();
        QCOMPARE(rules(validateOrder(r, linearBtc())), QList{OrderRuleViolation::Rule::PriceMissing});
        r.price = dec("0");
        QCOMPARE(rules(validateOrder(r, linearBtc())), QList{OrderRuleViolation::Rule::PriceNotPositive});
    }

    void quantityMustBePositive()
    {
        QCOMPARE(rules(validateOrder(limitBuy("65000.10", "0"), linearBtc())),
                 QList{OrderRuleViolation::Rule::QuantityNotPositive});
    }

    void postOnlyOnlyForLimit()
    {
        OrderRequest r = limitBuy("1", "0.010");
        r.type = OrderType::Market;
        r.price.reset();
        r.timeInForce = TimeInForce::PostOnly;
        const auto v = validateOrder(r, linearBtc());
        QCOMPARE(rules(v), QList{OrderRuleViolation::Rule::PostOnlyNeedsLimit});
        QCOMPARE(v[0].field, QStringLiteral("timeInForce"));
    }

    void reduceOnlyOnlyForDerivatives()
    {
        Instrument spot = linearBtc();
        spot.category = Category::Spot;
        OrderRequest r = limitBuy("65000.10", "0.010");
        r.category = Category::Spot;
        r.reduceOnly = true;
        QCOMPARE(rules(validateOrder(r, spot)), QList{OrderRuleViolation::Rule::ReduceOnlyNeedsDerivative});
        r.category = Category::Linear;
        QVERIFY(validateOrder(r, linearBtc()).empty());
    }

    void triggerPriceMustBeOnTick()
    {
        OrderRequest r = limitBuy("65000.10", "0.010");
        r.triggerPrice = dec("64000.05");
        QCOMPARE(rules(validateOrder(r, linearBtc())),
                 QList{OrderRuleViolation::Rule::TriggerPriceNotOnTick});
    }

    void refusesHaltedOrOtherInstrument()
    {
        Instrument i = linearBtc();
        i.trading = false;
        QCOMPARE(rules(validateOrder(limitBuy("65000.10", "0.010"), i)),
                 QList{OrderRuleViolation::Rule::NotTrading});
        OrderRequest r = limitBuy("65000.10", "0.010");
        r.symbol = QStringLiteral("ETHUSDT");
        QCOMPARE(rules(validateOrder(r, linearBtc())), QList{OrderRuleViolation::Rule::WrongSymbol});
    }

    void reportsEveryBrokenRule()
    {
        const auto v = validateOrder(limitBuy("65000.15", "0.0005"), linearBtc());
        QCOMPARE(rules(v),
                 (QList{OrderRuleViolation::Rule::PriceNotOnTick, OrderRuleViolation::Rule::QuantityNotOnLot,
                        OrderRuleViolation::Rule::BelowMinQuantity}));
    }

    void roundsPriceToNearestTick()
    {
        QVERIFY(roundPriceToTick(dec("65000.15"), linearBtc())->isIdenticalTo(dec("65000.20")));
        QVERIFY(roundPriceToTick(dec("65000.14"), linearBtc())->isIdenticalTo(dec("65000.10")));
        Instrument zero = linearBtc();
        zero.tickSize = Decimal();
        QVERIFY(!roundPriceToTick(dec("1"), zero));
    }

    void roundsQuantityDownToLot()
    {
        QVERIFY(roundQuantityToLot(dec("0.0109"), linearBtc())->isIdenticalTo(dec("0.010")));
        QCOMPARE(roundQuantityToLot(dec("0.0109"), linearBtc())->toString(), QStringLiteral("0.010"));
    }
};

QTEST_GUILESS_MAIN(TestOrderValidation)
#include "tst_ordervalidation.moc"
