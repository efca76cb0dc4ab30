#include "ordersdock.h"

#include "accounttable.h"
#include "theme.h"
#include "tradingdesk.h"

#include "models/fillsmodel.h"
#include "models/openordersmodel.h"
#include "models/orderhistorymodel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

OrdersDock::OrdersDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget)
    , m_noAccount(new QLabel)
    , m_tabs(new QTabWidget)
    , m_open(new AccountTable(&session))
    , m_history(new AccountTable(&session))
    , m_fills(new AccountTable(&session))
    , m_activeOnly(new QCheckBox)
    , m_cancelAll(new QPushButton)
    , m_message(new QLabel)
{
    setObjectName(QStringLiteral("ordersDock"));
    m_noAccount->setObjectName(QStringLiteral("ordersNoAccount"));
    m_noAccount->setAlignment(Qt::AlignCenter);
    m_noAccount->setWordWrap(true);
    m_tabs->setObjectName(QStringLiteral("ordersTabs"));
    m_open->setObjectName(QStringLiteral("openOrdersTable"));
    m_history->setObjectName(QStringLiteral("orderHistoryTable"));
    m_fills->setObjectName(QStringLiteral("fillsTable"));
    m_open->view()->setObjectName(QStringLiteral("openOrdersView"));
    m_history->view()->setObjectName(QStringLiteral("orderHistoryView"));
    m_fills->view()->setObjectName(QStringLiteral("fillsView"));
    m_activeOnly->setObjectName(QStringLiteral("activeSymbolOnly"));
    m_cancelAll->setObjectName(QStringLiteral("cancelAllButton"));
    m_message->setObjectName(QStringLiteral("ordersMessage"));

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* corner = new QWidget;
    auto* bar = new QHBoxLayout(corner);
    bar->setContentsMargins(4, 0, 4, 0);
    bar->addWidget(m_activeOnly);
    bar->addWidget(m_cancelAll);
    m_tabs->setCornerWidget(corner, Qt::TopRightCorner);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_open, QString());
    m_tabs->addTab(m_history, QString());
    m_tabs->addTab(m_fills, QString());
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setContentsMargins(6, 2, 6, 2);
    m_message->hide();
    layout->addWidget(m_message);
    layout->addWidget(m_tabs);
    m_stack->addWidget(m_noAccount);
    m_stack->addWidget(body);
    setWidget(m_stack);

    const auto filter = [this](const QModelIndex& row) { return showsRow(row); };
    for (AccountTable* table : {m_open, m_history, m_fills})
        table->setRowFilter(filter);
    m_open->setActionFactory([this](const QString& orderId) { return makeRowActions(orderId); });
    connect(m_open, &AccountTable::rowsChanged, this, &OrdersDock::updateActions);
    connect(m_open, &AccountTable::rowDoubleClicked, this, [this](const QString& orderId, int column) {
        if (column == OpenOrdersModel::PriceColumn || column == OpenOrdersModel::QuantityColumn)
            amendOrder(orderId, column == OpenOrdersModel::PriceColumn ? AmendDialog::Field::Price
                                                                         : AmendDialog::Field::Quantity);
    });
    m_open->view()->installEventFilter(this);
    connect(m_open, &AccountTable::contextMenuRequested, this,
            [this](const QString& orderId, int, const QPoint& pos) { showContextMenu(orderId, pos); });
    connect(m_activeOnly, &QCheckBox::toggled, this, [this] {
        for (AccountTable* table : {m_open, m_history, m_fills})
            table->refilter();
        updateActions();
    });
    connect(m_cancelAll, &QPushButton::clicked, this, &OrdersDock::cancelAllForActiveSymbol);
    connect(&m_session, &MarketSession::activeSymbolChanged, this, [this] {
        if (m_activeOnly->isChecked()) {
            for (AccountTable* table : {m_open, m_history, m_fills})
                table->refilter();
        }
        retranslate(); // the Cancel all button names the symbol
        updateActions();
    });
    retranslate();
    setDesk(nullptr);
}

void OrdersDock::setDesk(TradingDesk* desk)
{
    if (m_desk)
        m_desk->disconnect(this);
    m_desk = desk;
    ++m_deskGeneration;
    m_busy.clear();
    m_cancellingAll = false;
    if (m_amendDialog)
        m_amendDialog->reject();
    clearMessage();
    m_open->setModel(desk ? desk->openOrdersModel() : nullptr);
    m_history->setModel(desk ? desk->orderHistoryModel() : nullptr);
    m_fills->setModel(desk ? desk->fillsModel() : nullptr);
    m_open->showColumnAfter(OpenOrdersModel::TriggerColumn, OpenOrdersModel::PriceColumn);
    m_history->showColumnAfter(OrderHistoryModel::TriggerColumn, OrderHistoryModel::PriceColumn);
    m_open->sortBy(OpenOrdersModel::CreatedColumn, Qt::DescendingOrder);
    m_history->sortBy(OrderHistoryModel::TimeColumn, Qt::DescendingOrder);
    m_fills->sortBy(FillsModel::TimeColumn, Qt::DescendingOrder);
    if (desk)
        connect(desk, &TradingDesk::stateChanged, this, &OrdersDock::updateActions);
    m_stack->setCurrentIndex(desk ? 1 : 0);
    retranslate();
    updateActions();
}

QTableView* OrdersDock::openOrdersView() const
{
    return m_open->view();
}

QTableView* OrdersDock::historyView() const
{
    return m_history->view();
}

QTableView* OrdersDock::fillsView() const
{
    return m_fills->view();
}

void OrdersDock::setActiveSymbolOnly(bool on)
{
    m_activeOnly->setChecked(on);
}

bool OrdersDock::activeSymbolOnly() const
{
    return m_activeOnly->isChecked();
}

bool OrdersDock::showsRow(const QModelIndex& sourceRow) const
{
    if (!m_activeOnly->isChecked())
        return true;
    const SymbolKey active = m_session.activeSymbol();
    return sourceRow.data(TradingTableModel::SymbolRole).toString() == active.symbol &&
           sourceRow.data(TradingTableModel::CategoryRole).toInt() == static_cast<int>(active.category);
}

QAbstractButton* OrdersDock::cancelButton(const QString& orderId) const
{
    QWidget* actions = m_open->actionWidget(orderId);
    return actions ? actions->findChild<QAbstractButton*>(QStringLiteral("cancelButton")) : nullptr;
}

QAbstractButton* OrdersDock::amendButton(const QString& orderId) const
{
    QWidget* actions = m_open->actionWidget(orderId);
    return actions ? actions->findChild<QAbstractButton*>(QStringLiteral("amendButton")) : nullptr;
}

QWidget* OrdersDock::makeRowActions(const QString& orderId)
{
    auto* actions = new QWidget;
    auto* layout = new QHBoxLayout(actions);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->setSpacing(2);
    auto* amend = new QToolButton;
    amend->setObjectName(QStringLiteral("amendButton"));
    amend->setText(tr("Amend"));
    amend->setToolTip(tr("Change the price or quantity of this order"));
    auto* cancel = new QToolButton;
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setText(tr("Cancel"));
    cancel->setToolTip(tr("Cancel this order"));
    layout->addWidget(amend);
    layout->addWidget(cancel);
    layout->addStretch();
    connect(amend, &QToolButton::clicked, this, [this, orderId] { amendOrder(orderId); });
    connect(cancel, &QToolButton::clicked, this, [this, orderId] { cancelOrder(orderId); });
    const bool busy = m_busy.contains(orderId);
    amend->setEnabled(!busy);
    cancel->setEnabled(!busy);
    return actions;
}

void OrdersDock::updateActions()
{
    const OpenOrdersModel* model = m_desk ? m_desk->openOrdersModel() : nullptr;
    // A cancelled order's lock goes with its row.
    for (auto it = m_busy.begin(); it != m_busy.end();) {
        if (!model || model->rowOfKey(*it) < 0)
            it = m_busy.erase(it);
        else
            ++it;
    }
    for (QWidget* actions : m_open->actionWidgets()) {
        const bool busy = m_busy.contains(actions->property("rowKey").toString());
        for (QAbstractButton* button : actions->findChildren<QAbstractButton*>())
            button->setEnabled(!busy);
    }
    bool anyForSymbol = false;
    if (model) {
        const SymbolKey active = m_session.activeSymbol();
        for (int row = 0; row < model->rowCount() && !anyForSymbol; ++row) {
            const Order* order = model->rowAt(row);
            anyForSymbol = order->symbol == active.symbol && order->category == active.category;
        }
    }
    m_cancelAll->setEnabled(anyForSymbol && !m_cancellingAll);
    const int open = model ? model->rowCount() : 0;
    m_tabs->setTabText(OpenOrdersTab, open > 0 ? tr("Open orders (%1)").arg(open) : tr("Open orders"));
}

void OrdersDock::showMessage(const QString& text)
{
    QPalette warn = m_message->palette();
    warn.setColor(QPalette::WindowText, Theme::colors().down);
    m_message->setPalette(warn);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void OrdersDock::clearMessage()
{
    m_message->clear();
    m_message->hide();
}

void OrdersDock::cancelOrder(const QString& orderId)
{
    if (!m_desk || m_busy.contains(orderId))
        return;
    const Order* found = m_desk->openOrdersModel()->find(orderId);
    if (!found)
        return;
    const Order order = *found;
    clearMessage();
    m_busy.insert(orderId);
    updateActions();
    QPointer<OrdersDock> self(this);
    const std::uint64_t generation = m_deskGeneration;
    m_desk->cancelOrder(order, [self, generation, orderId](const Result<OrderAck, RestError>& result) {
        if (!self || generation != self->m_deskGeneration)
            return;
        if (!result) {
            // The venue's text, verbatim (it may be that the order filled or was cancelled meanwhile).
            self->m_busy.remove(orderId);
            self->showMessage(tr("Cancel failed: %1").arg(result.error().message));
        }
        // Acknowledged: the button stays locked until the order leaves the table.
        self->updateActions();
    });
}

void OrdersDock::amendOrder(const QString& orderId, AmendDialog::Field focus)
{
    if (!m_desk || m_busy.contains(orderId))
        return;
    const Order* order = m_desk->openOrdersModel()->find(orderId);
    if (!order)
        return;
    const Instrument* instrument = m_session.instrument(SymbolKey{order->category, order->symbol});
    if (!instrument) {
        showMessage(tr("Cannot amend: the rules of %1 are not loaded yet.").arg(order->symbol));
        return;
    }
    if (m_amendDialog)
        m_amendDialog->reject();
    auto* dialog = new AmendDialog(*order, *instrument, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->focusField(focus);
    m_amendDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        sendAmend(dialog->order().orderId, dialog->price(), dialog->quantity());
    });
    dialog->open();
}

void OrdersDock::sendAmend(const QString& orderId, std::optional<Decimal> price,
                           std::optional<Decimal> quantity)
{
    if (!m_desk || m_busy.contains(orderId) || (!price && !quantity))
        return;
    const Order* found = m_desk->openOrdersModel()->find(orderId);
    if (!found) {
        showMessage(tr("Not amended: the order is no longer open."));
        return;
    }
    const Order order = *found;
    clearMessage();
    m_busy.insert(orderId);
    updateActions();
    QPointer<OrdersDock> self(this);
    const std::uint64_t generation = m_deskGeneration;
    m_desk->amendOrder(order, price, quantity,
                       [self, generation, orderId](const Result<OrderAck, RestError>& result) {
                           if (!self || generation != self->m_deskGeneration)
                               return;
                           self->m_busy.remove(orderId);
                           if (!result)
                               self->showMessage(tr("Amend failed: %1").arg(result.error().message));
                           self->updateActions();
                       });
}

void OrdersDock::cancelAll(const SymbolKey& key)
{
    if (!m_desk || m_cancellingAll || !key.isValid())
        return;
    clearMessage();
    m_cancellingAll = true;
    updateActions();
    QPointer<OrdersDock> self(this);
    const std::uint64_t generation = m_deskGeneration;
    m_desk->cancelAll(key, [self, generation, key](const Result<bool, RestError>& result) {
        if (!self || generation != self->m_deskGeneration)
            return;
        self->m_cancellingAll = false;
        if (!result)
            self->showMessage(tr("Cancel all %1 failed: %2").arg(key.symbol, result.error().message));
        self->updateActions();
    });
}

void OrdersDock::showContextMenu(const QString& orderId, const QPoint& globalPos)
{
    if (!m_desk)
        return;
    const Order* order = m_desk->openOrdersModel()->find(orderId);
    if (!order)
        return;
    const bool busy = m_busy.contains(orderId);
    QMenu menu(this);
    QAction* amend = menu.addAction(tr("Amend…"));
    amend->setEnabled(!busy);
    QAction* cancel = menu.addAction(tr("Cancel"));
    cancel->setEnabled(!busy);
    const SymbolKey key{order->category, order->symbol};
    QAction* cancelSymbol = menu.addAction(tr("Cancel all %1 orders").arg(order->symbol));
    cancelSymbol->setEnabled(!m_cancellingAll);
    menu.addSeparator();
    QAction* show = menu.addAction(tr("Show %1").arg(order->symbol));
    QAction* copy = menu.addAction(tr("Copy order id"));
    QAction* chosen = menu.exec(globalPos);
    if (chosen == amend)
        amendOrder(orderId);
    else if (chosen == cancel)
        cancelOrder(orderId);
    else if (chosen == cancelSymbol)
        cancelAll(key);
    else if (chosen == show)
        m_session.setActiveSymbol(key);
    else if (chosen == copy)
        QGuiApplication::clipboard()->setText(orderId);
}

bool OrdersDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_open->view() && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Delete)) {
        if (const QString orderId = m_open->currentKey(); !orderId.isEmpty()) {
            cancelOrder(orderId);
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

void OrdersDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void OrdersDock::retranslate()
{
    setWindowTitle(tr("Orders"));
    m_noAccount->setText(tr("No trading account: add one in Settings → Accounts."));
    m_tabs->setTabText(HistoryTab, tr("Order history"));
    m_tabs->setTabText(FillsTab, tr("Fills"));
    m_activeOnly->setText(tr("Active symbol only"));
    const QString symbol = m_session.activeSymbol().symbol;
    m_cancelAll->setText(symbol.isEmpty() ? tr("Cancel all") : tr("Cancel all %1").arg(symbol));
    m_cancelAll->setToolTip(tr("Cancel every open order of the active symbol"));
    m_open->setEmptyText(m_desk ? tr("No open orders") : QString());
    m_history->setEmptyText(m_desk ? tr("No orders filled or cancelled yet") : QString());
    m_fills->setEmptyText(m_desk ? tr("No fills yet") : QString());
    for (QWidget* actions : m_open->actionWidgets()) {
        if (auto* amend = actions->findChild<QAbstractButton*>(QStringLiteral("amendButton")))
            amend->setText(tr("Amend"));
        if (auto* cancel = actions->findChild<QAbstractButton*>(QStringLiteral("cancelButton")))
            cancel->setText(tr("Cancel"));
    }
    updateActions();
}
