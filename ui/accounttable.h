#pragma once

#include <QPointer>
#include <QWidget>

#include <functional>

class MarketSession;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class TradingTableModel;

// One account table as the trading docks show it: a sortable view over a TradingTableModel (through a
// proxy that compares numbers exactly), numbers right-aligned in the number font (prices on the
// instrument's tick, quantities on its lot step, so decimal points line up), sides and PnL in the
// up/down colours, a text instead of the table when there are no rows, an optional row filter, and in
// the model's action column, shown first so it is never scrolled away, one widget per row (its
// buttons), made by the dock. The model updates in place (rows inserted, removed, changed), so the
// selection and the row widgets stay with their rows.
class AccountTable final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountTable)

public:
    // Makes the action widget of the row with that key (its buttons); the table owns it.
    using ActionFactory = std::function<QWidget*(const QString& key)>;
    // Whether a row of the model is shown (sourceRow: its index in column 0 of the model).
    using RowFilter = std::function<bool(const QModelIndex& sourceRow)>;

    // market (optional, must outlive the table) gives the instruments' tick and lot steps.
    explicit AccountTable(const MarketSession* market = nullptr, QWidget* parent = nullptr);

    // Not owned; nullptr shows the empty text.
    void setModel(TradingTableModel* model);
    TradingTableModel* model() const;
    QTableView* view() const { return m_view; }
    QSortFilterProxyModel* proxy() const;
    QLabel* emptyLabel() const { return m_empty; }
    void setEmptyText(const QString& text);

    void setRowFilter(RowFilter filter);
    // Applies the row filter again (what it depends on changed).
    void refilter();
    void setActionFactory(ActionFactory factory);
    void sortBy(int column, Qt::SortOrder order);
    // Shows the model's `column` right after `after` (a column appended to the model shown beside the
    // one it belongs with). Call after setModel().
    void showColumnAfter(int column, int after);
    // Columns follow their contents as values grow (for tables of a few rows: balances, positions);
    // otherwise they are fitted once, when the first rows arrive, and then left to the user.
    void setColumnsFollowContents(bool on);

    // Shown rows, in view order.
    int rowCount() const;
    QString keyAt(int viewRow) const;
    int viewRowOfKey(const QString& key) const;
    // The action widget of the shown row with that key; nullptr when it is not shown.
    QWidget* actionWidget(const QString& key) const;
    QList<QWidget*> actionWidgets() const;
    // The key of the current (selected) row, "" when none.
    QString currentKey() const;

Q_SIGNALS:
    // Rows came, went or changed: row widgets may need their state updated. Emitted once per burst of
    // changes, from the event loop, when the model is consistent.
    void rowsChanged();
    void rowDoubleClicked(const QString& key, int column);
    void contextMenuRequested(const QString& key, int column, const QPoint& globalPos);

private:
    void onRowsChanged();
    void announceRowsChanged();
    void ensureActionWidgets();
    void updateEmpty();

    QPointer<TradingTableModel> m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLabel* m_empty;
    QStackedWidget* m_stack;
    ActionFactory m_actions;
    bool m_columnsSized = false;
    bool m_announcePending = false;
};
