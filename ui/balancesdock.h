#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QPointer>

class AccountTable;
class QLabel;
class QStackedWidget;
class QTableView;

// The trading account's wallet: per coin the wallet balance, what is available for new orders and the
// equity (wallet plus unrealised PnL), live.
class BalancesDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalancesDock)

public:
    explicit BalancesDock(MarketSession& session, QWidget* parent = nullptr);

    // The account traded with (not owned); nullptr: no trading account.
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

    AccountTable* balancesTable() const { return m_table; }
    QTableView* balancesView() const;
    QLabel* noAccountLabel() const { return m_noAccount; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateAccountColumn();

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    QStackedWidget* m_stack;
    QLabel* m_noAccount;
    AccountTable* m_table;
};
