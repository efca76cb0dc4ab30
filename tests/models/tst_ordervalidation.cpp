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

// Coincheck's btc_jpy: whole-yen rates, 0.005 BTC minimum, 500 JPY minimum order value.
Instrument spotBtcJpy()
{
    Instrument i;
    i.venue = QStringLiteral("coincheck");
    i.symbol = QStringLiteral("btc_jpy");
    i.category = Category::Spot;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("JPY");
    i.tickSize = dec("1");
    i.lotSize = dec("0.00000001");
    i.minQuantity = dec("0.005");
    i.maxQuantity = dec("100");
    i.minNotional = dec("500");
    return i;
}

OrderRequest marketBuyInQuote(const char* amount)
{
    OrderRequest r;
    r.symbol = QStringLiteral("btc_jpy");
    r.category = Category::Spot;
    r.side = Side::Buy;
    r.type = OrderType::Market;
    r.timeInForce = TimeInForce::ImmediateOrCancel;
    r.quantity = dec(amount);
    r.quantityInQuote = true;
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

    void inverseNotionalIsContractsTimesContractValue()
    {
        // A coin-margined contract worth 1 USD: 4 contracts are 4 USD whatever the price.
        Instrument i = linearBtc();
        i.symbol = QStringLiteral("BTCUSD");
        i.category = Category::Inverse;
        i.baseAsset = QStringLiteral("BTC");
        i.quoteAsset = QStringLiteral("USD");
        i.lotSize = dec("1");
        i.minQuantity = dec("1");
        i.maxQuantity.reset();
        i.contractValue = dec("1");
        OrderRequest r = limitBuy("100000.0", "4");
        r.symbol = i.symbol;
        r.category = Category::Inverse;
        const auto below = validateOrder(r, i);
        QCOMPARE(rules(below), QList{OrderRuleViolation::Rule::BelowMinNotional});
        QCOMPARE(below[0].message,
                 QStringLiteral("notional 4 (4 contracts × 1 USD) is below the minimum notional 5"));
        r.quantity = dec("5");
        QVERIFY(validateOrder(r, i).empty());
        // A market order is judged without a reference price.
        r.type = OrderType::Market;
        r.price.reset();
        r.quantity = dec("4");
        QCOMPARE(rules(validateOrder(r, i)), QList{OrderRuleViolation::Rule::BelowMinNotional});
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

    // A market buy sized in quote currency: the quantity is the amount to spend.
    void quoteSizedMarketBuyIsJudgedAsAnAmount()
    {
        Instrument i = spotBtcJpy();
        OrderRequest r = marketBuyInQuote("10000");
        QVERIFY(validateOrder(r, i).empty()); // no reference price needed: the amount is the notional
        // Off the base lot and above the base maximum: neither rule applies to an amount of yen.
        r.quantity = dec("12345.5");
        QVERIFY(validateOrder(r, i, dec("15000000")).empty());
        r.quantity = dec("500");
        QVERIFY(validateOrder(r, i).empty()); // exactly the minimum notional
    }

    void quoteSizedAmountMustReachMinNotional()
    {
        const auto v = validateOrder(marketBuyInQuote("499"), spotBtcJpy(), dec("15000000"));
        QCOMPARE(rules(v), QList{OrderRuleViolation::Rule::BelowMinNotional});
        QCOMPARE(v.front().field, QStringLiteral("qty"));
        QVERIFY2(v.front().message.contains(QStringLiteral("499 JPY")), qPrintable(v.front().message));
        // Without a known minimum any positive amount passes.
        Instrument i = spotBtcJpy();
        i.minNotional.reset();
        QVERIFY(validateOrder(marketBuyInQuote("1"), i).empty());
    }

    void quoteSizedAmountMustBePositive()
    {
        QCOMPARE(rules(validateOrder(marketBuyInQuote("0"), spotBtcJpy())),
                 QList{OrderRuleViolation::Rule::QuantityNotPositive});
        QCOMPARE(rules(validateOrder(marketBuyInQuote("-100"), spotBtcJpy())),
                 QList{OrderRuleViolation::Rule::QuantityNotPositive});
    }

    void quoteSizingIsForMarketBuysOnly()
    {
        using Rule = OrderRuleViolation::Rule;
        OrderRequest sell = marketBuyInQuote("10000");
        sell.side = Side::Sell;
        QCOMPARE(rules(validateOrder(sell, spotBtcJpy())), QList{Rule::QuoteQuantityNeedsMarketBuy});
        OrderRequest limit = marketBuyInQuote("10000");
        limit.type = OrderType::Limit;
        limit.price = dec("15000000");
        const auto v = validateOrder(limit, spotBtcJpy());
        QCOMPARE(rules(v), QList{Rule::QuoteQuantityNeedsMarketBuy});
        QVERIFY2(v.front().message.contains(QStringLiteral("JPY")), qPrintable(v.front().message));
    }

    void baseSizedMarketBuyKeepsTheLotRules()
    {
        // The same order in base units is still judged on the lot and the minimum quantity.
        OrderRequest r = marketBuyInQuote("0.001");
        r.quantityInQuote = false;
        QCOMPARE(rules(validateOrder(r, spotBtcJpy(), dec("15000000"))),
                 QList{OrderRuleViolation::Rule::BelowMinQuantity});
    }
};

QTEST_GUILESS_MAIN(TestOrderValidation)
#include "tst_ordervalidation.moc"
