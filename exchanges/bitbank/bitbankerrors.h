#pragma once

#include <QString>

// bitbank's error replies carry a code only ({"success":0,"data":{"code":20003}}). These are the
// messages errors.md documents for them
// (https://github.com/bitbankinc/bitbank-api-docs/blob/master/errors.md), shown with the code: "60001
// Insufficient amount." An undocumented code reads "bitbank error N".
QString bitbankErrorText(const QString& code);
