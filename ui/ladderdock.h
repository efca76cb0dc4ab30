#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QList>
#include <QPointer>

#include <functional>

class LadderWidget;
class DecimalEdit;
class QComboBox;
class QLabel;
class QToolButton;

// The active symbol's order book as a ladder, with the levels per side and the price grouping
// (multiples of the tick) selectable, and the account's own open orders marked on their rows.
//
// With ladder trading on for the account (AccountSettings::ladderTrading, off by default) the ladder
// trades in one click: the bid column buys and the ask column sells with a limit at the row's price,
// Shift places a stop (a conditional market order triggered at the row's price: rising to it above the
// mid, falling to it below); a click on an own order's marker cancels it and dragging the marker to
// another row moves its price. Every gesture is one order (or one cancel / amend), sent without a
// confirmation step unless the fat-finger guard asks for one, and refused with the reason shown while
// the book is not live or the account cannot trade. A strip above the ladder holds the quantity (exact,
// on the lot) and the presets 1–9 (multiples of the symbol's minimum order quantity, see
// TradingHotkeys::presetQuantity); it shows while ladder trading or hotkeys are on.
class LadderDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LadderDock)

public:
    explicit LadderDock(MarketSession& session, QWidget* parent = nullptr);

    LadderWidget* ladder() const { return m_ladder; }
    QComboBox* depthBox() const { return m_depth; }
    QComboBox* groupingBox() const { return m_grouping; }
    QString symbolText() const;
    // The account ladder clicks trade with (not owned; nullptr: none).
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

    // Ladder trading is on for the desk's account.
    bool isTradingOn() const;
    // The quantity ladder clicks and hotkeys trade (exact, on the lot); zero when none is set.
    Decimal quantity() const;
    void setQuantity(const Decimal& quantity);
    // Takes preset n (1–9) as the quantity.
    void selectPreset(int n);
    QWidget* tradingBar() const { return m_tradingBar; }
    DecimalEdit* quantityBox() const;
    // The last result or refusal shown above the ladder.
    QString message() const;
    void showMessage(const QString& text);
    // Why an order must not be sent now ("" when it may): no account, not live, the book not live.
    QString tradingRefusal() const;
    // Sends one order after the fat-finger guard (which may ask for a confirmation first); the
    // outcome is shown in the strip. Used by the ladder and the hotkeys.
    void submit(OrderRequest request);

Q_SIGNALS:
    // The user picked a price on the ladder (the order entry takes it).
    void priceSelected(const Decimal& price);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onActiveSymbol();
    void fillGroupings();
    void applyGrouping();
    void applySettings();
    void refreshOrders();
    void placeAt(const Decimal& price, Side side, bool stop);
    void cancelOrders(const QList<Order>& orders);
    void amendOrders(const QList<Order>& orders, const Decimal& price);
    // Runs go() at once, or after the user confirms what the fat-finger guard found.
    void guarded(const OrderRequest& request, const QString& what, std::function<void()> go);
    void send(const OrderRequest& request);
    QString describe(const OrderRequest& request) const;

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    QList<QMetaObject::Connection> m_deskConnections;
    LadderWidget* m_ladder;
    QLabel* m_symbol;
    QLabel* m_depthLabel;
    QLabel* m_groupingLabel;
    QComboBox* m_depth;
    QComboBox* m_grouping;
    QWidget* m_tradingBar;
    QLabel* m_quantityLabel;
    DecimalEdit* m_quantity;
    QString m_quantitySymbol; // the symbol the quantity was set for
    QList<QToolButton*> m_presets;
    QLabel* m_message;
};
