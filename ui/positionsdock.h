#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QHash>
#include <QPointer>

class AccountTable;
class QAbstractButton;
class QLabel;
class QMenu;
class QMessageBox;
class QStackedWidget;
class QTableView;

// The trading account's open positions (flat ones hidden): size, side, entry, mark, unrealised and
// realised PnL, liquidation price, and a Close button per row that flattens the position with a
// reduce-only market order, after a confirmation unless the account turned confirmations off. One click
// sends one order: the button locks from the click until the venue refuses the order or the position
// changes. A refusal is shown with the venue's text verbatim. Where the venue keeps a position's lots
// apart (GMO Coin's positionIds) a Lots column counts them (the tooltip lists them) and the row's
// context menu has Close lot ▸ with one entry per lot, each closing that lot alone under the same rules.

class PositionsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PositionsDock)

public:
    explicit PositionsDock(MarketSession& session, QWidget* parent = nullptr);

    // The account traded with (not owned); nullptr: no trading account.
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

    // What the row's Close button does (asks first when the account confirms orders).
    void closePosition(const QString& symbol);
    // What a Close lot entry does: closes that lot of the row's position alone (asks first likewise).
    void closePositionLot(const QString& symbol, const QString& lotId);
    // The row's context menu: Close position, Close lot ▸ (where the position has lots), Show.
    void fillContextMenu(QMenu& menu, const QString& symbol);

    AccountTable* positionsTable() const { return m_table; }
    QTableView* positionsView() const;
    QLabel* messageLabel() const { return m_message; }
    QLabel* noAccountLabel() const { return m_noAccount; }
    // The row's Close button; nullptr when the position is not shown.
    QAbstractButton* closeButton(const QString& symbol) const;
    // The confirmation while it is open.
    QMessageBox* closeConfirmation() const;
    // A close asked for (confirming, in flight, or sent and not yet seen in the position).
    bool isClosing(const QString& symbol) const { return m_closing.contains(symbol); }
    bool isClosingLot(const QString& symbol, const QString& lotId) const
    {
        return m_closing.contains(lotKey(symbol, lotId));
    }

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* makeRowActions(const QString& symbol);
    void updateActions();
    void sendClose(const QString& symbol);
    void sendLotClose(const QString& symbol, const QString& lotId);
    // The venue's answer to a close (of the position, or of one lot when lotId is set).
    void closeAnswered(const QString& symbol, const QString& lotId, const TradingDesk::PlaceOutcome& outcome);
    void updateLotsColumn();
    // "#1234567  0.02 @ 15000000": the size on the instrument's lot step, the entry on its tick.
    QString lotText(const Position& position, const PositionLot& lot) const;
    static QString lotKey(const QString& symbol, const QString& lotId)
    {
        return symbol + QLatin1Char('#') + lotId;
    }
    void showMessage(const QString& text);
    void clearMessage();
    void retranslate();

    struct Closing
    {
        Position position; // as it was when the button was clicked
        bool sent = false; // the venue accepted the order: waiting for the position to change
        PositionLot lot;   // a lot's close (lot.id set): waiting for that lot to change
    };

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    QStackedWidget* m_stack;
    QLabel* m_noAccount;
    AccountTable* m_table;
    QLabel* m_message;
    QPointer<QMessageBox> m_confirmation;
    QHash<QString, Closing> m_closing; // by row key; a lot's close by lotKey()
    std::uint64_t m_deskGeneration = 0;
};
