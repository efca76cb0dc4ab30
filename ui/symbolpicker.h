#pragma once

#include "marketsession.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

// Chooses symbols from the instruments the venue listed (every category the session streams).
// Symbols already in the watchlist are shown but cannot be chosen again.
class SymbolPicker final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SymbolPicker)

public:
    explicit SymbolPicker(MarketSession& session, QWidget* parent = nullptr);

    QList<SymbolKey> selectedSymbols() const;
    QLineEdit* filterEdit() const { return m_filter; }
    QTableView* view() const { return m_view; }

private:
    void fill();
    void updateButtons();

    MarketSession& m_session;
    QLineEdit* m_filter;
    QTableView* m_view;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
};
