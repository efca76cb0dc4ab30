#include "tradinghotkeys.h"

#include "tradingdesk.h"

#include <QWidget>

TradingHotkeys::TradingHotkeys(MarketSession& session, QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{}

void TradingHotkeys::setDesk(TradingDesk* desk)
{
    m_desk = desk;
}
