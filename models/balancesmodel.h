#pragma once

#include "tradingstoremodel.h"

class BalancesModel final : public TradingStoreModel<Balance>
{
public:
    using TradingStoreModel::TradingStoreModel;

protected:
    int columns() const override { return 4; }
    QVariant header(int column) const override;
    QVariant cell(const Balance& row, int column) const override;
    QString key(const Balance& row) const override { return row.coin; }
    std::uint64_t version(const TradingStore& store) const override { return store.balanceVersion(); }
    std::vector<Balance> fetch(const TradingStore& store) const override;
};
