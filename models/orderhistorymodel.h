#pragma once

#include "tradingstoremodel.h"

// Orders that are no longer open (filled, cancelled, rejected), newest first, with the venue's reason.
class OrderHistoryModel final : public TradingStoreModel<Order>
{
public:
    enum Column
    {
        TimeColumn, // the last update: when it filled or was cancelled
        SymbolColumn,
        SideColumn,
        TypeColumn,
        PriceColumn, // the limit price; for a market order the average fill price
        QuantityColumn,
        FilledColumn,
        StatusColumn,
        ReasonColumn, // the venue's text, verbatim
        AveragePriceColumn,
        TriggerColumn, // a conditional order's trigger price; empty for a plain order

        ColumnCount
    };

    using TradingStoreModel::TradingStoreModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant header(int column) const override;
    QVariant cell(const Order& row, int column) const override;
    QString key(const Order& row) const override { return row.orderId; }
    std::uint64_t version(const TradingStore& store) const override { return store.orderVersion(); }
    std::vector<Order> fetch(const TradingStore& store) const override { return store.closedOrders(); }
    bool isNumberColumn(int column) const override;
    NumberKind numberKind(int column) const override
    {
        const bool price = column == PriceColumn || column == AveragePriceColumn || column == TriggerColumn;
        return price ? NumberKind::Price : NumberKind::Quantity;
    }
    std::optional<Decimal> decimal(const Order& row, int column) const override;
    QVariant sortValue(const Order& row, int column) const override;
    int sign(const Order& row, int column) const override;
    QVariant toolTip(const Order& row, int column) const override;
    QVariant roleData(const Order& row, int column, int role) const override;
};
