#pragma once

#include "tradingstoremodel.h"

// The account's open orders (and conditional orders waiting for their trigger), oldest first.
class OpenOrdersModel final : public TradingStoreModel<Order>
{
public:
    enum Column
    {
        SymbolColumn,
        SideColumn,
        TypeColumn,
        PriceColumn, // the limit price; a market order's trigger price, or "Market"
        QuantityColumn,
        FilledColumn,
        StatusColumn,
        TimeInForceColumn,
        ReduceOnlyColumn,
        CreatedColumn,
        ActionColumn,  // empty: a view puts the row's cancel / amend buttons there
        TriggerColumn, // a conditional order's trigger price; empty for a plain order

        ColumnCount
    };

    using TradingStoreModel::TradingStoreModel;

    int actionColumn() const override { return ActionColumn; }

protected:
    int columns() const override { return ColumnCount; }
    QVariant header(int column) const override;
    QVariant cell(const Order& row, int column) const override;
    QString key(const Order& row) const override { return row.orderId; }
    std::uint64_t version(const TradingStore& store) const override { return store.orderVersion(); }
    std::vector<Order> fetch(const TradingStore& store) const override;
    bool isNumberColumn(int column) const override;
    NumberKind numberKind(int column) const override
    {
        return column == PriceColumn || column == TriggerColumn ? NumberKind::Price : NumberKind::Quantity;
    }
    std::optional<Decimal> decimal(const Order& row, int column) const override;
    QVariant sortValue(const Order& row, int column) const override;
    int sign(const Order& row, int column) const override;
    QVariant toolTip(const Order& row, int column) const override;
    QVariant roleData(const Order& row, int column, int role) const override;
};
