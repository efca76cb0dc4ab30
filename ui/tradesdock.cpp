#include "tradesdock.h"

#include "numberformat.h"
#include "theme.h"

#include "models/tradesmodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// Prices and sizes in the instrument's digits, coloured by the taker's side.
class TapeDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setScales(int priceScale, int sizeScale)
    {
        m_priceScale = priceScale;
        m_sizeScale = sizeScale;
    }

    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->font = Theme::numberFont();
        const auto side = index.data(TradesModel::SideRole).value<Side>();
        const ThemeColors& c = Theme::colors();
        const QColor sideColour = side == Side::Buy ? c.up : c.down;
        switch (index.column()) {
        case TradesModel::TimeColumn:
            option->palette.setColor(QPalette::Text, c.dimText);
            break;
        case TradesModel::PriceColumn:
            option->text = NumberFormat::decimal(index.data(TradesModel::DecimalRole), m_priceScale);
            option->palette.setColor(QPalette::Text, sideColour);
            break;
        case TradesModel::SizeColumn:
            option->text = NumberFormat::decimal(index.data(TradesModel::DecimalRole), m_sizeScale);
            break;
        case TradesModel::SideColumn:
            option->text = side == Side::Buy ? TradesDock::tr("Buy") : TradesDock::tr("Sell");
            option->palette.setColor(QPalette::Text, sideColour);
            option->displayAlignment = Qt::AlignCenter;
            break;
        default:
            break;
        }
    }

private:
    int m_priceScale = -1;
    int m_sizeScale = -1;
};

} // namespace

TradesDock::TradesDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_view(new QTableView)
    , m_symbol(new QLabel)
{
    setObjectName(QStringLiteral("tradesDock"));
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
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    setWidget(body);

    m_view->setModel(m_session.tradesModel());
    m_view->setItemDelegate(new TapeDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(QFontMetrics(Theme::numberFont()).height() + 3);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    connect(&m_session, &MarketSession::activeSymbolChanged, this, &TradesDock::onActiveSymbol);
    connect(&m_session, &MarketSession::instrumentsLoaded, this, &TradesDock::onActiveSymbol);
    retranslate();
    onActiveSymbol();
}

QString TradesDock::symbolText() const
{
    return m_symbol->text();
}

void TradesDock::onActiveSymbol()
{
    const SymbolKey key = m_session.activeSymbol();
    m_symbol->setText(key.symbol);
    const Instrument* instrument = m_session.instrument(key);
    static_cast<TapeDelegate*>(m_view->itemDelegate())
        ->setScales(instrument ? NumberFormat::scaleOf(instrument->tickSize) : -1,
                    instrument ? NumberFormat::scaleOf(instrument->lotSize) : -1);
    m_view->viewport()->update();
}

void TradesDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void TradesDock::retranslate()
{
    setWindowTitle(tr("Trades"));
    m_view->horizontalHeader()->viewport()->update();
    m_view->viewport()->update();
}
