#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;


// The trading account's wallet balances.
class BalancesDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalancesDock)

public:
    explicit BalancesDock(MarketSession& session, QWidget* parent = nullptr);

    // The account traded with (not owned); nullptr: no trading account.
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    QLabel* m_empty;
};
