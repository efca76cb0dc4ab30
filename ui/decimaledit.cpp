#include "decimaledit.h"

#include "numberformat.h"
#include "theme.h"

#include <QKeyEvent>
#include <QRegularExpressionValidator>
#include <QWheelEvent>

namespace {

bool isPositive(Decimal d)
{
    return !d.isZero() && !d.isNegative();
}

} // namespace

DecimalEdit::DecimalEdit(QWidget* parent)
    : QLineEdit(parent)
{
    // Digits and one point: what Decimal::parse reads back exactly (no exponent, no group separators).
    const QRegularExpression decimalText(QStringLiteral("\\d{0,15}(\\.\\d{0,18})?"));
    setValidator(new QRegularExpressionValidator(decimalText, this));
    setFont(Theme::numberFont());
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    connect(this, &QLineEdit::textEdited, this, &DecimalEdit::edited);
    connect(this, &QLineEdit::editingFinished, this, [this] {
        const std::optional<Decimal> v = value();
        if (!m_roundDownOnFinish || !v || !isPositive(m_step) || v->isMultipleOf(m_step))
            return;
        const std::optional<Decimal> down = v->roundedDownTo(m_step);
        if (!down)
            return;
        setValue(isPositive(*down) ? *down : m_step);
        Q_EMIT edited();
    });
}

std::optional<Decimal> DecimalEdit::value() const
{
    QString t = text().trimmed();
    // Half-typed forms the validator lets through: "65000." and ".5".
    if (t.endsWith(QLatin1Char('.')))
        t.chop(1);
    if (t.startsWith(QLatin1Char('.')))
        t.prepend(QLatin1Char('0'));
    if (t.isEmpty())
        return std::nullopt;
    return Decimal::parse(QStringView(t));
}

void DecimalEdit::setValue(Decimal value)
{
    setText(NumberFormat::decimal(value, NumberFormat::scaleOf(m_step)));
}

void DecimalEdit::stepBy(int steps)
{
    if (steps == 0 || !isPositive(m_step) || isReadOnly() || !isEnabled())
        return;
    std::optional<Decimal> v = value();
    if (!v && m_start)
        v = m_start();
    Decimal current = v.value_or(Decimal());
    std::optional<Decimal> next;
    if (!current.isMultipleOf(m_step)) {
        // Off the grid: the first step lands on the grid line in the direction asked.
        const std::optional<Decimal> below = current.roundedDownTo(m_step);
        if (!below)
            return;
        next = steps > 0 ? Decimal::add(*below, m_step) : below;
        steps += steps > 0 ? -1 : 1;
        if (!next)
            return;
        current = *next;
    }
    const auto delta = Decimal::multiply(m_step, Decimal::fromMantissa(steps, 0));
    next = delta ? Decimal::add(current, *delta) : std::nullopt;
    if (!next)
        return;
    if (!isPositive(*next))
        next = m_step; // prices and quantities stay above zero
    setValue(*next);
    Q_EMIT edited();
}

void DecimalEdit::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        stepBy(1);
        return;
    case Qt::Key_Down:
        stepBy(-1);
        return;
    case Qt::Key_PageUp:
        stepBy(10);
        return;
    case Qt::Key_PageDown:
        stepBy(-10);
        return;
    default:
        QLineEdit::keyPressEvent(event);
    }
}

void DecimalEdit::wheelEvent(QWheelEvent* event)
{
    const int dy = event->angleDelta().y();
    if (dy == 0 || !isEnabled()) {
        QLineEdit::wheelEvent(event);
        return;
    }
    stepBy(dy > 0 ? 1 : -1);
    event->accept();
}
