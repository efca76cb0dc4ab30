#pragma once

#include "tradingstoremodel.h"

class PositionsModel final : public TradingStoreModel<Position>
{
public:
    using TradingStoreModel::TradingStoreModel;

protected:
    int columns() const override { return 7; }
    QVariant header(int column) const override;
    QVariant cell(const Position& row, int column) const override;
    QString key(const Position& row) const override { return row.symbol; }
    std::uint64_t version(const TradingStore& store) const override { return store.positionVersion(); }
    std::vector<Position> fetch(const TradingStore& store) const override;
};
