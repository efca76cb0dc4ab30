#include "orderguard.h"

#include <QCoreApplication>

namespace {

Decimal abs(Decimal d)
{
    return d.isNegative() ? -d : d;
}

} // namespace

FatFingerCheck checkFatFinger(const OrderRequest& request, std::optional<Decimal> referencePrice,
                              Decimal maxDeviationPercent, Decimal maxNotional,
                              std::optional<Decimal> contractValue)
{
    FatFingerCheck check;
    QStringList reasons;
    const std::optional<Decimal> price = request.type == OrderType::Limit && request.price ? request.price
                                         : request.triggerPrice ? request.triggerPrice
                                                                : referencePrice;
    if (referencePrice && !referencePrice->isZero()) {
        const std::optional<Decimal> orderPrice =
            request.type == OrderType::Limit && request.price ? request.price : request.triggerPrice;
        if (orderPrice) {
            // |price − mid| × 100 > mid × percent, without a division.
            const auto distance = Decimal::subtract(*orderPrice, *referencePrice);
            const auto left =
                distance ? Decimal::multiply(abs(*distance), Decimal::fromMantissa(100, 0)) : std::nullopt;
            const auto right = Decimal::multiply(abs(*referencePrice), maxDeviationPercent);
            if (!left || !right || Decimal::compare(*left, *right) > 0) {
                check.priceFarFromMid = true;
                reasons << QCoreApplication::translate("OrderGuard",
                                                       "The price %1 is more than %2 % away from the mid %3.")
                               .arg(orderPrice->toString(), maxDeviationPercent.normalized().toString(),
                                    referencePrice->toString());
            }
        }
    }
    if (price || request.quantityInQuote || contractValue) {
        // An order sized in quote currency: its quantity is the amount to spend, its notional. An inverse
        // contract is worth a fixed amount of quote whatever the price.
        check.notional = request.quantityInQuote ? std::optional<Decimal>(request.quantity)
                         : contractValue         ? Decimal::multiply(request.quantity, *contractValue)
                                                 : Decimal::multiply(request.quantity, *price);
        if (!check.notional || Decimal::compare(*check.notional, maxNotional) > 0) {
            check.notionalTooLarge = true;
            reasons << QCoreApplication::translate("OrderGuard", "The notional %1 is above the maximum %2.")
                           .arg(check.notional ? check.notional->normalized().toString()
                                               : QCoreApplication::translate("OrderGuard", "(too large)"),
                                maxNotional.normalized().toString());
        }
    }
    check.reason = reasons.join(QLatin1Char(' '));
    return check;
}
