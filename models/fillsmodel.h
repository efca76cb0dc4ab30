#pragma once

#include "tradingstoremodel.h"

class FillsModel final : public TradingStoreModel<Fill>
{
public:
    using TradingStoreModel::TradingStoreModel;

protected:
    int columns() const override { return 7; }
    QVariant header(int column) const override;
    QVariant cell(const Fill& row, int column) const override;
    QString key(const Fill& row) const override { return row.executionId; }
    std::uint64_t version(const TradingStore& store) const override { return store.fillVersion(); }
    std::vector<Fill> fetch(const TradingStore& store) const override;
};
