#include "ordervalidation.h"

namespace {

using Rule = OrderRuleViolation::Rule;

bool onGrid(Decimal value, Decimal step)
{
    return step.isZero() || (!step.isNegative() && value.isMultipleOf(step));
}

} // namespace

std::vector<OrderRuleViolation> validateOrder(const OrderRequest& request, const Instrument& instrument,
                                              std::optional<Decimal> referencePrice)
{
    std::vector<OrderRuleViolation> out;
    const auto add = [&out](Rule rule, const char* field, const QString& message) {
        out.push_back({rule, QString::fromLatin1(field), message});
    };

    if (request.symbol != instrument.symbol || request.category != instrument.category)
        add(Rule::WrongSymbol, "symbol",
            QStringLiteral("order is for %1 %2 but the instrument is %3 %4")
                .arg(categoryName(request.category), request.symbol, categoryName(instrument.category),
                     instrument.symbol));
    if (!instrument.trading)
        add(Rule::NotTrading, "symbol", QStringLiteral("%1 is not trading").arg(instrument.symbol));

    const Decimal qty = request.quantity;
    if (qty.isZero() || qty.isNegative())
        add(Rule::QuantityNotPositive, "qty",
            QStringLiteral("qty %1 must be greater than 0").arg(qty.toString()));

    std::optional<Decimal> price;
    if (request.type == OrderType::Limit) {
        if (!request.price) {
            add(Rule::PriceMissing, "price", QStringLiteral("a limit order needs a price"));
        } else if (request.price->isZero() || request.price->isNegative()) {
            add(Rule::PriceNotPositive, "price",
                QStringLiteral("price %1 must be greater than 0").arg(request.price->toString()));
        } else {
            price = request.price;
            if (!onGrid(*price, instrument.tickSize))
                add(Rule::PriceNotOnTick, "price",
                    QStringLiteral("price %1 is not a multiple of the tick %2")
                        .arg(price->toString(), instrument.tickSize.toString()));
        }
    } else {
        price = referencePrice;
    }
    if (request.triggerPrice && !onGrid(*request.triggerPrice, instrument.tickSize))
        add(Rule::TriggerPriceNotOnTick, "triggerPrice",
            QStringLiteral("trigger price %1 is not a multiple of the tick %2")
                .arg(request.triggerPrice->toString(), instrument.tickSize.toString()));

    if (request.quantityInQuote) {
        if (request.type != OrderType::Market || request.side != Side::Buy || request.triggerPrice)
            add(Rule::QuoteQuantityNeedsMarketBuy, "qty",
                QStringLiteral("an amount in %1 can only size a market buy")
                    .arg(instrument.quoteAsset.isEmpty() ? QStringLiteral("quote currency")
                                                         : instrument.quoteAsset));
        // The amount to spend is the notional itself: no price is needed to judge it.
        if (!qty.isZero() && !qty.isNegative() && instrument.minNotional && qty < *instrument.minNotional)
            add(Rule::BelowMinNotional, "qty",
                QStringLiteral("amount %1 %2 is below the minimum notional %3")
                    .arg(qty.toString(), instrument.quoteAsset, instrument.minNotional->toString()));
    } else if (!qty.isZero() && !qty.isNegative()) {
        if (!onGrid(qty, instrument.lotSize))
            add(Rule::QuantityNotOnLot, "qty",
                QStringLiteral("qty %1 is not a multiple of the lot step %2")
                    .arg(qty.toString(), instrument.lotSize.toString()));
        if (qty < instrument.minQuantity)
            add(Rule::BelowMinQuantity, "qty",
                QStringLiteral("qty %1 is below the minimum quantity %2")
                    .arg(qty.toString(), instrument.minQuantity.toString()));
        if (instrument.maxQuantity && qty > *instrument.maxQuantity)
            add(Rule::AboveMaxQuantity, "qty",
                QStringLiteral("qty %1 is above the maximum quantity %2")
                    .arg(qty.toString(), instrument.maxQuantity->toString()));
        if (instrument.minNotional && instrument.contractValue) {
            // Inverse: a contract is worth a fixed amount of quote, whatever the price.
            const std::optional<Decimal> notional = Decimal::multiply(*instrument.contractValue, qty);
            if (notional && *notional < *instrument.minNotional)
                add(Rule::BelowMinNotional, "qty",
                    QStringLiteral("notional %1 (%2 contracts × %3 %4) is below the minimum notional %5")
                        .arg(notional->toString(), qty.toString(), instrument.contractValue->toString(),
                             instrument.quoteAsset, instrument.minNotional->toString()));
        } else if (instrument.minNotional && price) {
            // Beyond 64 bits the notional is certainly above any minimum a venue sets.
            const std::optional<Decimal> notional = Decimal::multiply(*price, qty);
            if (notional && *notional < *instrument.minNotional)
                add(Rule::BelowMinNotional, "qty",
                    QStringLiteral("notional %1 (price %2 × qty %3) is below the minimum notional %4")
                        .arg(notional->toString(), price->toString(), qty.toString(),
                             instrument.minNotional->toString()));
        }
    }

    if (request.timeInForce == TimeInForce::PostOnly && request.type != OrderType::Limit)
        add(Rule::PostOnlyNeedsLimit, "timeInForce", QStringLiteral("post-only is only for limit orders"));
    if (request.reduceOnly && instrument.category == Category::Spot)
        add(Rule::ReduceOnlyNeedsDerivative, "reduceOnly",
            QStringLiteral("reduce-only is only for derivatives, not spot"));
    return out;
}

std::optional<Decimal> roundPriceToTick(Decimal price, const Instrument& instrument)
{
    if (instrument.tickSize.isZero())
        return std::nullopt;
    return price.roundedTo(instrument.tickSize);
}

std::optional<Decimal> roundQuantityToLot(Decimal quantity, const Instrument& instrument)
{
    if (instrument.lotSize.isZero())
        return std::nullopt;
    return quantity.roundedDownTo(instrument.lotSize);
}
