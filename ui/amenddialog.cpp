#include "amenddialog.h"

#include "decimaledit.h"

#include "theme.h"

#include "models/ordervalidation.h"
#include "models/tradingstoremodel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

std::optional<Decimal> parseNumber(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    return Decimal::parse(QStringView(trimmed));
}

} // namespace

AmendDialog::AmendDialog(const Order& order, const Instrument& instrument, QWidget* parent)
    : QDialog(parent)
    , m_order(order)
    , m_instrument(instrument)
    , m_price(new DecimalEdit)
    , m_quantity(new DecimalEdit)
    , m_reason(new QLabel)
    , m_amend(nullptr)
{
    setObjectName(QStringLiteral("amendDialog"));
    setWindowTitle(tr("Amend order"));

    auto* layout = new QVBoxLayout(this);
    auto* what =
        new QLabel(tr("%1 %2 %3 %4 · filled %5")
                       .arg(TradingTableModel::sideText(order.side), order.symbol, order.quantity.toString(),
                            order.price ? tr("at %1").arg(order.price->toString()) : tr("at market"),
                            order.filledQuantity.toString()));
    what->setObjectName(QStringLiteral("amendSummary"));
    layout->addWidget(what);

    auto* form = new QFormLayout;
    m_price->setObjectName(QStringLiteral("amendPrice"));
    m_quantity->setObjectName(QStringLiteral("amendQuantity"));
    // Arrows, Page Up/Down and the wheel step by the tick and the lot.
    m_price->setStep(instrument.tickSize);
    m_quantity->setStep(instrument.lotSize);
    if (order.price) {
        m_price->setText(order.price->toString());
    } else {
        m_price->setEnabled(false);
        m_price->setPlaceholderText(tr("Market"));
    }
    m_quantity->setText(order.quantity.toString());
    m_price->setToolTip(tr("A multiple of the tick %1").arg(instrument.tickSize.toString()));
    m_quantity->setToolTip(tr("A multiple of the lot step %1, at least %2")
                               .arg(instrument.lotSize.toString(), instrument.minQuantity.toString()));
    form->addRow(tr("Price"), m_price);
    form->addRow(tr("Quantity"), m_quantity);
    layout->addLayout(form);

    m_reason->setObjectName(QStringLiteral("amendReason"));
    m_reason->setWordWrap(true);
    QPalette warn = m_reason->palette();
    warn.setColor(QPalette::WindowText, Theme::colors().down);
    m_reason->setPalette(warn);
    m_reason->hide();
    layout->addWidget(m_reason);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    m_amend = buttons->addButton(tr("Amend"), QDialogButtonBox::AcceptRole);
    m_amend->setObjectName(QStringLiteral("amendConfirmButton"));
    // Enter means Amend, and does nothing while Amend is disabled (never Cancel: the input would go).
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_amend->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &AmendDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AmendDialog::reject);
    connect(m_price, &QLineEdit::textChanged, this, &AmendDialog::validate);
    connect(m_quantity, &QLineEdit::textChanged, this, &AmendDialog::validate);
    validate();
    focusField(order.price ? Field::Price : Field::Quantity);
}

DecimalEdit* AmendDialog::priceEdit() const
{
    return m_price;
}

DecimalEdit* AmendDialog::quantityEdit() const
{
    return m_quantity;
}

void AmendDialog::focusField(Field field)
{
    QLineEdit* edit = field == Field::Price && m_price->isEnabled() ? m_price : m_quantity;
    edit->setFocus();
    edit->selectAll();
}

std::optional<Decimal> AmendDialog::price() const
{
    if (!m_order.price)
        return std::nullopt;
    const std::optional<Decimal> typed = parseNumber(m_price->text());
    return typed && *typed != *m_order.price ? typed : std::nullopt;
}

std::optional<Decimal> AmendDialog::quantity() const
{
    const std::optional<Decimal> typed = parseNumber(m_quantity->text());
    return typed && *typed != m_order.quantity ? typed : std::nullopt;
}

bool AmendDialog::canAmend() const
{
    return m_problem.isEmpty() && (price() || quantity());
}

void AmendDialog::accept()
{
    // Enter with a disabled Amend button does nothing; this is the last guard.
    if (!canAmend())
        return;
    QDialog::accept();
}

void AmendDialog::validate()
{
    QStringList problems;
    std::optional<Decimal> newPrice = m_order.price;
    if (m_order.price) {
        newPrice = parseNumber(m_price->text());
        if (!newPrice)
            problems << (m_price->text().trimmed().isEmpty()
                             ? tr("Enter a price.")
                             : tr("The price “%1” is not a number.").arg(m_price->text().trimmed()));
    }
    const std::optional<Decimal> newQuantity = parseNumber(m_quantity->text());
    if (!newQuantity)
        problems << (m_quantity->text().trimmed().isEmpty()
                         ? tr("Enter a quantity.")
                         : tr("The quantity “%1” is not a number.").arg(m_quantity->text().trimmed()));

    if (problems.isEmpty()) {
        // The amended order as a whole against the instrument's rules, as validateOrder checks a new one.
        OrderRequest request;
        request.symbol = m_order.symbol;
        request.category = m_order.category;
        request.side = m_order.side;
        request.type = m_order.price ? OrderType::Limit : OrderType::Market;
        request.price = newPrice;
        request.quantity = *newQuantity;
        request.timeInForce = m_order.timeInForce;
        request.reduceOnly = m_order.reduceOnly;
        request.positionSide = m_order.positionSide;
        request.triggerPrice = m_order.triggerPrice;
        using Rule = OrderRuleViolation::Rule;
        for (const OrderRuleViolation& v : validateOrder(request, m_instrument)) {
            switch (v.rule) {
            case Rule::PriceNotPositive:
                problems << tr("The price must be greater than 0.");
                break;
            case Rule::PriceNotOnTick: {
                const std::optional<Decimal> nearest = roundPriceToTick(*newPrice, m_instrument);
                problems << (nearest ? tr("The price %1 is not a multiple of the tick %2 (nearest: %3).")
                                           .arg(newPrice->toString(), m_instrument.tickSize.toString(),
                                                nearest->toString())
                                     : tr("The price %1 is not a multiple of the tick %2.")
                                           .arg(newPrice->toString(), m_instrument.tickSize.toString()));
                break;
            }
            case Rule::QuantityNotPositive:
                problems << tr("The quantity must be greater than 0.");
                break;
            case Rule::QuantityNotOnLot:
                problems << tr("The quantity %1 is not a multiple of the lot step %2.")
                                .arg(newQuantity->toString(), m_instrument.lotSize.toString());
                break;
            case Rule::BelowMinQuantity:
                problems << tr("The quantity %1 is below the minimum %2.")
                                .arg(newQuantity->toString(), m_instrument.minQuantity.toString());
                break;
            case Rule::AboveMaxQuantity:
                problems << tr("The quantity %1 is above the maximum %2.")
                                .arg(newQuantity->toString(), m_instrument.maxQuantity->toString());
                break;
            case Rule::BelowMinNotional:
                problems << tr("The order's value is below the minimum notional %1.")
                                .arg(m_instrument.minNotional->toString());
                break;
            default:
                problems << v.message;
                break;
            }
        }
        if (!newQuantity->isNegative() && !newQuantity->isZero() && *newQuantity <= m_order.filledQuantity)
            problems << tr("The quantity must be more than the %1 already filled.")
                            .arg(m_order.filledQuantity.toString());
    }

    m_problem = problems.join(QLatin1Char('\n'));
    m_reason->setText(m_problem);
    m_reason->setVisible(!m_problem.isEmpty());
    m_amend->setEnabled(canAmend());
}
