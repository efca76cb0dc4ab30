#include "fillsmodel.h"

#include <QCoreApplication>
#include <QDateTime>

QVariant FillsModel::header(int column) const
{
    static const QStringList names = {
        QStringLiteral("Time"),     QStringLiteral("Symbol"), QStringLiteral("Side"), QStringLiteral("Price"),
        QStringLiteral("Quantity"), QStringLiteral("Fee"),    QStringLiteral("Maker")};
    return QCoreApplication::translate("FillsModel", qPrintable(names.value(column)));
}

QVariant FillsModel::cell(const Fill& row, int column) const
{
    switch (column) {
    case 0:
        return QDateTime::fromMSecsSinceEpoch(row.timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
    case 1:
        return row.symbol;
    case 2:
        return sideName(row.side);
    case 3:
        return row.price.toString();
    case 4:
        return row.quantity.toString();
    case 5:
        return QString(row.fee.toString() + QLatin1Char(' ') + row.feeCurrency);
    case 6:
        return row.isMaker;
    default:
        return {};
    }
}

std::vector<Fill> FillsModel::fetch(const TradingStore& store) const
{
    return {store.fills().begin(), store.fills().end()};
}
