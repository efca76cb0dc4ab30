#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;


// Open orders, order history and fills of the trading account.
class OrdersDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersDock)

public:
    explicit OrdersDock(MarketSession& session, QWidget* parent = nullptr);

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
