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

// "10000" → "10,000", "1234567.5" → "1,234,567.5": an amount of money to read at a glance.
QString grouped(Decimal value, int scale)
{
    QString text = NumberFormat::decimal(value, scale);
    const bool negative = text.startsWith(QLatin1Char('-'));
    qsizetype end = text.indexOf(QLatin1Char('.'));
    if (end < 0)
        end = text.size();
    for (qsizetype at = end - 3; at > (negative ? 1 : 0); at -= 3)
        text.insert(at, QLatin1Char(','));
    return text;
}

} // namespace

QString OrderConfirmation::summary(const OrderRequest& request, const Instrument& instrument,
                                   std::optional<Decimal> notional)
{
    const int scale = NumberFormat::scaleOf(instrument.tickSize);
    if (request.quantityInQuote) {
        // A market buy of an amount of quote currency: "Buy BTC for 10,000 JPY at market (btc_jpy, spot)".
        // The amount is the notional: no estimate line.
        return tr("Buy %1 for %2 %3 at market (%4, %5)")
            .arg(instrument.baseAsset, grouped(request.quantity, scale), instrument.quoteAsset,
                 request.symbol, categoryName(request.category));
    }
    QStringList parts;
    const QString quantity =
        NumberFormat::decimal(request.quantity, NumberFormat::scaleOf(instrument.lotSize));
    if (instrument.category == Category::Inverse && instrument.contractValue)
        // Coin-margined: the quantity counts contracts, not coins ("Buy 100 contracts BTCUSD (inverse)").
        parts << tr("%1 %2 contracts %3 (%4)")
                     .arg(request.side == Side::Buy ? tr("Buy") : tr("Sell"), quantity, request.symbol,
                          categoryName(request.category));
    else
        parts << tr("%1 %2 %3 (%4)")
                     .arg(request.side == Side::Buy ? tr("Buy") : tr("Sell"), quantity, request.symbol,
                          categoryName(request.category));
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
        text += QLatin1Char('\n') +
                tr("Notional ≈ %1 %2").arg(NumberFormat::decimal(*notional, 2), instrument.quoteAsset);
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
