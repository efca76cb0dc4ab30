#pragma once

#include "models/decimal.h"

#include <QString>

class QVariant;

// Text for prices and sizes in aligned columns: every row of a column shows the same number of
// fractional digits (the instrument's tick or lot), so the decimal points line up.
namespace NumberFormat {
// Fractional digits of a step such as a tick size ("0.10" → 1, "0.5" → 1, "1" → 0).
int scaleOf(Decimal step);
// The value with exactly `scale` fractional digits when that is exact; otherwise as written.
QString decimal(Decimal value, int scale);
// A Decimal carried in a QVariant (a model's DecimalRole); empty when the variant holds none.
QString decimal(const QVariant& value, int scale);
// 1234567 → "1.23M", 98765 → "98.77K", 512.5 → "512.50": for volumes, never for prices.
QString compact(double value);
} // namespace NumberFormat
