#include "chartdock.h"

#include "chartwidget.h"
#include "numberformat.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
const CandleInterval kIntervals[] = {CandleInterval::OneMinute,      CandleInterval::FiveMinutes,
                                     CandleInterval::FifteenMinutes, CandleInterval::OneHour,
                                     CandleInterval::FourHours,      CandleInterval::OneDay};
} // namespace

ChartDock::ChartDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_chart(new ChartWidget)
    , m_intervals(new QButtonGroup(this))
    , m_symbol(new QLabel)
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
    bar->addStretch();
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
}

QString ChartDock::symbolText() const
{
    return m_symbol->text();
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
    m_chart->update();
}
