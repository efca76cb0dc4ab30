#include "watchlistmodel.h"

#include "models/tickermodel.h"

#include <QConcatenateTablesProxyModel>
#include <QIdentityProxyModel>

namespace {

// One category's rows, tagged with the category.
class CategoryRows final : public QIdentityProxyModel
{
public:
    CategoryRows(Category category, QObject* parent)
        : QIdentityProxyModel(parent)
        , m_category(category)
    {}

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == WatchlistModel::CategoryRole)
            return static_cast<int>(m_category);
        return QIdentityProxyModel::data(index, role);
    }

private:
    Category m_category;
};

} // namespace

WatchlistModel::WatchlistModel(const MarketSession& session, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_stack(new QConcatenateTablesProxyModel(this))
{
    for (const Category category : session.categories()) {
        auto* rows = new CategoryRows(category, this);
        rows->setSourceModel(session.tickerModel(category));
        m_stack->addSourceModel(rows);
    }
    setSourceModel(m_stack);
    setSortRole(TickerModel::UnderlyingDataRole);
    setDynamicSortFilter(true);
}

SymbolKey WatchlistModel::keyAt(const QModelIndex& index) const
{
    if (!index.isValid())
        return {};
    const QModelIndex symbolIndex = index.siblingAtColumn(TickerModel::SymbolColumn);
    return SymbolKey{static_cast<Category>(symbolIndex.data(CategoryRole).toInt()),
                     symbolIndex.data(TickerModel::UnderlyingDataRole).toString()};
}

QModelIndex WatchlistModel::indexOf(const SymbolKey& key) const
{
    for (int row = 0; row < rowCount(); ++row) {
        const QModelIndex i = index(row, 0);
        if (keyAt(i) == key)
            return i;
    }
    return {};
}
