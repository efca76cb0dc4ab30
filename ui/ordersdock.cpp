#include "ordersdock.h"

#include "tradingdesk.h"

#include <QEvent>
#include <QLabel>

OrdersDock::OrdersDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_empty(new QLabel)
{
    setObjectName(QStringLiteral("ordersDock"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    setWidget(m_empty);
    retranslate();
}

void OrdersDock::setDesk(TradingDesk* desk)
{
    m_desk = desk;
    retranslate();
}

void OrdersDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void OrdersDock::retranslate()
{
    setWindowTitle(tr("Orders"));
    m_empty->setText(m_desk ? m_desk->accountLabel() : tr("No trading account: add one in Settings → Accounts."));
}
