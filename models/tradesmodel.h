#pragma once

#include "marketdata.h"

#include <QAbstractTableModel>

#include <deque>
#include <span>

// Recent public trades, newest in row 0, at most capacity() rows. A batch of trades is one row
// insertion at the top and, once full, one removal at the bottom.
class TradesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradesModel)

public:
    enum Column
    {
        TimeColumn, // local time, HH:mm:ss.zzz
        PriceColumn,
        SizeColumn,
        SideColumn, // the taker's side

        ColumnCount
    };

    enum Role
    {
        // Time as milliseconds since the epoch (qint64), price and size as double, side as Side.
        UnderlyingDataRole = Qt::UserRole,
        DecimalRole, // price and size as exact Decimals
        SideRole,    // the taker's Side, on every column
    };

    static constexpr int DefaultCapacity = 500;

    explicit TradesModel(int capacity = DefaultCapacity, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Trades oldest first, as venues send them.
    void addTrades(std::span<const Trade> trades);
    void clear();

    int capacity() const noexcept { return m_capacity; }
    // Row 0 is the newest trade.
    const Trade& tradeAt(int row) const { return m_trades[static_cast<std::size_t>(row)]; }

private:
    std::deque<Trade> m_trades; // newest first
    int m_capacity;
};
