#pragma once

#include "models/decimal.h"

#include <QLineEdit>

#include <functional>
#include <optional>

// A price or quantity field: exact decimal text only (a validator, no binary floating point), stepped by
// the instrument's tick or lot with the arrow keys (Page Up/Down: ten steps), the mouse wheel or the
// dock's −/+ buttons. A step from a value off the grid lands on the grid.
class DecimalEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecimalEdit)

public:
    explicit DecimalEdit(QWidget* parent = nullptr);

    void setStep(Decimal step) { m_step = step; }
    // When editing finishes, a value off the grid is rounded down onto it (never below one step): for
    // quantities, where rounding up would trade more than was typed.
    void setRoundDownOnFinish(bool on) { m_roundDownOnFinish = on; }
    Decimal step() const { return m_step; }
    // Where a step starts when the field is empty (the price: the market's); none: from zero.
    void setStartValue(std::function<std::optional<Decimal>()> start) { m_start = std::move(start); }

    // nullopt when empty or not a number.
    std::optional<Decimal> value() const;
    // Written with the step's fractional digits.
    void setValue(Decimal value);
    void stepBy(int steps);

Q_SIGNALS:
    // The user typed or stepped (not setValue() from code).
    void edited();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    Decimal m_step = Decimal::fromMantissa(1, 0);
    std::function<std::optional<Decimal>()> m_start;
    bool m_roundDownOnFinish = false;
};
