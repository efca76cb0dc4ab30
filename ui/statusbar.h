#pragma once

#include "marketsession.h"

#include <QHash>
#include <QPointer>
#include <QStatusBar>
#include <QTimer>

class QLabel;
class QToolButton;
class TradingDesk;

// The venue (with a DEMO badge on the demo venue), each stream's state — live, reconnecting in N s,
// down — and its messages per second, the trading account's state (live, syncing, reconnecting, login
// refused), the round trip of the venue's ping, and the venue's clock offset.
// A stream's state is shown the moment it changes; the counters are refreshed twice a second.
class MarketStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketStatusBar)

public:
    explicit MarketStatusBar(MarketSession& session, QWidget* parent = nullptr);

    // The text shown for one category's stream, e.g. "Perp: reconnecting in 2 s".
    QString streamText(Category category) const;
    QString venueText() const;
    // The trading account and its state, e.g. "Bybit · demo (demo): live"; "" without one.
    QString accountText() const;
    void setDesk(TradingDesk* desk);
    // The venue's last notice to the account (a margin call), shown until clicked away; "" when none.
    QString noticeText() const;
    void dismissNotice();

    static QString marketLabel(Category category); // "Perp", "Spot"

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();

    MarketSession& m_session;
    QLabel* m_demo;
    QLabel* m_venue;
    QLabel* m_account;
    QToolButton* m_notice;
    QPointer<TradingDesk> m_desk;
    QHash<Category, QLabel*> m_streams;
    QLabel* m_rate;
    QLabel* m_roundTrip;
    QLabel* m_offset;
    QTimer m_timer;
};
