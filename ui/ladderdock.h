#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QPointer>

class LadderWidget;
class QComboBox;
class QLabel;


// The active symbol's order book as a ladder, with the levels per side and the price grouping
// (multiples of the tick) selectable.
class LadderDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LadderDock)

public:
    explicit LadderDock(MarketSession& session, QWidget* parent = nullptr);

    LadderWidget* ladder() const { return m_ladder; }
    QComboBox* depthBox() const { return m_depth; }
    QComboBox* groupingBox() const { return m_grouping; }
    QString symbolText() const;
    // The account ladder clicks trade with (not owned; nullptr: none).
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

Q_SIGNALS:
    // The user picked a price on the ladder (the order entry takes it).
    void priceSelected(const Decimal& price);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onActiveSymbol();
    void fillGroupings();
    void applyGrouping();

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    LadderWidget* m_ladder;
    QLabel* m_symbol;
    QLabel* m_depthLabel;
    QLabel* m_groupingLabel;
    QComboBox* m_depth;
    QComboBox* m_grouping;
};
