#include "symbolpicker.h"

#include "numberformat.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {
constexpr int KeyRole = Qt::UserRole + 1;

QString marketName(Category category)
{
    switch (category) {
    case Category::Spot:
        return SymbolPicker::tr("Spot");
    case Category::Linear:
        return SymbolPicker::tr("USDT perpetual");
    case Category::Inverse:
        return SymbolPicker::tr("Inverse");
    case Category::Option:
        return SymbolPicker::tr("Option");
    }
    return {};
}
} // namespace

SymbolPicker::SymbolPicker(MarketSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_filter(new QLineEdit)
    , m_view(new QTableView)
    , m_status(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Add symbols"));
    resize(560, 480);
    auto* layout = new QVBoxLayout(this);
    m_filter->setPlaceholderText(tr("Filter, e.g. BTC"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(0);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (!selectedSymbols().isEmpty())
            accept();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SymbolPicker::updateButtons);
    connect(&m_session, &MarketSession::instrumentsLoaded, this, &SymbolPicker::fill);
    fill();
    m_filter->setFocus();
}

void SymbolPicker::fill()
{
    m_model->clear();
    m_model->setHorizontalHeaderLabels(
        {tr("Symbol"), tr("Market"), tr("Base"), tr("Quote"), tr("Tick size")});
    const QList<SymbolKey> listed = m_session.watchlist();
    int count = 0;
    for (const Category category : m_session.categories()) {
        for (const Instrument& i : m_session.instruments(category)) {
            if (!i.trading)
                continue;
            const SymbolKey key{category, i.symbol};
            QList<QStandardItem*> row{new QStandardItem(i.symbol), new QStandardItem(marketName(category)),
                                      new QStandardItem(i.baseAsset), new QStandardItem(i.quoteAsset),
                                      new QStandardItem(i.tickSize.normalized().toString())};
            row.first()->setData(key.toString(), KeyRole);
            if (listed.contains(key)) {
                for (QStandardItem* item : row) {
                    item->setEnabled(false);
                    item->setToolTip(tr("Already in the watchlist"));
                }
            }
            m_model->appendRow(row);
            ++count;
        }
    }
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->resizeColumnsToContents();
    m_status->setText(count == 0 ? tr("Waiting for the venue's instrument list…")
                                 : tr("%n instrument(s)", nullptr, count));
    updateButtons();
}

QList<SymbolKey> SymbolPicker::selectedSymbols() const
{
    QList<SymbolKey> keys;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows(0)) {
        if (!(index.flags() & Qt::ItemIsEnabled))
            continue;
        if (const auto key = SymbolKey::fromString(index.data(KeyRole).toString()))
            keys << *key;
    }
    return keys;
}

void SymbolPicker::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!selectedSymbols().isEmpty());
}
