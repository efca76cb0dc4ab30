#pragma once

#include "marketsession.h"

#include <QDockWidget>

#include <vector>

class ChartWidget;
class QButtonGroup;
class QLabel;

// The active symbol's candlestick chart with the interval selector (1m … 1d). Choosing an interval
// asks the session for that history over REST and the matching kline stream. For a contract the
// header also shows what the venue streams of it: mark and index price, the funding rate with the time
// left until it is paid, and the open interest.
class ChartDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartDock)

public:
    explicit ChartDock(MarketSession& session, QWidget* parent = nullptr);

    ChartWidget* chart() const { return m_chart; }
    QButtonGroup* intervalButtons() const { return m_intervals; }
    QString symbolText() const;
    // "Mark 112041.2   Index 112039.8   Funding +0.0100 % in 03:12:45   OI 1.23K"; empty for spot or a
    // venue that sends none of them. shownStatsText() is what the header has room for (the index, then
    // the open interest, then the mark left out of a narrow chart; never the funding rate).
    QString statsText() const;
    QString shownStatsText() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onActiveSymbol();
    void onInterval(CandleInterval interval);
    void updateStats();
    void fitStats();

    struct StatsPart
    {
        QString text;
        int dropRank = 0; // 0: always shown; else left out, lowest first, when there is no room
    };

    MarketSession& m_session;
    ChartWidget* m_chart;
    QButtonGroup* m_intervals;
    QLabel* m_symbol;
    QLabel* m_stats;
    std::vector<StatsPart> m_statsParts;
    QString m_statsFull;
};
