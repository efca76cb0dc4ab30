#include "positionsdock.h"

#include "accountsettings.h"
#include "accounttable.h"
#include "theme.h"
#include "tradingdesk.h"

#include "models/ordervalidation.h"
#include "models/positionsmodel.h"
#include "numberformat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

PositionsDock::PositionsDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget)
    , m_noAccount(new QLabel)
    , m_table(new AccountTable(&session))
    , m_message(new QLabel)
{
    setObjectName(QStringLiteral("positionsDock"));
    m_noAccount->setObjectName(QStringLiteral("positionsNoAccount"));
    m_noAccount->setAlignment(Qt::AlignCenter);
    m_noAccount->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("positionsTable"));
    m_table->view()->setObjectName(QStringLiteral("positionsView"));
    m_table->setColumnsFollowContents(true);
    m_message->setObjectName(QStringLiteral("positionsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setContentsMargins(6, 2, 6, 2);
    m_message->hide();

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_message);
    layout->addWidget(m_table);
    m_stack->addWidget(m_noAccount);
    m_stack->addWidget(body);
    setWidget(m_stack);

    // A flat position is no position.
    m_table->setRowFilter([](const QModelIndex& row) {
        const QVariant size =
            row.siblingAtColumn(PositionsModel::SizeColumn).data(TradingTableModel::DecimalRole);
        return size.isValid() && !size.value<Decimal>().isZero();
    });
    m_table->setActionFactory([this](const QString& symbol) { return makeRowActions(symbol); });
    connect(m_table, &AccountTable::rowsChanged, this, &PositionsDock::updateActions);
    connect(m_table, &AccountTable::rowDoubleClicked, this, [this](const QString& symbol, int) {
        if (const Position* p = m_desk ? m_desk->positionsModel()->find(symbol) : nullptr)
            m_session.setActiveSymbol(SymbolKey{p->category, p->symbol});
    });
    connect(m_table, &AccountTable::contextMenuRequested, this,
            [this](const QString& symbol, int, const QPoint& pos) {
                QMenu menu(this);
                fillContextMenu(menu, symbol);
                if (!menu.isEmpty())
                    menu.exec(pos);
            });
    connect(m_table, &AccountTable::rowsChanged, this, &PositionsDock::updateLotsColumn);
    retranslate();
    setDesk(nullptr);
}

void PositionsDock::setDesk(TradingDesk* desk)
{
    if (m_desk)
        m_desk->disconnect(this);
    m_desk = desk;
    ++m_deskGeneration;
    m_closing.clear();
    if (m_confirmation)
        m_confirmation->reject();
    clearMessage();
    m_table->setModel(desk ? desk->positionsModel() : nullptr);
    m_table->showColumnAfter(PositionsModel::TakeProfitColumn, PositionsModel::LiquidationColumn);
    m_table->showColumnAfter(PositionsModel::StopLossColumn, PositionsModel::TakeProfitColumn);
    m_table->showColumnAfter(PositionsModel::LotsColumn, PositionsModel::SizeColumn);
    updateLotsColumn();
    m_table->sortBy(PositionsModel::SymbolColumn, Qt::AscendingOrder);
    if (desk)
        connect(desk, &TradingDesk::stateChanged, this, &PositionsDock::updateActions);
    m_stack->setCurrentIndex(desk ? 1 : 0);
    retranslate();
}

void PositionsDock::fillContextMenu(QMenu& menu, const QString& symbol)
{
    const Position* p = m_desk ? m_desk->positionsModel()->find(symbol) : nullptr;
    if (!p)
        return;
    const SymbolKey key{p->category, p->symbol};
    const bool live = m_desk->canTrade();
    QAction* close = menu.addAction(tr("Close position"));
    close->setObjectName(QStringLiteral("closePositionAction"));
    close->setEnabled(live && !m_closing.contains(symbol));
    connect(close, &QAction::triggered, this, [this, symbol] { closePosition(symbol); });
    if (!p->lots.empty() && p->side) {
        // One entry per lot, oldest first, as the venue keeps them.
        QMenu* lots = menu.addMenu(tr("Close lot"));
        lots->setObjectName(QStringLiteral("closeLotMenu"));
        for (const PositionLot& lot : p->lots) {
            QAction* one = lots->addAction(lotText(*p, lot));
            one->setData(lot.id);
            one->setEnabled(live && !m_closing.contains(symbol) && !isClosingLot(symbol, lot.id));
            connect(one, &QAction::triggered, this,
                    [this, symbol, id = lot.id] { closePositionLot(symbol, id); });
        }
    }
    QAction* show = menu.addAction(tr("Show %1").arg(symbol));
    connect(show, &QAction::triggered, this, [this, key] { m_session.setActiveSymbol(key); });
}

QString PositionsDock::lotText(const Position& position, const PositionLot& lot) const
{
    const std::optional<Instrument> instrument =
        m_desk ? m_desk->instrumentFor(position.category, position.symbol) : std::nullopt;
    const QString size = instrument
                             ? NumberFormat::decimal(lot.size, NumberFormat::scaleOf(instrument->lotSize))
                             : lot.size.toString();
    if (!lot.entryPrice)
        return QStringLiteral("#%1  %2").arg(lot.id, size);
    QString entry = lot.entryPrice->toString();
    if (instrument) {
        if (const auto onTick = roundPriceToTick(*lot.entryPrice, *instrument))
            entry = NumberFormat::decimal(*onTick, NumberFormat::scaleOf(instrument->tickSize));
    }
    return QStringLiteral("#%1  %2 @ %3").arg(lot.id, size, entry);
}

// The Lots column is shown only where some position has lots (GMO Coin); elsewhere it would be empty.
void PositionsDock::updateLotsColumn()
{
    bool lots = false;
    if (const QAbstractItemModel* model = m_desk ? m_desk->positionsModel() : nullptr) {
        for (int row = 0; row < model->rowCount() && !lots; ++row)
            lots = !model->index(row, PositionsModel::LotsColumn).data().toString().isEmpty();
    }
    m_table->view()->setColumnHidden(PositionsModel::LotsColumn, !lots);
}

QTableView* PositionsDock::positionsView() const
{
    return m_table->view();
}

QMessageBox* PositionsDock::closeConfirmation() const
{
    return m_confirmation;
}

QAbstractButton* PositionsDock::closeButton(const QString& symbol) const
{
    QWidget* actions = m_table->actionWidget(symbol);
    return actions ? actions->findChild<QAbstractButton*>(QStringLiteral("closeButton")) : nullptr;
}

QWidget* PositionsDock::makeRowActions(const QString& symbol)
{
    auto* actions = new QWidget;
    auto* layout = new QHBoxLayout(actions);
    layout->setContentsMargins(2, 0, 2, 0);
    auto* close = new QToolButton;
    close->setObjectName(QStringLiteral("closeButton"));
    close->setText(tr("Close"));
    close->setToolTip(tr("Flatten this position with a reduce-only market order"));
    layout->addWidget(close);
    layout->addStretch();
    connect(close, &QToolButton::clicked, this, [this, symbol] { closePosition(symbol); });
    close->setEnabled(m_desk && m_desk->canTrade() && !m_closing.contains(symbol));
    return actions;
}

void PositionsDock::updateActions()
{
    const PositionsModel* model = m_desk ? m_desk->positionsModel() : nullptr;
    // A close the venue took unlocks once the position changed (or went): one click, one order.
    // A lot's close, once its lot changed or went.
    for (auto it = m_closing.begin(); it != m_closing.end();) {
        const Position* now = model ? model->find(TradingStore::positionKey(it->position)) : nullptr;
        bool changed = !now || now->size != it->position.size || now->side != it->position.side;
        if (now && !it->lot.id.isEmpty()) {
            const auto lot = std::find_if(now->lots.cbegin(), now->lots.cend(),
                                          [&it](const PositionLot& l) { return l.id == it->lot.id; });
            changed = lot == now->lots.cend() || lot->size != it->lot.size;
        }
        if (it->sent && changed)
            it = m_closing.erase(it);
        else
            ++it;
    }
    const bool live = m_desk && m_desk->canTrade();
    for (QWidget* actions : m_table->actionWidgets()) {
        const QString symbol = actions->property("rowKey").toString();
        if (auto* close = actions->findChild<QAbstractButton*>(QStringLiteral("closeButton"))) {
            close->setEnabled(live && !m_closing.contains(symbol));
            close->setToolTip(live ? tr("Flatten this position with a reduce-only market order")
                                   : tr("Closing needs the account live (it is reconnecting)"));
        }
    }
}

void PositionsDock::closePosition(const QString& symbol)
{
    if (!m_desk || m_closing.contains(symbol))
        return;
    const Position* found = m_desk->positionsModel()->find(symbol);
    if (!found || found->size.isZero() || !found->side)
        return;
    const Position position = *found;
    clearMessage();
    m_closing.insert(symbol, Closing{position, false, {}});
    updateActions();
    if (!m_desk->settings().confirmOrders()) {
        sendClose(symbol);
        return;
    }
    const bool isLong = *position.side == Side::Buy;
    const QString question = isLong ? tr("Close the long position of %1 %2 with a reduce-only market sell?")
                                          .arg(position.size.toString(), position.symbol)
                                    : tr("Close the short position of %1 %2 with a reduce-only market buy?")
                                          .arg(position.size.toString(), position.symbol);
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Close position"), question, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("closeConfirmation"));
    QPushButton* yes = box->addButton(tr("Close position"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmCloseButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    const std::uint64_t generation = m_deskGeneration;
    connect(box, &QMessageBox::finished, this, [this, box, yes, symbol, generation] {
        if (generation != m_deskGeneration)
            return;
        if (box->clickedButton() == yes) {
            sendClose(symbol);
            return;
        }
        m_closing.remove(symbol);
        updateActions();
    });
    box->open();
}

void PositionsDock::sendClose(const QString& symbol)
{
    const Position* found = m_desk ? m_desk->positionsModel()->find(symbol) : nullptr;
    if (!found || found->size.isZero() || !found->side) {
        m_closing.remove(symbol);
        updateActions();
        return;
    }
    // The position as it is now: a size that changed while the confirmation was open is still flattened
    // whole, but a position that turned to the other side is not what the user confirmed.
    const Position position = *found;
    if (position.side != m_closing[symbol].position.side) {
        m_closing.remove(symbol);
        showMessage(tr("Close %1 not sent: the position changed side while you confirmed.").arg(symbol));
        updateActions();
        return;
    }
    m_closing[symbol].position = position;
    QPointer<PositionsDock> self(this);
    const std::uint64_t generation = m_deskGeneration;
    m_desk->closePosition(position, [self, generation, symbol](const TradingDesk::PlaceOutcome& outcome) {
        if (self && generation == self->m_deskGeneration)
            self->closeAnswered(symbol, {}, outcome);
    });
}

void PositionsDock::closePositionLot(const QString& symbol, const QString& lotId)
{
    const QString key = lotKey(symbol, lotId);
    if (!m_desk || m_closing.contains(key) || m_closing.contains(symbol))
        return;
    const Position* found = m_desk->positionsModel()->find(symbol);
    if (!found || found->size.isZero() || !found->side)
        return;
    const auto lot = std::find_if(found->lots.cbegin(), found->lots.cend(),
                                  [&lotId](const PositionLot& l) { return l.id == lotId; });
    if (lot == found->lots.cend())
        return;
    const Position position = *found;
    clearMessage();
    m_closing.insert(key, Closing{position, false, *lot});
    updateActions();
    if (!m_desk->settings().confirmOrders()) {
        sendLotClose(symbol, lotId);
        return;
    }
    const QString text = lotText(position, *lot);
    const QString question =
        *position.side == Side::Buy
            ? tr("Close lot %1 of the long position of %2 with a reduce-only market sell?")
                  .arg(text, position.symbol)
            : tr("Close lot %1 of the short position of %2 with a reduce-only market buy?")
                  .arg(text, position.symbol);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Close lot"), question, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("closeConfirmation"));
    QPushButton* yes = box->addButton(tr("Close lot"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmCloseButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    const std::uint64_t generation = m_deskGeneration;
    connect(box, &QMessageBox::finished, this, [this, box, yes, symbol, lotId, key, generation] {
        if (generation != m_deskGeneration)
            return;
        if (box->clickedButton() == yes) {
            sendLotClose(symbol, lotId);
            return;
        }
        m_closing.remove(key);
        updateActions();
    });
    box->open();
}

void PositionsDock::sendLotClose(const QString& symbol, const QString& lotId)
{
    const QString key = lotKey(symbol, lotId);
    const Position* found = m_desk ? m_desk->positionsModel()->find(symbol) : nullptr;
    const auto lot = found ? std::find_if(found->lots.cbegin(), found->lots.cend(),
                                          [&lotId](const PositionLot& l) { return l.id == lotId; })
                           : std::vector<PositionLot>::const_iterator();
    if (!found || !found->side || lot == found->lots.cend()) {
        m_closing.remove(key);
        showMessage(tr("Close lot #%1 of %2 not sent: the lot is gone.").arg(lotId, symbol));
        updateActions();
        return;
    }
    // The lot as it is now: its whole size is closed.
    m_closing[key].position = *found;
    m_closing[key].lot = *lot;
    QPointer<PositionsDock> self(this);
    const std::uint64_t generation = m_deskGeneration;
    m_desk->closePositionLot(*found, *lot,
                             [self, generation, symbol, lotId](const TradingDesk::PlaceOutcome& outcome) {
                                 if (self && generation == self->m_deskGeneration)
                                     self->closeAnswered(symbol, lotId, outcome);
                             });
}

void PositionsDock::closeAnswered(const QString& symbol, const QString& lotId,
                                  const TradingDesk::PlaceOutcome& outcome)
{
    const QString key = lotId.isEmpty() ? symbol : lotKey(symbol, lotId);
    using Kind = TradingDesk::PlaceOutcome::Kind;
    switch (outcome.kind) {
    case Kind::Filled:
    case Kind::Live:
    case Kind::Accepted:
        m_closing[key].sent = true;
        break;
    case Kind::Unknown:
        // Not re-sent. The lookup found no such order, so it most likely never reached the engine:
        // the button unlocks and the position shows what really happened.
        m_closing.remove(key);
        showMessage(lotId.isEmpty()
                        ? tr("Close %1: the venue's answer was lost and the order was not found; check "
                             "the position before closing again.")
                              .arg(symbol)
                        : tr("Close lot #%1 of %2: the venue's answer was lost and the order was not found; "
                             "check the position before closing again.")
                              .arg(lotId, symbol));
        break;
    default: {
        m_closing.remove(key);
        QString reason = outcome.error ? outcome.error->message : outcome.reason;
        for (const OrderRuleViolation& violation : outcome.violations)
            reason += (reason.isEmpty() ? QString() : QStringLiteral("; ")) + violation.message;
        showMessage(lotId.isEmpty() ? tr("Close %1 failed: %2").arg(symbol, reason)
                                    : tr("Close lot #%1 of %2 failed: %3").arg(lotId, symbol, reason));
        break;
    }
    }
    updateActions();
}

void PositionsDock::showMessage(const QString& text)
{
    QPalette warn = m_message->palette();
    warn.setColor(QPalette::WindowText, Theme::colors().down);
    m_message->setPalette(warn);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void PositionsDock::clearMessage()
{
    m_message->clear();
    m_message->hide();
}

void PositionsDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void PositionsDock::retranslate()
{
    setWindowTitle(tr("Positions"));
    m_noAccount->setText(tr("No trading account: add one in Settings → Accounts."));
    m_table->setEmptyText(m_desk ? tr("No open positions") : QString());
    for (QWidget* actions : m_table->actionWidgets()) {
        if (auto* close = actions->findChild<QAbstractButton*>(QStringLiteral("closeButton")))
            close->setText(tr("Close"));
    }
    updateActions();
}
