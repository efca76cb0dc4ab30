#include "balancesdock.h"

#include "tradingdesk.h"

#include <QEvent>
#include <QLabel>

BalancesDock::BalancesDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_empty(new QLabel)
{
    setObjectName(QStringLiteral("balancesDock"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    setWidget(m_empty);
    retranslate();
}

void BalancesDock::setDesk(TradingDesk* desk)
{
    m_desk = desk;
    retranslate();
}

void BalancesDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void BalancesDock::retranslate()
{
    setWindowTitle(tr("Balances"));
    m_empty->setText(m_desk ? m_desk->accountLabel() : tr("No trading account: add one in Settings → Accounts."));
}
