#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;


// The trading account's positions, each with a close button.
class PositionsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PositionsDock)

public:
    explicit PositionsDock(MarketSession& session, QWidget* parent = nullptr);

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
