#include "tradesmodel.h"

#include <QDateTime>

#include <algorithm>

TradesModel::TradesModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{}

int TradesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_trades.size());
}

int TradesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TradesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Trade& trade = tradeAt(index.row());

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(trade.timestampMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case PriceColumn:
            return trade.price.toString();
        case SizeColumn:
            return trade.size.toString();
        case SideColumn:
            return sideName(trade.takerSide);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PriceColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case UnderlyingDataRole:
        switch (index.column()) {
        case TimeColumn:
            return qint64(trade.timestampMs);
        case PriceColumn:
            return trade.price.toDouble();
        case SizeColumn:
            return trade.size.toDouble();
        case SideColumn:
            return QVariant::fromValue(trade.takerSide);
        }
        return {};
    case DecimalRole:
        if (index.column() == PriceColumn)
            return QVariant::fromValue(trade.price);
        if (index.column() == SizeColumn)
            return QVariant::fromValue(trade.size);
        return {};
    case SideRole:
        return QVariant::fromValue(trade.takerSide);
    default:
        return {};
    }
}

QVariant TradesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case PriceColumn:
        return tr("Price");
    case SizeColumn:
        return tr("Size");
    case SideColumn:
        return tr("Side");
    default:
        return {};
    }
}

QHash<int, QByteArray> TradesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UnderlyingDataRole, "underlyingData");
    names.insert(DecimalRole, "decimal");
    names.insert(SideRole, "side");
    return names;
}

void TradesModel::addTrades(std::span<const Trade> trades)
{
    // Only the newest capacity() trades of a large batch could ever be shown.
    if (trades.size() > static_cast<std::size_t>(m_capacity))
        trades = trades.last(static_cast<std::size_t>(m_capacity));
    if (trades.empty())
        return;

    beginInsertRows({}, 0, static_cast<int>(trades.size()) - 1);
    for (const Trade& trade : trades)
        m_trades.push_front(trade);
    endInsertRows();

    const int size = static_cast<int>(m_trades.size());
    if (size > m_capacity) {
        beginRemoveRows({}, m_capacity, size - 1);
        m_trades.resize(static_cast<std::size_t>(m_capacity));
        endRemoveRows();
    }
}

void TradesModel::clear()
{
    if (m_trades.empty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(m_trades.size()) - 1);
    m_trades.clear();
    endRemoveRows();
}
