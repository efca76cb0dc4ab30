#pragma once

#include "tradingstoremodel.h"

// The account's recent executions, oldest first as the store keeps them (views sort newest first).
class FillsModel final : public TradingStoreModel<Fill>
{
public:
    enum Column
    {
        TimeColumn,
        SymbolColumn,
        SideColumn,
        PriceColumn,
        QuantityColumn,
        FeeColumn,       // with its currency; negative: a rebate
        LiquidityColumn, // maker or taker

        ColumnCount
    };

    using TradingStoreModel::TradingStoreModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant header(int column) const override;
    QVariant cell(const Fill& row, int column) const override;
    QString key(const Fill& row) const override { return row.executionId; }
    std::uint64_t version(const TradingStore& store) const override { return store.fillVersion(); }
    std::vector<Fill> fetch(const TradingStore& store) const override;
    bool isNumberColumn(int column) const override;
    NumberKind numberKind(int column) const override
    {
        return column == PriceColumn      ? NumberKind::Price
               : column == QuantityColumn ? NumberKind::Quantity
                                          : NumberKind::Amount;
    }
    std::optional<Decimal> decimal(const Fill& row, int column) const override;
    QVariant sortValue(const Fill& row, int column) const override;
    int sign(const Fill& row, int column) const override;
    QVariant toolTip(const Fill& row, int column) const override;
    QVariant roleData(const Fill& row, int column, int role) const override;
};
