#pragma once

#include "marketsession.h"

#include <QDockWidget>

class QTableView;
class QToolButton;
class WatchlistModel;

// The watchlist: last price (coloured by its latest tick), 24 h change, bid, ask and 24 h volume of each
// symbol; sortable by any column; symbols added through the picker and removed with the button or the
// Delete key. Selecting a row makes it the active symbol of every other dock.
class WatchlistDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchlistDock)

public:
    explicit WatchlistDock(MarketSession& session, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    WatchlistModel* model() const { return m_model; }

    // Opens the symbol picker and adds what the user chose.
    void addSymbols();
    void removeSelected();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void selectActive();
    void onCurrentChanged(const QModelIndex& current);
    void sizeColumns();

    MarketSession& m_session;
    WatchlistModel* m_model;
    QTableView* m_view;
    QToolButton* m_addButton;
    QToolButton* m_removeButton;
};
