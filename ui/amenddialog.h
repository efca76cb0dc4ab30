#pragma once

#include "models/instrument.h"
#include "models/trading.h"

#include <QDialog>

#include <optional>

class QLabel;
class DecimalEdit;
class QPushButton;

// Changes the price and/or quantity of one open order. What is typed is read as an exact Decimal and
// checked against the instrument's rules (tick, lot step, minimum and maximum quantity, minimum
// notional) and the quantity already filled; the reason is shown under the fields and Amend stays
// disabled until the values may be sent. Only the values that differ from the order's are sent.
class AmendDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AmendDialog)

public:
    enum class Field
    {
        Price,
        Quantity,
    };

    AmendDialog(const Order& order, const Instrument& instrument, QWidget* parent = nullptr);

    const Order& order() const { return m_order; }
    void focusField(Field field);

    // The new values; nullopt where the field is unchanged (or the order has no price).
    std::optional<Decimal> price() const;
    std::optional<Decimal> quantity() const;
    // Why the values may not be sent, "" when they may (or nothing changed yet).
    QString problem() const { return m_problem; }
    // Valid and something changed.
    bool canAmend() const;

    DecimalEdit* priceEdit() const;
    DecimalEdit* quantityEdit() const;
    QLabel* reasonLabel() const { return m_reason; }
    QPushButton* amendButton() const { return m_amend; }

    void accept() override;

private:
    void validate();

    Order m_order;
    Instrument m_instrument;
    DecimalEdit* m_price;
    DecimalEdit* m_quantity;
    QLabel* m_reason;
    QPushButton* m_amend;
    QString m_problem;
};
