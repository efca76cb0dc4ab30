#include "orderconfirm.h"

#include "numberformat.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>

namespace {

QString orderKindText(const OrderRequest& request, const Instrument& instrument)
{
    const int scale = NumberFormat::scaleOf(instrument.tickSize);
    QString text;
    if (request.triggerPrice) {
        text = request.type == OrderType::Market
                   ? OrderConfirmation::tr("stop market, trigger %1")
                         .arg(NumberFormat::decimal(*request.triggerPrice, scale))
                   : OrderConfirmation::tr("stop limit %1, trigger %2")
                         .arg(NumberFormat::decimal(request.price.value_or(Decimal()), scale),
                              NumberFormat::decimal(*request.triggerPrice, scale));
    } else if (request.type == OrderType::Market) {
        text = OrderConfirmation::tr("market");
    } else {
        text = OrderConfirmation::tr("limit %1")
                   .arg(NumberFormat::decimal(request.price.value_or(Decimal()), scale));
    }
    return text;
}

} // namespace

QString OrderConfirmation::summary(const OrderRequest& request, const Instrument& instrument,
                                   std::optional<Decimal> notional)
{
    const int scale = NumberFormat::scaleOf(instrument.tickSize);
    QStringList parts;
    parts << tr("%1 %2 %3 (%4)")
                 .arg(request.side == Side::Buy ? tr("Buy") : tr("Sell"),
                      NumberFormat::decimal(request.quantity, NumberFormat::scaleOf(instrument.lotSize)),
                      request.symbol, categoryName(request.category));
    parts << orderKindText(request, instrument);
    if (request.type == OrderType::Limit)
        parts << timeInForceName(request.timeInForce).toUpper();
    if (request.reduceOnly)
        parts << tr("reduce-only");
    if (request.takeProfit)
        parts << tr("TP %1").arg(NumberFormat::decimal(*request.takeProfit, scale));
    if (request.stopLoss)
        parts << tr("SL %1").arg(NumberFormat::decimal(*request.stopLoss, scale));
    QString text = parts.join(QStringLiteral(", "));
    if (notional)
        text += QLatin1Char('\n') + tr("Notional ≈ %1 %2")
                                        .arg(NumberFormat::decimal(*notional, 2), instrument.quoteAsset);
    return text;
}

QMessageBox* OrderConfirmation::create(QWidget* parent, const OrderRequest& request,
                                       const Instrument& instrument, std::optional<Decimal> notional,
                                       const FatFingerCheck* fatFinger)
{
    const bool guard = fatFinger && fatFinger->needsConfirmation();
    auto* box = new QMessageBox(parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setObjectName(guard ? QStringLiteral("fatFingerDialog") : QStringLiteral("orderConfirmDialog"));
    box->setIcon(guard ? QMessageBox::Warning : QMessageBox::Question);
    box->setWindowTitle(guard ? tr("Check this order") : tr("Send this order?"));
    box->setText(guard ? fatFinger->reason : tr("Send this order?"));
    box->setInformativeText(summary(request, instrument, notional));
    QPushButton* send = box->addButton(guard ? tr("Send anyway") : tr("Send"), QMessageBox::AcceptRole);
    send->setObjectName(QStringLiteral("confirmSendButton"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("confirmCancelButton"));
    box->setDefaultButton(guard ? cancel : send);
    box->setEscapeButton(cancel);
    return box;
}

QAbstractButton* OrderConfirmation::sendButton(QMessageBox* dialog)
{
    return dialog ? dialog->findChild<QAbstractButton*>(QStringLiteral("confirmSendButton")) : nullptr;
}

QAbstractButton* OrderConfirmation::cancelButton(QMessageBox* dialog)
{
    return dialog ? dialog->findChild<QAbstractButton*>(QStringLiteral("confirmCancelButton")) : nullptr;
}
