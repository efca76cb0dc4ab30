#pragma once

// The order entry dock of a running terminal (TradingTerminal), driven through its widgets: found by
// objectName, typed into like a trader types, its outcomes and every place the desk saw counted.
// Tests add their own accessors by deriving from it.

#include "tradingterminal.h"

#include "ui/orderentrydock.h"

#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QTest>

#include <vector>

struct OrderTicket
{
    using Outcome = TradingDesk::PlaceOutcome;

    explicit OrderTicket(TradingTerminal& terminal)
        : t(terminal)
        , dock(terminal.window->orderEntryDock())
    {
        QObject::connect(dock, &OrderEntryDock::outcomeShown, dock,
                         [this](const Outcome& outcome) { outcomes.push_back(outcome); });
        QObject::connect(t.desk.get(), &TradingDesk::orderPlaced, dock, [this] { ++placed; });
    }
    OrderTicket(const OrderTicket&) = delete;
    OrderTicket& operator=(const OrderTicket&) = delete;

    template <typename W> W* find(const char* name) const
    {
        W* w = dock->findChild<W*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no %s in the order entry dock", name);
        return w;
    }
    static void enter(QLineEdit* edit, const QString& text)
    {
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
    // A visible top-level message box by objectName (the confirmation, the fat-finger warning).
    static QMessageBox* dialog(const char* name)
    {
        for (QWidget* w : QApplication::topLevelWidgets()) {
            if (w->objectName() == QLatin1String(name) && w->isVisible())
                return qobject_cast<QMessageBox*>(w);
        }
        return nullptr;
    }
    bool awaitOutcome(std::size_t count = 1)
    {
        return QTest::qWaitFor([&] { return outcomes.size() >= count; }, TradingTerminal::TimeoutMs);
    }

    TradingTerminal& t;
    OrderEntryDock* dock;
    std::vector<Outcome> outcomes;
    int placed = 0; // every place the desk saw, sent or not
};
