#pragma once

#include "marketsession.h"

#include <QSortFilterProxyModel>

class QConcatenateTablesProxyModel;

// The watchlist as one sortable table: every category's TickerModel stacked (BTCUSDT spot and
// BTCUSDT linear are separate rows), each row knowing its category, sorted on the raw values.
class WatchlistModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchlistModel)

public:
    enum Role
    {
        CategoryRole = Qt::UserRole + 100, // the row's Category as int, on every column
    };

    explicit WatchlistModel(const MarketSession& session, QObject* parent = nullptr);

    SymbolKey keyAt(const QModelIndex& index) const;
    QModelIndex indexOf(const SymbolKey& key) const; // column 0; invalid if not listed

private:
    QConcatenateTablesProxyModel* m_stack;
};
