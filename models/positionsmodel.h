#pragma once

#include "tradingstoremodel.h"

// The account's positions by symbol and leg (flat ones included: a view hides them if it wants).
class PositionsModel final : public TradingStoreModel<Position>
{
public:
    enum Column
    {
        SymbolColumn,
        SideColumn,
        SizeColumn,
        EntryColumn,
        MarkColumn,
        UnrealisedPnlColumn,
        LiquidationColumn,
        RealisedPnlColumn, // cumulative
        ActionColumn,      // empty: a view puts the row's close button there
        TakeProfitColumn,  // attached to the position; empty when none
        StopLossColumn,
        LotsColumn, // how many lots the leg holds (a venue that keeps them: GMO Coin); empty elsewhere

        ColumnCount
    };

    using TradingStoreModel::TradingStoreModel;

    int actionColumn() const override { return ActionColumn; }

protected:
    int columns() const override { return ColumnCount; }
    QVariant header(int column) const override;
    QVariant cell(const Position& row, int column) const override;
    QString key(const Position& row) const override { return TradingStore::positionKey(row); }
    std::uint64_t version(const TradingStore& store) const override { return store.positionVersion(); }
    std::vector<Position> fetch(const TradingStore& store) const override;
    bool isNumberColumn(int column) const override;
    NumberKind numberKind(int column) const override;
    std::optional<Decimal> decimal(const Position& row, int column) const override;
    int sign(const Position& row, int column) const override;
    QVariant roleData(const Position& row, int column, int role) const override;
    QVariant sortValue(const Position& row, int column) const override;
    QVariant toolTip(const Position& row, int column) const override;
};
