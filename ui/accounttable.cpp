#include "accounttable.h"

#include "marketsession.h"
#include "numberformat.h"
#include "theme.h"

#include "models/tradingstoremodel.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// Sorts on the model's underlying values (numbers as exact Decimals, times as ms) and filters rows with
// the dock's predicate.
class AccountProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setRowFilter(AccountTable::RowFilter filter)
    {
        m_filter = std::move(filter);
        invalidateRowsFilter();
    }
    void refilter() { invalidateRowsFilter(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override
    {
        return !m_filter || m_filter(sourceModel()->index(sourceRow, 0, sourceParent));
    }

    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override
    {
        const QVariant a = left.data(TradingTableModel::UnderlyingDataRole);
        const QVariant b = right.data(TradingTableModel::UnderlyingDataRole);
        if (!a.isValid() || !b.isValid())
            return !a.isValid() && b.isValid(); // missing values first
        const QMetaType decimal = QMetaType::fromType<Decimal>();
        if (a.metaType() == decimal && b.metaType() == decimal)
            return a.value<Decimal>() < b.value<Decimal>();
        if (a.userType() == QMetaType::QString && b.userType() == QMetaType::QString)
            return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    }

private:
    AccountTable::RowFilter m_filter;
};

// Numbers in the number font, prices and quantities in their instrument's digits; sides and PnL in the
// up / down colours.
class AccountDelegate final : public QStyledItemDelegate
{
public:
    AccountDelegate(const MarketSession* market, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_market(market)
    {}

    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant value = index.data(TradingTableModel::DecimalRole);
        if (value.isValid()) {
            option->font = Theme::numberFont();
            if (const int scale = scaleOf(index); scale >= 0)
                option->text = NumberFormat::decimal(value, scale);
        }
        const int sign = index.data(TradingTableModel::SignRole).toInt();
        if (sign != 0) {
            const ThemeColors& c = Theme::colors();
            const QColor colour = sign > 0 ? c.up : c.down;
            option->palette.setColor(QPalette::Text, colour);
            option->palette.setColor(QPalette::HighlightedText, colour);
        }
    }

private:
    // The digits of the row's instrument step for a price or quantity; -1: as the venue wrote it.
    int scaleOf(const QModelIndex& index) const
    {
        using Kind = TradingTableModel::NumberKind;
        const QVariant kind = index.data(TradingTableModel::NumberKindRole);
        const QVariant symbol = index.data(TradingTableModel::SymbolRole);
        if (!m_market || !kind.isValid() || !symbol.isValid() ||
            kind.toInt() == static_cast<int>(Kind::Amount))
            return -1;
        const auto category = static_cast<Category>(index.data(TradingTableModel::CategoryRole).toInt());
        const Instrument* instrument = m_market->instrument(SymbolKey{category, symbol.toString()});
        if (!instrument)
            return -1;
        return NumberFormat::scaleOf(kind.toInt() == static_cast<int>(Kind::Price) ? instrument->tickSize
                                                                                   : instrument->lotSize);
    }

    const MarketSession* m_market;
};

} // namespace

AccountTable::AccountTable(const MarketSession* market, QWidget* parent)
    : QWidget(parent)
    , m_proxy(new AccountProxy(this))
    , m_view(new QTableView)
    , m_empty(new QLabel)
    , m_stack(new QStackedWidget)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setObjectName(QStringLiteral("emptyLabel"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    m_proxy->setDynamicSortFilter(true);
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new AccountDelegate(market, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setSortIndicatorClearable(true);
    m_view->setSortingEnabled(true);

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &AccountTable::onRowsChanged);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &AccountTable::onRowsChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AccountTable::onRowsChanged);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &AccountTable::onRowsChanged);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &AccountTable::announceRowsChanged);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT rowDoubleClicked(index.data(TradingTableModel::KeyRole).toString(), index.column());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        Q_EMIT contextMenuRequested(index.data(TradingTableModel::KeyRole).toString(), index.column(),
                                    m_view->viewport()->mapToGlobal(pos));
    });
    updateEmpty();
}

TradingTableModel* AccountTable::model() const
{
    return m_model;
}

QSortFilterProxyModel* AccountTable::proxy() const
{
    return m_proxy;
}

void AccountTable::setModel(TradingTableModel* model)
{
    if (m_model == model)
        return;
    m_model = model;
    m_columnsSized = false;
    m_proxy->setSourceModel(model);
    if (model && model->actionColumn() >= 0) {
        // The row's buttons first: a narrow dock scrolls the other columns, never the buttons away.
        QHeaderView* header = m_view->horizontalHeader();
        header->moveSection(header->visualIndex(model->actionColumn()), 0);
    }
    onRowsChanged();
}

void AccountTable::setEmptyText(const QString& text)
{
    m_empty->setText(text);
}

void AccountTable::setRowFilter(RowFilter filter)
{
    static_cast<AccountProxy*>(m_proxy)->setRowFilter(std::move(filter));
}

void AccountTable::refilter()
{
    static_cast<AccountProxy*>(m_proxy)->refilter();
}

void AccountTable::setActionFactory(ActionFactory factory)
{
    m_actions = std::move(factory);
    ensureActionWidgets();
}

void AccountTable::sortBy(int column, Qt::SortOrder order)
{
    m_view->sortByColumn(column, order);
}

void AccountTable::showColumnAfter(int column, int after)
{
    QHeaderView* header = m_view->horizontalHeader();
    const int from = header->visualIndex(column);
    const int to = header->visualIndex(after);
    if (from < 0 || to < 0 || column == after)
        return;
    header->moveSection(from, from < to ? to : to + 1);
}

void AccountTable::setColumnsFollowContents(bool on)
{
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(on ? QHeaderView::ResizeToContents : QHeaderView::Interactive);
    header->setStretchLastSection(!on);
}

int AccountTable::rowCount() const
{
    return m_proxy->rowCount();
}

QString AccountTable::keyAt(int viewRow) const
{
    return m_proxy->index(viewRow, 0).data(TradingTableModel::KeyRole).toString();
}

int AccountTable::viewRowOfKey(const QString& key) const
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (keyAt(row) == key)
            return row;
    }
    return -1;
}

QWidget* AccountTable::actionWidget(const QString& key) const
{
    if (!m_model || m_model->actionColumn() < 0)
        return nullptr;
    const int row = viewRowOfKey(key);
    return row < 0 ? nullptr : m_view->indexWidget(m_proxy->index(row, m_model->actionColumn()));
}

QList<QWidget*> AccountTable::actionWidgets() const
{
    QList<QWidget*> out;
    if (!m_model || m_model->actionColumn() < 0)
        return out;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (QWidget* w = m_view->indexWidget(m_proxy->index(row, m_model->actionColumn())))
            out << w;
    }
    return out;
}

QString AccountTable::currentKey() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    return current.data(TradingTableModel::KeyRole).toString();
}

void AccountTable::onRowsChanged()
{
    ensureActionWidgets();
    updateEmpty();
    if (!m_columnsSized && m_proxy->rowCount() > 0) {
        // Once, when the first rows arrive: afterwards the user's widths stay.
        m_columnsSized = true;
        m_view->resizeColumnsToContents();
    }
    announceRowsChanged();
}

void AccountTable::announceRowsChanged()
{
    // Once per burst, and after the model is done: the proxy removes its rows while the model's are
    // still there (rowsAboutToBeRemoved), so a listener reading the model now would see them.
    if (m_announcePending)
        return;
    m_announcePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_announcePending = false;
            Q_EMIT rowsChanged();
        },
        Qt::QueuedConnection);
}

void AccountTable::ensureActionWidgets()
{
    if (!m_actions || !m_model || m_model->actionColumn() < 0)
        return;
    const int column = m_model->actionColumn();
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, column);
        if (m_view->indexWidget(index))
            continue;
        const QString key = index.data(TradingTableModel::KeyRole).toString();
        if (QWidget* widget = m_actions(key)) {
            widget->setProperty("rowKey", key);
            m_view->setIndexWidget(index, widget);
        }
    }
}

void AccountTable::updateEmpty()
{
    m_stack->setCurrentWidget(m_model && m_proxy->rowCount() > 0 ? static_cast<QWidget*>(m_view) : m_empty);
}
