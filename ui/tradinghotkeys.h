#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QObject>
#include <QPointer>

class QWidget;


// The trading hotkeys of the window (buy/sell at best, cancel last, cancel all, flatten, quantity
// presets on 1–9): off unless the account turned them on, and disabled while the book is not live.
class TradingHotkeys final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradingHotkeys)

public:
    TradingHotkeys(MarketSession& session, QWidget* window);

    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

private:
    MarketSession& m_session;
    QWidget* m_window;
    QPointer<TradingDesk> m_desk;
};
