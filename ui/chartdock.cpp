#include "chartdock.h"

#include "chartwidget.h"
#include "numberformat.h"
#include "theme.h"

#include "models/tickermodel.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QEvent>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
const CandleInterval kIntervals[] = {CandleInterval::OneMinute,      CandleInterval::FiveMinutes,
                                     CandleInterval::FifteenMinutes, CandleInterval::OneHour,
                                     CandleInterval::FourHours,      CandleInterval::OneDay};

// "03:12:45" until a time in the future; empty once it has passed (the venue sends the next one).
QString countdown(qint64 untilMs, qint64 nowMs)
{
    const qint64 left = (untilMs - nowMs) / 1000;
    if (left < 0)
        return {};
    return QStringLiteral("%1:%2:%3")
        .arg(left / 3600, 2, 10, QLatin1Char('0'))
        .arg(left / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(left % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

ChartDock::ChartDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_chart(new ChartWidget)
    , m_intervals(new QButtonGroup(this))
    , m_symbol(new QLabel)
    , m_stats(new QLabel)
{
    setObjectName(QStringLiteral("chartDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->setSpacing(2);
    QFont bold = m_symbol->font();
    bold.setBold(true);
    m_symbol->setFont(bold);
    bar->addWidget(m_symbol);
    bar->addSpacing(8);
    for (const CandleInterval interval : kIntervals) {
        auto* button = new QToolButton;
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setObjectName(QStringLiteral("interval_") + intervalName(interval));
        m_intervals->addButton(button, static_cast<int>(interval));
        bar->addWidget(button);
    }
    m_stats->setObjectName(QStringLiteral("contractStats"));
    m_stats->setFont(Theme::numberFont());
    m_stats->setTextFormat(Qt::PlainText);
    // It takes the room the interval buttons leave and never widens the dock (a narrow chart clips it).
    m_stats->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_stats->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    bar->addSpacing(12);
    bar->addWidget(m_stats, 1);
    m_stats->installEventFilter(this);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    setWidget(body);

    m_chart->setModel(m_session.candleModel());
    m_intervals->setExclusive(true);
    m_intervals->button(static_cast<int>(m_session.candleInterval()))->setChecked(true);
    m_chart->setInterval(m_session.candleInterval());
    connect(m_intervals, &QButtonGroup::idClicked, this,
            [this](int id) { m_session.setCandleInterval(static_cast<CandleInterval>(id)); });
    connect(&m_session, &MarketSession::candleIntervalChanged, this, &ChartDock::onInterval);
    connect(&m_session, &MarketSession::activeSymbolChanged, this, &ChartDock::onActiveSymbol);
    connect(&m_session, &MarketSession::instrumentsLoaded, this, &ChartDock::onActiveSymbol);
    connect(&m_session, &MarketSession::frame, this, &ChartDock::updateStats);
    retranslate();
    onActiveSymbol();
}

void ChartDock::onActiveSymbol()
{
    const SymbolKey key = m_session.activeSymbol();
    m_chart->setTitle(key.symbol);
    m_symbol->setText(key.symbol);
    if (const Instrument* instrument = m_session.instrument(key))
        m_chart->setPriceScale(NumberFormat::scaleOf(instrument->tickSize));
    updateStats();
}

QString ChartDock::symbolText() const
{
    return m_symbol->text();
}

QString ChartDock::statsText() const
{
    return m_statsFull;
}

QString ChartDock::shownStatsText() const
{
    return m_stats->text();
}

void ChartDock::updateStats()
{
    // Read from the watchlist's TickerModel (the store's merged ticker): the same values, no other copy.
    const SymbolKey key = m_session.activeSymbol();
    const TickerModel* model = m_session.tickerModel(key.category);
    const int row = model ? model->rowOfSymbol(key.symbol) : -1;
    std::vector<StatsPart> parts;
    if (row >= 0) {
        const Instrument* instrument = m_session.instrument(key);
        const int scale = instrument ? NumberFormat::scaleOf(instrument->tickSize) : -1;
        const auto price = [&](int column) {
            const QVariant v = model->index(row, column).data(TickerModel::DecimalRole);
            return scale >= 0 ? NumberFormat::decimal(v, scale) : model->index(row, column).data().toString();
        };
        // The rank says what goes first when the chart is too narrow for all: the index, then the open
        // interest, then the mark; the funding rate stays.
        if (const QString mark = price(TickerModel::MarkColumn); !mark.isEmpty())
            parts.push_back({tr("Mark %1").arg(mark), 3});
        if (const QString index = price(TickerModel::IndexColumn); !index.isEmpty())
            parts.push_back({tr("Index %1").arg(index), 1});
        const QModelIndex funding = model->index(row, TickerModel::FundingColumn);
        if (const QString rate = funding.data().toString(); !rate.isEmpty()) {
            const QVariant next = funding.data(TickerModel::NextFundingRole);
            const QString left = next.isValid()
                                     ? countdown(next.toLongLong(), QDateTime::currentMSecsSinceEpoch())
                                     : QString();
            parts.push_back(
                {left.isEmpty() ? tr("Funding %1").arg(rate) : tr("Funding %1 in %2").arg(rate, left), 0});
        }
        const QVariant oi =
            model->index(row, TickerModel::OpenInterestColumn).data(TickerModel::UnderlyingDataRole);
        if (oi.isValid())
            parts.push_back({tr("OI %1").arg(NumberFormat::compact(oi.toDouble())), 2});
    }
    m_statsParts = std::move(parts);
    fitStats();
}

void ChartDock::fitStats()
{
    const auto join = [this](int droppedBelow) {
        QStringList shown;
        for (const StatsPart& part : m_statsParts) {
            if (part.dropRank == 0 || part.dropRank >= droppedBelow)
                shown << part.text;
        }
        return shown.join(QStringLiteral("   "));
    };
    m_statsFull = join(0);
    QString text = m_statsFull;
    const QFontMetrics metrics(m_stats->font());
    for (int dropped = 2; dropped <= 4 && metrics.horizontalAdvance(text) > m_stats->width(); ++dropped)
        text = join(dropped);
    if (text != m_stats->text())
        m_stats->setText(text);
}

bool ChartDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_stats && event->type() == QEvent::Resize)
        fitStats();
    return QDockWidget::eventFilter(watched, event);
}

void ChartDock::onInterval(CandleInterval interval)
{
    if (QAbstractButton* button = m_intervals->button(static_cast<int>(interval)))
        button->setChecked(true);
    m_chart->setInterval(interval);
}

void ChartDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void ChartDock::retranslate()
{
    setWindowTitle(tr("Chart"));
    for (const CandleInterval interval : kIntervals) {
        QAbstractButton* button = m_intervals->button(static_cast<int>(interval));
        button->setText(ChartWidget::intervalLabel(interval));
        button->setToolTip(tr("Candles of %1").arg(ChartWidget::intervalLabel(interval)));
    }
    m_stats->setToolTip(
        tr("Mark and index price, the funding rate (positive: longs pay shorts) with the time "
           "until it is paid, and the open interest, as the venue streams them"));
    updateStats();
    m_chart->update();
}
