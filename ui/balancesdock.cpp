#include "balancesdock.h"

#include "accounttable.h"
#include "tradingdesk.h"

#include "models/balancesmodel.h"

#include <QEvent>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>

BalancesDock::BalancesDock(MarketSession& session, QWidget* parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget)
    , m_noAccount(new QLabel)
    , m_table(new AccountTable(&session))
{
    setObjectName(QStringLiteral("balancesDock"));
    m_noAccount->setObjectName(QStringLiteral("balancesNoAccount"));
    m_noAccount->setAlignment(Qt::AlignCenter);
    m_noAccount->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("balancesTable"));
    m_table->view()->setObjectName(QStringLiteral("balancesView"));
    m_table->setColumnsFollowContents(true);
    connect(m_table, &AccountTable::rowsChanged, this, &BalancesDock::updateAccountColumn);
    m_stack->addWidget(m_noAccount);
    m_stack->addWidget(m_table);
    setWidget(m_stack);
    retranslate();
    setDesk(nullptr);
}

void BalancesDock::setDesk(TradingDesk* desk)
{
    m_desk = desk;
    m_table->setModel(desk ? desk->balancesModel() : nullptr);
    m_table->showColumnAfter(BalancesModel::AccountColumn, BalancesModel::CoinColumn);
    m_table->sortBy(BalancesModel::CoinColumn, Qt::AscendingOrder);
    updateAccountColumn();
    m_stack->setCurrentIndex(desk ? 1 : 0);
    retranslate();
}

// The account column is shown only at a venue with several wallets (Phemex spot beside the contract
// account); elsewhere it would be an empty column.
void BalancesDock::updateAccountColumn()
{
    bool named = false;
    if (const QAbstractItemModel* model = m_desk ? m_desk->balancesModel() : nullptr) {
        for (int row = 0; row < model->rowCount() && !named; ++row)
            named = !model->index(row, BalancesModel::AccountColumn).data().toString().isEmpty();
    }
    m_table->view()->setColumnHidden(BalancesModel::AccountColumn, !named);
}

QTableView* BalancesDock::balancesView() const
{
    return m_table->view();
}

void BalancesDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void BalancesDock::retranslate()
{
    setWindowTitle(tr("Balances"));
    m_noAccount->setText(tr("No trading account: add one in Settings → Accounts."));
    m_table->setEmptyText(m_desk ? tr("No balances yet") : QString());
}
