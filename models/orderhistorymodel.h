#pragma once

#include "tradingstoremodel.h"

// Orders that are no longer open (filled, cancelled, rejected), newest first, with the venue's reason.
class OrderHistoryModel final : public TradingStoreModel<Order>
{
public:
    using TradingStoreModel::TradingStoreModel;

protected:
    int columns() const override { return 9; }
    QVariant header(int column) const override;
    QVariant cell(const Order& row, int column) const override;
    QString key(const Order& row) const override { return row.orderId; }
    std::uint64_t version(const TradingStore& store) const override { return store.orderVersion(); }
    std::vector<Order> fetch(const TradingStore& store) const override { return store.closedOrders(); }
};
