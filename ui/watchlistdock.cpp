#include "watchlistdock.h"

#include "numberformat.h"
#include "symbolpicker.h"
#include "theme.h"
#include "watchlistmodel.h"

#include "models/tickermodel.h"

#include <QEvent>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace {

QString categoryTag(Category category)
{
    switch (category) {
    case Category::Spot:
        return WatchlistDock::tr("SPOT");
    case Category::Linear:
        return WatchlistDock::tr("PERP");
    case Category::Inverse:
        return WatchlistDock::tr("INV");
    case Category::Option:
        return WatchlistDock::tr("OPT");
    }
    return {};
}

// Colours the last price by its latest tick and the 24 h change by its sign, prints volumes compactly,
// and draws the symbol with a small market tag.
class WatchlistDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const ThemeColors& c = Theme::colors();
        if (index.column() != TickerModel::SymbolColumn)
            option->font = Theme::numberFont();
        int sign = 0;
        if (index.column() == TickerModel::LastColumn)
            sign = index.data(TickerModel::TickDirectionRole).toInt();
        else if (index.column() == TickerModel::Change24hColumn)
            sign = index.data(TickerModel::ChangeSignRole).toInt();
        if (sign != 0) {
            const QColor colour = sign > 0 ? c.up : c.down;
            option->palette.setColor(QPalette::Text, colour);
            option->palette.setColor(QPalette::HighlightedText, colour);
        }
        if (index.column() == TickerModel::Change24hColumn) {
            // Venues send the change with up to six digits; two read better and line up.
            const QVariant raw = index.data(TickerModel::UnderlyingDataRole);
            if (raw.isValid())
                option->text = QString::asprintf("%+.2f %%", raw.toDouble() * 100);
        }
        if (index.column() == TickerModel::Volume24hColumn) {
            const QVariant raw = index.data(TickerModel::UnderlyingDataRole);
            if (raw.isValid())
                option->text = NumberFormat::compact(raw.toDouble());
        }
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        if (index.column() != TickerModel::SymbolColumn) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString symbol = opt.text;
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        const QRect r = option.rect.adjusted(6, 0, -4, 0);
        QFont bold = opt.font;
        bold.setBold(true);
        painter->save();
        painter->setFont(bold);
        painter->setPen(Theme::colors().text);
        painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, symbol);
        const int used = QFontMetrics(bold).horizontalAdvance(symbol);
        QFont small = opt.font;
        if (opt.font.pointSizeF() > 0)
            small.setPointSizeF(opt.font.pointSizeF() * 0.8);
        else
            small.setPixelSize(std::max(8, opt.font.pixelSize() * 4 / 5));
        painter->setFont(small);
        painter->setPen(Theme::colors().dimText);
        const auto category = static_cast<Category>(index.data(WatchlistModel::CategoryRole).toInt());
        painter->drawText(r.adjusted(used + 6, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          categoryTag(category));
        painter->restore();
    }
};

} // namespace

WatchlistDock::WatchlistDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_model(new WatchlistModel(session, this))
    , m_view(new QTableView)
    , m_addButton(new QToolButton)
    , m_removeButton(new QToolButton)
{
    setObjectName(QStringLiteral("watchlistDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_addButton);
    bar->addWidget(m_removeButton);
    bar->addStretch();
    layout->addLayout(bar);
    layout->addWidget(m_view);
    setWidget(body);

    m_addButton->setObjectName(QStringLiteral("addSymbolButton"));
    m_removeButton->setObjectName(QStringLiteral("removeSymbolButton"));
    m_addButton->setAutoRaise(true);
    m_removeButton->setAutoRaise(true);
    connect(m_addButton, &QToolButton::clicked, this, &WatchlistDock::addSymbols);
    connect(m_removeButton, &QToolButton::clicked, this, &WatchlistDock::removeSelected);

    m_view->setModel(m_model);
    m_view->setItemDelegate(new WatchlistDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSortIndicatorClearable(true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->setColumnHidden(TickerModel::High24hColumn, true);
    m_view->setColumnHidden(TickerModel::Low24hColumn, true);
    // Contract statistics are for the active symbol (the chart's header), not for every row.
    for (const int column : {TickerModel::MarkColumn, TickerModel::IndexColumn, TickerModel::FundingColumn,
                             TickerModel::OpenInterestColumn})
        m_view->setColumnHidden(column, true);
    m_view->installEventFilter(this);
    sizeColumns();

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(&m_session, &MarketSession::activeSymbolChanged, this, [this] { selectActive(); });
    connect(&m_session, &MarketSession::watchlistChanged, this, [this] { selectActive(); });
    retranslate();
    selectActive();
}

void WatchlistDock::sizeColumns()
{
    QHeaderView* header = m_view->horizontalHeader();
    const QFontMetrics numbers(Theme::numberFont());
    const int pad = 10;
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    // Room for the longest symbol and its market tag; the last column takes what is left.
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.8);
    int tag = 0;
    for (const Category category : m_session.categories())
        tag = std::max(tag, QFontMetrics(small).horizontalAdvance(categoryTag(category)));
    m_view->setColumnWidth(TickerModel::SymbolColumn,
                           QFontMetrics(bold).horizontalAdvance(QStringLiteral("DOGEUSDT")) + tag + 22);
    header->setMinimumSectionSize(40);
    const QFontMetrics headerMetrics(header->font());
    const auto fit = [&](int column, const QString& sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_view->setColumnWidth(column, std::max(numbers.horizontalAdvance(sample) + pad,
                                                headerMetrics.horizontalAdvance(title) + pad));
    };
    fit(TickerModel::LastColumn, QStringLiteral("000000.00"));
    fit(TickerModel::BidColumn, QStringLiteral("000000.00"));
    fit(TickerModel::AskColumn, QStringLiteral("000000.00"));
    fit(TickerModel::Change24hColumn, QStringLiteral("+00.00 %"));
    fit(TickerModel::Volume24hColumn, QStringLiteral("000.00M"));
}

void WatchlistDock::onCurrentChanged(const QModelIndex& current)
{
    const SymbolKey key = m_model->keyAt(current);
    if (key.isValid())
        m_session.setActiveSymbol(key);
}

void WatchlistDock::selectActive()
{
    const QModelIndex index = m_model->indexOf(m_session.activeSymbol());
    if (!index.isValid() || index.row() == m_view->currentIndex().row())
        return;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
}

void WatchlistDock::addSymbols()
{
    SymbolPicker picker(m_session, this);
    if (picker.exec() != QDialog::Accepted)
        return;
    const QList<SymbolKey> chosen = picker.selectedSymbols();
    for (const SymbolKey& key : chosen)
        m_session.addToWatchlist(key);
    if (!chosen.isEmpty())
        m_session.setActiveSymbol(chosen.first());
}

void WatchlistDock::removeSelected()
{
    const SymbolKey key = m_model->keyAt(m_view->currentIndex());
    if (!key.isValid())
        return;
    const int row = m_view->currentIndex().row();
    m_session.removeFromWatchlist(key);
    // The next row (or the last) becomes current, and with it the active symbol.
    if (m_model->rowCount() > 0) {
        const QModelIndex next = m_model->index(std::min(row, m_model->rowCount() - 1), 0);
        m_view->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
    }
}

bool WatchlistDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Delete) {
            removeSelected();
            return true;
        }
        if (key->key() == Qt::Key_Insert) {
            addSymbols();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

void WatchlistDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange)
        sizeColumns();
    QDockWidget::changeEvent(event);
}

void WatchlistDock::retranslate()
{
    setWindowTitle(tr("Watchlist"));
    m_addButton->setText(tr("+ Add symbol…"));
    m_addButton->setToolTip(tr("Add symbols from the venue's instruments (Insert)"));
    m_removeButton->setText(tr("− Remove"));
    m_removeButton->setToolTip(tr("Remove the selected symbol from the watchlist (Delete)"));
    m_view->horizontalHeader()->viewport()->update();
}
