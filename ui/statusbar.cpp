#include "statusbar.h"

#include "theme.h"
#include "tradingdesk.h"

#include <QEvent>
#include <QLabel>
#include <QRegularExpression>
#include <QToolButton>

#include <cmath>

MarketStatusBar::MarketStatusBar(MarketSession& session, QWidget* parent)
    : QStatusBar(parent)
    , m_session(session)
    , m_demo(new QLabel)
    , m_venue(new QLabel)
    , m_account(new QLabel)
    , m_notice(new QToolButton)
    , m_rate(new QLabel)
    , m_roundTrip(new QLabel)
    , m_offset(new QLabel)
{
    setObjectName(QStringLiteral("statusBar"));
    m_demo->setObjectName(QStringLiteral("demoBadge"));
    m_demo->setVisible(session.isDemo());
    addWidget(m_demo);
    addWidget(m_venue);
    m_account->setObjectName(QStringLiteral("accountState"));
    m_account->setTextFormat(Qt::RichText);
    m_account->setVisible(false);
    addPermanentWidget(m_account);
    // A margin call must not scroll away like an error message: it stays until the trader clicks it.
    m_notice->setObjectName(QStringLiteral("accountNotice"));
    m_notice->setAutoRaise(true);
    m_notice->setVisible(false);
    connect(m_notice, &QToolButton::clicked, this, &MarketStatusBar::dismissNotice);
    addPermanentWidget(m_notice);
    for (const Category category : session.categories()) {
        auto* label = new QLabel;
        label->setObjectName(QStringLiteral("stream_") + categoryName(category));
        label->setTextFormat(Qt::RichText);
        m_streams.insert(category, label);
        addPermanentWidget(label);
    }
    for (QLabel* label : {m_rate, m_roundTrip, m_offset}) {
        label->setFont(Theme::numberFont());
        addPermanentWidget(label);
    }
    connect(&m_session, &MarketSession::streamStateChanged, this, &MarketStatusBar::refresh);
    connect(&m_session, &MarketSession::problem, this,
            [this](const QString& message) { showMessage(message, 8000); });
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &MarketStatusBar::refresh);
    m_timer.start();
    refresh();
}

QString MarketStatusBar::marketLabel(Category category)
{
    switch (category) {
    case Category::Spot:
        return tr("Spot");
    case Category::Linear:
        return tr("Perp");
    case Category::Inverse:
        return tr("Inverse");
    case Category::Option:
        return tr("Options");
    }
    return {};
}

QString MarketStatusBar::streamText(Category category) const
{
    const QLabel* label = m_streams.value(category);
    return label ? label->text()
                       .remove(QRegularExpression(QStringLiteral("<[^>]*>")))
                       .replace(QStringLiteral("&nbsp;"), QStringLiteral(" "))
                 : QString();
}

void MarketStatusBar::setDesk(TradingDesk* desk)
{
    if (m_desk)
        m_desk->disconnect(this);
    m_desk = desk;
    dismissNotice(); // another account's notice is not this one's
    if (m_desk) {
        connect(m_desk, &TradingDesk::stateChanged, this, &MarketStatusBar::refresh);
        connect(m_desk, &TradingDesk::errorOccurred, this,
                [this](const QString& message) { showMessage(message, 10'000); });
        connect(m_desk, &TradingDesk::noticeReceived, this, [this](const QString& text) {
            m_notice->setText(QStringLiteral("⚠ ") + text);
            m_notice->setToolTip(tr("A notice from the venue to this account. Click to dismiss."));
            m_notice->setStyleSheet(QStringLiteral("QToolButton { color: %1; font-weight: bold; }")
                                        .arg(Theme::colors().warning.name()));
            m_notice->setVisible(true);
        });
    }
    refresh();
}

QString MarketStatusBar::accountText() const
{
    return m_account->isVisible() ? m_account->text()
                                        .remove(QRegularExpression(QStringLiteral("<[^>]*>")))
                                        .replace(QStringLiteral("&nbsp;"), QStringLiteral(" "))
                                  : QString();
}

QString MarketStatusBar::noticeText() const
{
    return m_notice->isVisibleTo(this) ? m_notice->text().mid(2) : QString();
}

void MarketStatusBar::dismissNotice()
{
    m_notice->setVisible(false);
    m_notice->setText({});
}

QString MarketStatusBar::venueText() const
{
    return (m_demo->isVisible() ? m_demo->text() + QLatin1Char(' ') : QString()) + m_venue->text();
}

void MarketStatusBar::refresh()
{
    const ThemeColors& c = Theme::colors();
    m_demo->setText(tr("DEMO"));
    m_demo->setToolTip(tr("The built-in demo venue: simulated prices, no real market and no real money"));
    m_venue->setText(m_session.venueLabel());
    double rate = 0;
    int roundTrip = -1;
    std::optional<qint64> offset;
    for (const MarketSession::StreamStatus& s : m_session.streamStatus()) {
        QString state;
        QColor colour;
        switch (s.state) {
        case StreamClient::State::Live:
            state = tr("live");
            colour = c.up;
            break;
        case StreamClient::State::Connecting:
            state = tr("connecting…");
            colour = c.warning;
            break;
        case StreamClient::State::Reconnecting:
            state = tr("reconnecting in %1 s").arg(std::ceil(static_cast<double>(s.reconnectInMs) / 1000.0));
            colour = c.warning;
            break;
        case StreamClient::State::Closed:
            state = tr("down");
            colour = c.down;
            break;
        }
        if (QLabel* label = m_streams.value(s.category)) {
            // A category on several connections (Binance USDⓈ-M /public and /market) names the one
            // that is not live.
            const QString name =
                s.connection.isEmpty()
                    ? marketLabel(s.category)
                    : tr("%1 %2", "market, connection").arg(marketLabel(s.category), s.connection);
            label->setText(QStringLiteral("<span style=\"color:%1\">●</span>&nbsp;%2: %3")
                               .arg(colour.name(), name.toHtmlEscaped(), state.toHtmlEscaped()));
            label->setToolTip(
                tr("%1 stream: %2 messages/s").arg(marketLabel(s.category)).arg(s.messagesPerSecond));
        }
        rate += s.messagesPerSecond;
        if (s.roundTripMs >= 0)
            roundTrip = std::max(roundTrip, s.roundTripMs);
        if (s.clockOffsetMs && (!offset || std::llabs(*s.clockOffsetMs) > std::llabs(*offset)))
            offset = s.clockOffsetMs;
    }
    m_account->setVisible(m_desk != nullptr);
    if (m_desk) {
        QString state;
        QColor colour = c.warning;
        switch (m_desk->state()) {
        case TradingSession::State::Live:
            state = tr("trading live");
            colour = c.up;
            break;
        case TradingSession::State::Disconnected:
            state = tr("trading off");
            colour = c.down;
            break;
        case TradingSession::State::Connecting:
            state = tr("connecting…");
            break;
        case TradingSession::State::Authenticating:
            state = tr("logging in…");
            break;
        case TradingSession::State::Syncing:
            state = tr("loading orders and positions…");
            break;
        case TradingSession::State::Reconnecting:
            state = tr("reconnecting…");
            break;
        case TradingSession::State::AuthFailed:
            state = tr("login refused: %1").arg(m_desk->lastError());
            colour = c.down;
            break;
        }
        m_account->setText(
            QStringLiteral("<span style=\"color:%1\">●</span>&nbsp;%2: %3")
                .arg(colour.name(), m_desk->accountLabel().toHtmlEscaped(), state.toHtmlEscaped()));
        m_account->setToolTip(tr("The trading account: orders are enabled only while it is live"));
    }
    m_rate->setText(tr("%1 msg/s").arg(static_cast<qint64>(rate)));
    m_rate->setToolTip(tr("Messages per second received over all streams"));
    m_roundTrip->setText(roundTrip >= 0 ? tr("RTT %1 ms").arg(roundTrip) : tr("RTT –"));
    m_roundTrip->setToolTip(tr("Round trip of the venue's ping"));
    m_offset->setText(
        offset ? tr("Clock %1%2 ms").arg(*offset >= 0 ? QStringLiteral("+") : QString()).arg(*offset)
               : tr("Clock –"));
    m_offset->setToolTip(tr("Venue clock minus local clock, estimated from message timestamps"));
}

void MarketStatusBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        refresh();
    QStatusBar::changeEvent(event);
}
