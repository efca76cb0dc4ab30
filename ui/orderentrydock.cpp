#include "orderentrydock.h"

#include "tradingdesk.h"

#include <QEvent>
#include <QLabel>

OrderEntryDock::OrderEntryDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_empty(new QLabel)
{
    setObjectName(QStringLiteral("orderEntryDock"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    setWidget(m_empty);
    retranslate();
}

void OrderEntryDock::setDesk(TradingDesk* desk)
{
    m_desk = desk;
    retranslate();
}

void OrderEntryDock::setPrice(const Decimal& price)
{
    Q_UNUSED(price);
}

void OrderEntryDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void OrderEntryDock::retranslate()
{
    setWindowTitle(tr("Order entry"));
    m_empty->setText(m_desk ? m_desk->accountLabel() : tr("No trading account: add one in Settings → Accounts."));
}
