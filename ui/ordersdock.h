#pragma once

#include "amenddialog.h"
#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QPointer>
#include <QSet>

class AccountTable;
class QAbstractButton;
class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

// Open orders, order history and fills of the trading account, as tabs. An open order is cancelled by
// its row's Cancel button (or the context menu) and amended (price, quantity) through a small dialog
// that checks the instrument's rules before anything is sent; "Cancel all" cancels every open order of
// the active symbol. Each click sends one request: the row's buttons lock until the venue answers (and,
// for a cancel, until the order leaves the table). A refusal is shown in the dock's message line with
// the venue's text verbatim. The tables can show the active symbol only. Delete cancels the selected
// open order; a double click on its price or quantity opens the amend dialog there.
class OrdersDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersDock)

public:
    enum Tab
    {
        OpenOrdersTab,
        HistoryTab,
        FillsTab,
    };

    explicit OrdersDock(MarketSession& session, QWidget* parent = nullptr);

    // The account traded with (not owned); nullptr: no trading account.
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

    // The intents the buttons and menus send (also for tests and hotkeys). Amend opens the dialog.
    void cancelOrder(const QString& orderId);
    void amendOrder(const QString& orderId, AmendDialog::Field focus = AmendDialog::Field::Price);
    void cancelAll(const SymbolKey& key);
    void cancelAllForActiveSymbol() { cancelAll(m_session.activeSymbol()); }

    // Only the active symbol's rows (the default shows every symbol).
    void setActiveSymbolOnly(bool on);
    bool activeSymbolOnly() const;

    QTabWidget* tabs() const { return m_tabs; }
    AccountTable* openOrdersTable() const { return m_open; }
    AccountTable* historyTable() const { return m_history; }
    AccountTable* fillsTable() const { return m_fills; }
    QTableView* openOrdersView() const;
    QTableView* historyView() const;
    QTableView* fillsView() const;
    QPushButton* cancelAllButton() const { return m_cancelAll; }
    QCheckBox* activeSymbolOnlyBox() const { return m_activeOnly; }
    // The last refusal or failure, the venue's text verbatim ("" when none).
    QLabel* messageLabel() const { return m_message; }
    QLabel* noAccountLabel() const { return m_noAccount; }
    // The row's buttons; nullptr when the order is not shown.
    QAbstractButton* cancelButton(const QString& orderId) const;
    QAbstractButton* amendButton(const QString& orderId) const;
    // The amend dialog while it is open.
    AmendDialog* amendDialog() const { return m_amendDialog; }
    // Orders whose cancel or amend is in flight (their buttons are locked).
    bool isBusy(const QString& orderId) const { return m_busy.contains(orderId); }

protected:
    void changeEvent(QEvent* event) override;
    // Delete in the open orders cancels the selected order.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* makeRowActions(const QString& orderId);
    void updateActions();
    void showMessage(const QString& text);
    void clearMessage();
    bool showsRow(const QModelIndex& sourceRow) const;
    void showContextMenu(const QString& orderId, const QPoint& globalPos);
    void sendAmend(const QString& orderId, std::optional<Decimal> price, std::optional<Decimal> quantity);
    void retranslate();

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    QStackedWidget* m_stack;
    QLabel* m_noAccount;
    QTabWidget* m_tabs;
    AccountTable* m_open;
    AccountTable* m_history;
    AccountTable* m_fills;
    QCheckBox* m_activeOnly;
    QPushButton* m_cancelAll;
    QLabel* m_message;
    QPointer<AmendDialog> m_amendDialog;
    // Cancel or amend in flight, or a cancel the venue acknowledged whose order is still shown.
    QSet<QString> m_busy;
    bool m_cancellingAll = false;
    std::uint64_t m_deskGeneration = 0; // callbacks of an earlier desk are ignored
};
