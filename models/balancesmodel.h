#pragma once

#include "tradingstoremodel.h"

// The account's wallets, one row per coin in each.
class BalancesModel final : public TradingStoreModel<Balance>
{
public:
    enum Column
    {
        CoinColumn,
        WalletColumn,
        AvailableColumn, // what new orders may use
        EquityColumn,    // wallet plus unrealised PnL
        AccountColumn,   // the venue's wallet (Phemex "spot"); empty at a venue with one

        ColumnCount
    };

    using TradingStoreModel::TradingStoreModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant header(int column) const override;
    QVariant cell(const Balance& row, int column) const override;
    QString key(const Balance& row) const override { return TradingStore::balanceKey(row); }
    std::uint64_t version(const TradingStore& store) const override { return store.balanceVersion(); }
    std::vector<Balance> fetch(const TradingStore& store) const override;
    bool isNumberColumn(int column) const override { return column != CoinColumn && column != AccountColumn; }
    std::optional<Decimal> decimal(const Balance& row, int column) const override;
};
