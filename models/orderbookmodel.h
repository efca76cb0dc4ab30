#pragma once

#include "decimal.h"
#include "marketdata.h"
#include "orderbook.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

// A price ladder over one OrderBook: asks from the depth-th best at the top down to the best ask, then
// bids from the best down. The model does not watch the book; a view's frame timer calls refresh(),
// which does nothing while the book's version is unchanged and otherwise emits dataChanged only for
// the cells that changed (and inserts or removes rows at the top and bottom when a side's row count
// changes). It is never reset by a refresh.
class OrderBookModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderBookModel)

public:
    enum Column
    {
        PriceColumn,
        SizeColumn,
        CumulativeColumn, // size summed from the best level outwards

        ColumnCount
    };

    enum Role
    {
        UnderlyingDataRole = Qt::UserRole, // double, for sorting and charts
        DecimalRole,                       // the exact Decimal (QVariant::fromValue): the price to order at
        SideRole,                          // Side::Buy for bids, Side::Sell for asks; on every column
        // On the Cumulative column: this row's cumulative size over the largest cumulative size shown
        // on either side, 0..1, for depth bars.
        DepthFractionRole,
        // On the Size column: the refreshCount() at which the size at this price last changed (0 if it
        // has not changed since the ladder was first filled). A view flashes rows where it equals
        // refreshCount().
        SizeChangedRole,
    };

    explicit OrderBookModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The book must outlive the model or be replaced first; null shows an empty ladder. Refreshes.
    void setBook(const OrderBook* book);
    const OrderBook* book() const noexcept { return m_book; }

    // Rows per side (at least 1). Refreshes.
    void setDepth(int depth);
    int depth() const noexcept { return m_depth; }

    // Aggregates levels into buckets of `step` (bids rounded down, asks rounded up to a multiple of
    // it); zero or negative turns grouping off. Refreshes.
    void setGrouping(Decimal step);
    Decimal grouping() const noexcept { return m_grouping; }

    // Recomputes the ladder if the book changed since the last refresh.
    void refresh();
    // Increases each time refresh() finds a changed book.
    std::uint64_t refreshCount() const noexcept { return m_refreshCount; }

    // AwaitingSnapshot when there is no book. A view draws "resyncing" / "stale" over the ladder.
    OrderBook::State bookState() const noexcept { return m_state; }

    int askRowCount() const noexcept { return static_cast<int>(m_asks.size()); }
    int bidRowCount() const noexcept { return static_cast<int>(m_bids.size()); }

Q_SIGNALS:
    void bookStateChanged(OrderBook::State state);

private:
    struct Row
    {
        Decimal price;
        Decimal size;
        Decimal cumulative;
        double depthFraction = 0;
        std::uint64_t sizeChangedAt = 0;
    };

    // Both sides best level first.
    struct Ladder
    {
        std::vector<Row> asks;
        std::vector<Row> bids;
    };

    Ladder buildLadder() const;
    std::vector<Row> buildSide(Side side) const;
    void markSizeChanges(std::vector<Row>& rows, const std::vector<Row>& previous, Side side) const;
    void replaceAsks(std::vector<Row> rows);
    void replaceBids(std::vector<Row> rows);
    void emitChanges(const std::vector<Row>& before, Side side);
    void updateState();
    const Row& rowAt(int row, Side& side) const;

    const OrderBook* m_book = nullptr;
    std::vector<Row> m_asks; // best first; shown bottom-up
    std::vector<Row> m_bids; // best first
    Decimal m_grouping;
    int m_depth = 20;
    std::uint64_t m_bookVersion = 0;
    bool m_upToDate = false;
    bool m_refill = true; // the next rebuild fills the ladder afresh: no size-change marks
    std::uint64_t m_refreshCount = 0;
    OrderBook::State m_state = OrderBook::State::AwaitingSnapshot;
};
