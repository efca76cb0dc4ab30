#include "tradingstoremodel.h"

#include <QCoreApplication>
#include <QDateTime>

QHash<int, QByteArray> TradingTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UnderlyingDataRole, "underlyingData");
    names.insert(DecimalRole, "decimal");
    names.insert(SignRole, "sign");
    names.insert(KeyRole, "key");
    names.insert(SymbolRole, "symbol");
    names.insert(CategoryRole, "category");
    names.insert(NumberKindRole, "numberKind");
    return names;
}

QString TradingTableModel::sideText(Side side)
{
    return side == Side::Buy ? QCoreApplication::translate("TradingTableModel", "Buy")
                             : QCoreApplication::translate("TradingTableModel", "Sell");
}

QString TradingTableModel::orderSideText(Side side, PositionSide leg)
{
    switch (leg) {
    case PositionSide::Net:
        break;
    case PositionSide::Long:
        return side == Side::Buy ? QCoreApplication::translate("TradingTableModel", "Open long")
                                 : QCoreApplication::translate("TradingTableModel", "Close long");
    case PositionSide::Short:
        return side == Side::Sell ? QCoreApplication::translate("TradingTableModel", "Open short")
                                  : QCoreApplication::translate("TradingTableModel", "Close short");
    }
    return sideText(side);
}

QString TradingTableModel::orderQuantityText(const Order& order)
{
    if (order.quoteQuantity && order.quantity.isZero())
        return QCoreApplication::translate("TradingTableModel", "%1 (quote)")
            .arg(order.quoteQuantity->toString());
    return order.quantity.toString();
}

QString TradingTableModel::orderTypeText(OrderType type)
{
    return type == OrderType::Limit ? QCoreApplication::translate("TradingTableModel", "Limit")
                                    : QCoreApplication::translate("TradingTableModel", "Market");
}

QString TradingTableModel::statusText(OrderStatus status)
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("TradingTableModel", "New"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Partially filled"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Filled"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Cancelled"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Partially filled, cancelled"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Rejected"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Untriggered"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Triggered"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Deactivated"),
        QT_TRANSLATE_NOOP("TradingTableModel", "Unknown"),
    };
    const auto i = static_cast<std::size_t>(status);
    return i < std::size(names) ? QCoreApplication::translate("TradingTableModel", names[i]) : QString();
}

QString TradingTableModel::timeInForceText(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::GoodTillCancel:
        return QCoreApplication::translate("TradingTableModel", "GTC");
    case TimeInForce::ImmediateOrCancel:
        return QCoreApplication::translate("TradingTableModel", "IOC");
    case TimeInForce::FillOrKill:
        return QCoreApplication::translate("TradingTableModel", "FOK");
    case TimeInForce::PostOnly:
        return QCoreApplication::translate("TradingTableModel", "Post-only");
    }
    return {};
}

QString TradingTableModel::timeText(std::int64_t ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString TradingTableModel::utcTimeText(std::int64_t ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

int TradingTableModel::signOf(const std::optional<Decimal>& value)
{
    if (!value || value->isZero())
        return 0;
    return value->isNegative() ? -1 : 1;
}
