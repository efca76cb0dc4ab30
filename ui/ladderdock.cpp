#include "ladderdock.h"

#include "ladderwidget.h"
#include "numberformat.h"
#include "tradingdesk.h"

#include "models/orderbookmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace {
const int kDepths[] = {10, 20, 50};
const int kGroupMultiples[] = {1, 2, 5, 10, 25, 50, 100, 500, 1000};
} // namespace

LadderDock::LadderDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_ladder(new LadderWidget)
    , m_symbol(new QLabel)
    , m_depthLabel(new QLabel)
    , m_groupingLabel(new QLabel)
    , m_depth(new QComboBox)
    , m_grouping(new QComboBox)
{
    setObjectName(QStringLiteral("ladderDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 4, 2);
    QFont bold = m_symbol->font();
    bold.setBold(true);
    m_symbol->setFont(bold);
    bar->addWidget(m_symbol);
    bar->addStretch();
    bar->addSpacing(8);
    bar->addWidget(m_depthLabel);
    bar->addWidget(m_depth);
    bar->addSpacing(4);
    bar->addWidget(m_groupingLabel);
    bar->addWidget(m_grouping);
    layout->addLayout(bar);
    layout->addWidget(m_ladder, 1);
    setWidget(body);

    m_depth->setObjectName(QStringLiteral("ladderDepth"));
    m_depth->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_grouping->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_grouping->setObjectName(QStringLiteral("ladderGrouping"));
    const int savedDepth = QSettings().value(QStringLiteral("ladder/depth"), 20).toInt();
    for (const int d : kDepths) {
        m_depth->addItem(QString::number(d), d);
        if (d == savedDepth)
            m_depth->setCurrentIndex(m_depth->count() - 1);
    }
    OrderBookModel* model = m_session.bookModel();
    model->setDepth(m_depth->currentData().toInt());
    m_ladder->setModel(model);
    connect(m_depth, &QComboBox::currentIndexChanged, this, [this] {
        const int depth = m_depth->currentData().toInt();
        m_session.bookModel()->setDepth(depth);
        QSettings().setValue(QStringLiteral("ladder/depth"), depth);
    });
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &LadderDock::applyGrouping);
    connect(&m_session, &MarketSession::activeSymbolChanged, this, &LadderDock::onActiveSymbol);
    connect(&m_session, &MarketSession::instrumentsLoaded, this, &LadderDock::onActiveSymbol);
    connect(&m_session, &MarketSession::frame, m_ladder, &LadderWidget::animate);
    retranslate();
    onActiveSymbol();
}

void LadderDock::setDesk(TradingDesk* desk)
{
    m_desk = desk;
}

QString LadderDock::symbolText() const
{
    return m_symbol->text();
}

void LadderDock::onActiveSymbol()
{
    const SymbolKey key = m_session.activeSymbol();
    m_symbol->setText(key.symbol);
    const Instrument* instrument = m_session.instrument(key);
    m_ladder->setScales(instrument ? NumberFormat::scaleOf(instrument->tickSize) : -1,
                        instrument ? NumberFormat::scaleOf(instrument->lotSize) : -1);
    fillGroupings();
}

void LadderDock::fillGroupings()
{
    const Instrument* instrument = m_session.instrument(m_session.activeSymbol());
    const QSignalBlocker blocker(m_grouping);
    m_grouping->clear();
    if (!instrument || instrument->tickSize.isZero()) {
        m_grouping->setEnabled(false);
        m_session.bookModel()->setGrouping(Decimal());
        return;
    }
    m_grouping->setEnabled(true);
    for (const int multiple : kGroupMultiples) {
        const auto step = Decimal::multiply(instrument->tickSize, Decimal::fromMantissa(multiple, 0));
        if (!step)
            break;
        // 1 × tick is no grouping at all.
        m_grouping->addItem(step->normalized().toString(), multiple == 1 ? QString() : step->toString());
    }
    m_grouping->setCurrentIndex(0);
    applyGrouping();
}

void LadderDock::applyGrouping()
{
    const QString step = m_grouping->currentData().toString();
    const auto parsed = step.isEmpty() ? std::optional<Decimal>() : Decimal::parse(step);
    m_session.bookModel()->setGrouping(parsed.value_or(Decimal()));
}

void LadderDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void LadderDock::retranslate()
{
    setWindowTitle(tr("Order book"));
    m_depthLabel->setText(tr("Levels"));
    m_groupingLabel->setText(tr("Group"));
    m_depth->setToolTip(tr("Price levels shown on each side"));
    m_grouping->setToolTip(tr("Aggregate price levels into steps of this size (multiples of the tick)"));
    m_ladder->update();
}
