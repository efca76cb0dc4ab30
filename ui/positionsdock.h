#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QHash>
#include <QPointer>

class AccountTable;
class QAbstractButton;
class QLabel;
class QMessageBox;
class QStackedWidget;
class QTableView;

// The trading account's open positions (flat ones hidden): size, side, entry, mark, unrealised and
// realised PnL, liquidation price, and a Close button per row that flattens the position with a
// reduce-only market order, after a confirmation unless the account turned confirmations off. One click
// sends one order: the button locks from the click until the venue refuses the order or the position
// changes. A refusal is shown with the venue's text verbatim.
class PositionsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PositionsDock)

public:
    explicit PositionsDock(MarketSession& session, QWidget* parent = nullptr);

    // The account traded with (not owned); nullptr: no trading account.
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

    // What the row's Close button does (asks first when the account confirms orders).
    void closePosition(const QString& symbol);

    AccountTable* positionsTable() const { return m_table; }
    QTableView* positionsView() const;
    QLabel* messageLabel() const { return m_message; }
    QLabel* noAccountLabel() const { return m_noAccount; }
    // The row's Close button; nullptr when the position is not shown.
    QAbstractButton* closeButton(const QString& symbol) const;
    // The confirmation while it is open.
    QMessageBox* closeConfirmation() const;
    // A close asked for (confirming, in flight, or sent and not yet seen in the position).
    bool isClosing(const QString& symbol) const { return m_closing.contains(symbol); }

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* makeRowActions(const QString& symbol);
    void updateActions();
    void sendClose(const QString& symbol);
    void showMessage(const QString& text);
    void clearMessage();
    void retranslate();

    struct Closing
    {
        Position position; // as it was when the button was clicked
        bool sent = false; // the venue accepted the order: waiting for the position to change
    };

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    QStackedWidget* m_stack;
    QLabel* m_noAccount;
    AccountTable* m_table;
    QLabel* m_message;
    QPointer<QMessageBox> m_confirmation;
    QHash<QString, Closing> m_closing;
    std::uint64_t m_deskGeneration = 0;
};
