#include "positionsdock.h"

#include "tradingdesk.h"

#include <QEvent>
#include <QLabel>

PositionsDock::PositionsDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_empty(new QLabel)
{
    setObjectName(QStringLiteral("positionsDock"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    setWidget(m_empty);
    retranslate();
}

void PositionsDock::setDesk(TradingDesk* desk)
{
    m_desk = desk;
    retranslate();
}

void PositionsDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void PositionsDock::retranslate()
{
    setWindowTitle(tr("Positions"));
    m_empty->setText(m_desk ? m_desk->accountLabel() : tr("No trading account: add one in Settings → Accounts."));
}
