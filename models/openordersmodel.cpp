#include "openordersmodel.h"

#include <QCoreApplication>

namespace {
QVariant opt(const std::optional<Decimal>& d)
{
    return d ? QVariant(d->toString()) : QVariant();
}
} // namespace

QVariant OpenOrdersModel::header(int column) const
{
    static const QStringList names = {QStringLiteral("Symbol"),   QStringLiteral("Side"),
                                      QStringLiteral("Type"),     QStringLiteral("Price"),
                                      QStringLiteral("Quantity"), QStringLiteral("Filled"),
                                      QStringLiteral("Status"),   QStringLiteral("Time in force")};
    return QCoreApplication::translate("OpenOrdersModel", qPrintable(names.value(column)));
}

QVariant OpenOrdersModel::cell(const Order& row, int column) const
{
    switch (column) {
    case 0:
        return row.symbol;
    case 1:
        return sideName(row.side);
    case 2:
        return orderTypeName(row.type);
    case 3:
        return opt(row.price);
    case 4:
        return row.quantity.toString();
    case 5:
        return row.filledQuantity.toString();
    case 6:
        return orderStatusName(row.status);
    case 7:
        return timeInForceName(row.timeInForce);
    default:
        return {};
    }
}

std::vector<Order> OpenOrdersModel::fetch(const TradingStore& store) const
{
    return store.openOrders();
}
