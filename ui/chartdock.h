#pragma once

#include "marketsession.h"

#include <QDockWidget>

class ChartWidget;
class QButtonGroup;
class QLabel;

// The active symbol's candlestick chart with the interval selector (1m … 1d). Choosing an interval
// asks the session for that history over REST and the matching kline stream.
class ChartDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartDock)

public:
    explicit ChartDock(MarketSession& session, QWidget* parent = nullptr);

    ChartWidget* chart() const { return m_chart; }
    QButtonGroup* intervalButtons() const { return m_intervals; }
    QString symbolText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onActiveSymbol();
    void onInterval(CandleInterval interval);

    MarketSession& m_session;
    ChartWidget* m_chart;
    QButtonGroup* m_intervals;
    QLabel* m_symbol;
};
