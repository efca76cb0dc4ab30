#pragma once

#include "marketsession.h"

#include <QDockWidget>

class QLabel;
class QTableView;

// The active symbol's trade tape, newest on top, bounded by TradesModel's capacity: time, price and
// size coloured by the taker's side.
class TradesDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradesDock)

public:
    explicit TradesDock(MarketSession& session, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QString symbolText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onActiveSymbol();

    MarketSession& m_session;
    QTableView* m_view;
    QLabel* m_symbol;
};
