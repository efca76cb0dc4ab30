#pragma once

#include "marketsession.h"
#include "tradingdesk.h"

#include <QHash>
#include <QKeySequence>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <deque>
#include <optional>

class AccountSettings;
class LadderDock;
class QShortcut;
class QWidget;

// The trading hotkeys of the window, off unless the account turned them on (AccountSettings::hotkeys):
// buy at the best ask and sell at the best bid, cancel the last order placed this session, cancel all
// of the active symbol's orders, flatten its position, and quantity presets on 1–9.
//
// "Buy/sell at best" sends a limit IOC order at the touch with the ladder's quantity: it takes what is
// offered at the price the trader saw and never walks the book (the rest is cancelled), where a market
// order could fill far away in a thin or fast book. Flatten is a reduce-only market order
// (TradingDesk::closePosition), since getting out matters more than the price.
//
// Bindings are per account (AccountSettings::value "hotkeys/<action>", QKeySequence PortableText).
// The order keys are window shortcuts that do nothing while a text field has focus, so typing is never
// an order; the preset keys act only while the ladder itself has focus. The order keys are refused,
// with the reason shown in the ladder dock, while the active book is not live or the account cannot
// trade. The defaults avoid the menu bar's Alt mnemonics (Alt+F File, Alt+S Settings, …).
class TradingHotkeys final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradingHotkeys)

public:
    enum class Action
    {
        BuyAtBest,
        SellAtBest,
        CancelLast,
        CancelAll,
        Flatten,
        Preset1,
        Preset2,
        Preset3,
        Preset4,
        Preset5,
        Preset6,
        Preset7,
        Preset8,
        Preset9,
    };
    Q_ENUM(Action)

    TradingHotkeys(MarketSession& session, QWidget* window);

    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }

    static QList<Action> actions();
    static QString actionText(Action action);  // "Buy at the best ask", translated
    static QString settingsKey(Action action); // "hotkeys/buyAtBest"
    static QKeySequence defaultBinding(Action action);
    static QKeySequence binding(const AccountSettings& settings, Action action);
    static void setBinding(AccountSettings& settings, Action action, const QKeySequence& keys);

    // Quantity presets 1–9 are multiples of the symbol's minimum order quantity (rounded up to the
    // lot), so one set of presets fits every symbol and each is a valid size: 1, 2, 5, 10, 20, 50, 100,
    // 200, 500 by default. Kept per account as "ladder/preset<n>".
    static int defaultPresetMultiple(int n);
    static int presetMultiple(const AccountSettings& settings, int n);
    static void setPresetMultiple(AccountSettings& settings, int n, int multiple);
    static std::optional<Decimal> presetQuantity(const Instrument& instrument, int multiple);

    // Whether the keys are live now (the account's setting is on).
    bool isActive() const;
    QKeySequence currentBinding(Action action) const;
    // Triggers an action as its key would (refused the same way).
    void trigger(Action action);
    // The last thing a hotkey did or why it was refused.
    QString lastMessage() const { return m_lastMessage; }
    void clearLastMessage() { m_lastMessage.clear(); }

Q_SIGNALS:
    void message(const QString& text);

private:
    void rebuild();
    LadderDock* ladderDock() const;
    bool focusIsTextInput() const;
    QString refusal() const;
    void say(const QString& text);
    void atBest(Side side);
    void cancelLast();
    void cancelAll();
    void flatten();

    MarketSession& m_session;
    QWidget* m_window;
    QPointer<TradingDesk> m_desk;
    QHash<Action, QPointer<QShortcut>> m_shortcuts;
    QMetaObject::Connection m_settingsConnection;
    QMetaObject::Connection m_placedConnection;
    QMetaObject::Connection m_sendingConnection;
    // The orders sent through the desk this session (any dock or key), by client order id, oldest first
    // (bounded); recorded when sent, since the venue's push of an order can come before its reply.
    std::deque<QString> m_sent;
    QSet<QString> m_inFlight; // sent, no outcome yet
    QString m_lastMessage;
};
