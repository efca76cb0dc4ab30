#pragma once

#include "marketdata.h"

#include <QAbstractTableModel>

#include <span>
#include <vector>

// Candles of one symbol and interval, oldest in row 0, at most capacity() rows (the oldest are
// dropped). History replaces the rows with one reset; a live candle changes one row or adds one.
class CandleModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CandleModel)

public:
    enum Column
    {
        OpenTimeColumn, // local time, yyyy-MM-dd HH:mm
        OpenColumn,
        HighColumn,
        LowColumn,
        CloseColumn,
        VolumeColumn,

        ColumnCount
    };

    enum Role
    {
        // The open time as milliseconds since the epoch (qint64), prices and volume as double.
        UnderlyingDataRole = Qt::UserRole,
        DecimalRole, // prices and volume as exact Decimals
        ClosedRole,  // bool on every column: the interval has ended
    };

    static constexpr int DefaultCapacity = 2000;

    explicit CandleModel(int capacity = DefaultCapacity, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // History in any order; of candles with the same open time the last one wins. Resets the model.
    void setCandles(std::vector<Candle> candles);
    // A candle with a known open time updates its row; a newer one is appended; an older one is inserted
    // in order (unless it is older than every row of a full model).
    void applyCandle(const Candle& candle);
    void clear();

    int capacity() const noexcept { return m_capacity; }
    // Oldest first, for charts.
    std::span<const Candle> candles() const noexcept { return m_candles; }
    const Candle& candleAt(int row) const { return m_candles[static_cast<std::size_t>(row)]; }
    // -1 if no row opens at that time.
    int rowOfOpenTime(std::int64_t openTimeMs) const;

private:
    void dropOldestBeyondCapacity();

    std::vector<Candle> m_candles;
    int m_capacity;
};
