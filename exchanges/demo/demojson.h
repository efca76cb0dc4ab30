#pragma once

#include "models/decimal.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include <cstdint>

// Small helpers shared by the demo venue's trading code: exact decimal text and Bybit-ordered JSON.
namespace demojson {

inline QByteArray text(Decimal value)
{
    char buf[Decimal::MaxChars];
    return QByteArray(buf, value.toChars(buf));
}

// Money as Bybit prints it: at most 8 decimals, no trailing zeros.
inline QByteArray money(Decimal value)
{
    static const Decimal step = Decimal::fromMantissa(1, 8);
    return text(value.roundedTo(step).value_or(value).normalized());
}

inline QByteArray quoted(const QString& s)
{
    QByteArray json = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2);
}

// a / b at `scale` decimals, rounded half away from zero (exact integer arithmetic); 0 when b is 0.
inline Decimal divide(Decimal a, Decimal b, int scale)
{
    if (b.isZero())
        return Decimal::fromMantissa(0, 0);
    __int128 num = a.mantissa();
    __int128 den = b.mantissa();
    for (int e = scale + b.scale() - a.scale(); e > 0; --e)
        num *= 10;
    for (int e = scale + b.scale() - a.scale(); e < 0; ++e)
        den *= 10;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    __int128 q = num / den;
    const __int128 r = num % den;
    if (2 * (r < 0 ? -r : r) >= den)
        q += num < 0 ? -1 : 1;
    return Decimal::fromMantissa(static_cast<std::int64_t>(q), scale).normalized();
}

// An ordered JSON object's text (Bybit's field order kept).
struct Obj
{
    QByteArray b = "{";
    Obj& raw(const char* key, const QByteArray& value)
    {
        if (b.size() > 1)
            b += ',';
        b += '"' + QByteArray(key) + "\":" + value;
        return *this;
    }
    Obj& str(const char* key, const QByteArray& value) { return raw(key, '"' + value + '"'); }
    Obj& num(const char* key, std::int64_t value)
    {
        return raw(key, QByteArray::number(static_cast<qlonglong>(value)));
    }
    Obj& ms(const char* key, std::int64_t value)
    {
        return str(key, QByteArray::number(static_cast<qlonglong>(value)));
    }
    Obj& boolean(const char* key, bool value) { return raw(key, value ? "true" : "false"); }
    QByteArray done() const { return b + '}'; }
};

} // namespace demojson
