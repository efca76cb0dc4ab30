#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;


// Order entry for the active symbol.
class OrderEntryDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderEntryDock)

public:
    explicit OrderEntryDock(MarketSession& session, QWidget* parent = nullptr);

    // The account traded with (not owned); nullptr: no trading account.
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }
    // A price picked elsewhere (a ladder row): becomes the limit price.
    void setPrice(const Decimal& price);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    QLabel* m_empty;
};
