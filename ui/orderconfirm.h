#pragma once

#include "models/instrument.h"
#include "models/orderguard.h"
#include "models/trading.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QAbstractButton;
class QMessageBox;
class QWidget;

// The question asked before an order is sent: the plain confirmation (objectName "orderConfirmDialog",
// Send is the default button, so Enter twice sends) or the fat-finger guard's (objectName
// "fatFingerDialog", naming why; Cancel is the default). Window-modal and opened, not exec()'d: the
// caller connects QMessageBox::finished and the dock stays responsive (and testable).
class OrderConfirmation final
{
    Q_DECLARE_TR_FUNCTIONS(OrderConfirmation)

public:
    // "Buy 0.010 BTCUSDT (linear), limit 111500.0, GTC", then the notional when known; a market buy sized
    // in quote currency: "Buy BTC for 10,000 JPY at market (btc_jpy, spot)".
    static QString summary(const OrderRequest& request, const Instrument& instrument,
                           std::optional<Decimal> notional);
    // Not shown yet; deletes itself when closed. fatFinger: the guard's finding (needsConfirmation()).
    static QMessageBox* create(QWidget* parent, const OrderRequest& request, const Instrument& instrument,
                               std::optional<Decimal> notional, const FatFingerCheck* fatFinger);
    // The button that sends (accepts) in a dialog create() made.
    static QAbstractButton* sendButton(QMessageBox* dialog);
    static QAbstractButton* cancelButton(QMessageBox* dialog);
};
