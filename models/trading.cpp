#include "trading.h"

QString orderTypeName(OrderType type)
{
    return type == OrderType::Limit ? QStringLiteral("limit") : QStringLiteral("market");
}

std::optional<OrderType> orderTypeFromName(const QString& name)
{
    for (OrderType t : {OrderType::Limit, OrderType::Market}) {
        if (orderTypeName(t) == name)
            return t;
    }
    return std::nullopt;
}

QString timeInForceName(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::GoodTillCancel:
        return QStringLiteral("gtc");
    case TimeInForce::ImmediateOrCancel:
        return QStringLiteral("ioc");
    case TimeInForce::FillOrKill:
        return QStringLiteral("fok");
    case TimeInForce::PostOnly:
        return QStringLiteral("post-only");
    }
    return {};
}

std::optional<TimeInForce> timeInForceFromName(const QString& name)
{
    for (TimeInForce t : {TimeInForce::GoodTillCancel, TimeInForce::ImmediateOrCancel,
                          TimeInForce::FillOrKill, TimeInForce::PostOnly}) {
        if (timeInForceName(t) == name)
            return t;
    }
    return std::nullopt;
}

QString orderStatusName(OrderStatus status)
{
    switch (status) {
    case OrderStatus::New:
        return QStringLiteral("new");
    case OrderStatus::PartiallyFilled:
        return QStringLiteral("partially-filled");
    case OrderStatus::Filled:
        return QStringLiteral("filled");
    case OrderStatus::Cancelled:
        return QStringLiteral("cancelled");
    case OrderStatus::PartiallyFilledCancelled:
        return QStringLiteral("partially-filled-cancelled");
    case OrderStatus::Rejected:
        return QStringLiteral("rejected");
    case OrderStatus::Untriggered:
        return QStringLiteral("untriggered");
    case OrderStatus::Triggered:
        return QStringLiteral("triggered");
    case OrderStatus::Deactivated:
        return QStringLiteral("deactivated");
    case OrderStatus::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

QString positionSideName(PositionSide side)
{
    switch (side) {
    case PositionSide::Net:
        return QStringLiteral("net");
    case PositionSide::Long:
        return QStringLiteral("long");
    case PositionSide::Short:
        return QStringLiteral("short");
    }
    return {};
}

bool isOpenStatus(OrderStatus status)
{
    return status == OrderStatus::New || status == OrderStatus::PartiallyFilled ||
           status == OrderStatus::Untriggered || status == OrderStatus::Triggered;
}

bool isCancelledStatus(OrderStatus status)
{
    return status == OrderStatus::Cancelled || status == OrderStatus::PartiallyFilledCancelled ||
           status == OrderStatus::Rejected || status == OrderStatus::Deactivated;
}
