#include "numberformat.h"

#include <QVariant>

#include <cmath>

namespace NumberFormat {

int scaleOf(Decimal step)
{
    return step.isZero() ? 0 : step.normalized().scale();
}

QString decimal(Decimal value, int scale)
{
    if (scale >= 0 && scale <= Decimal::MaxScale) {
        if (const auto scaled = value.withScale(scale))
            return scaled->toString();
    }
    return value.toString();
}

QString decimal(const QVariant& value, int scale)
{
    if (!value.canConvert<Decimal>() || !value.isValid())
        return {};
    return decimal(value.value<Decimal>(), scale);
}

QString compact(double value)
{
    const double magnitude = std::fabs(value);
    if (magnitude >= 1e9)
        return QString::number(value / 1e9, 'f', 2) + QLatin1Char('B');
    if (magnitude >= 1e6)
        return QString::number(value / 1e6, 'f', 2) + QLatin1Char('M');
    if (magnitude >= 1e4)
        return QString::number(value / 1e3, 'f', 2) + QLatin1Char('K');
    return QString::number(value, 'f', 2);
}

} // namespace NumberFormat
