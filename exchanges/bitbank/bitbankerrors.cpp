#include "bitbankerrors.h"

#include <QCoreApplication>

namespace {
struct Entry
{
    int code;
    const char* text;
};

// errors.md (bitbank-api-docs 25509e0, 2025-12): the codes of trading and authentication, by number (the
// venue's own English; translatable like any user-visible text).
constexpr Entry kErrors[] = {
    {10000, QT_TRANSLATE_NOOP("BitbankErrors", "Url not found.")},
    {10001, QT_TRANSLATE_NOOP("BitbankErrors", "System error.")},
    {10002, QT_TRANSLATE_NOOP("BitbankErrors", "Malformed request.")},
    {10003, QT_TRANSLATE_NOOP("BitbankErrors", "System error.")},
    {10005, QT_TRANSLATE_NOOP("BitbankErrors", "Timeout waiting for response.")},
    {10007, QT_TRANSLATE_NOOP("BitbankErrors", "System maintenance.")},
    {10008, QT_TRANSLATE_NOOP("BitbankErrors", "Server is busy. Retry later.")},
    {10009, QT_TRANSLATE_NOOP("BitbankErrors",
                              "You sent requests too frequently. Retry later with decreased requests.")},
    {20001, QT_TRANSLATE_NOOP("BitbankErrors", "Authentication failed api authorization.")},
    {20002, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid api key.")},
    {20003, QT_TRANSLATE_NOOP("BitbankErrors", "Api key not found.")},
    {20004, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid api nonce.")},
    {20005, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid api signature.")},
    {20011, QT_TRANSLATE_NOOP("BitbankErrors", "MFA failed.")},
    {20014, QT_TRANSLATE_NOOP("BitbankErrors", "SMS verification failed.")},
    {20018,
     QT_TRANSLATE_NOOP("BitbankErrors", "Please login. (This happens when you request API without /v1/.)")},
    {20019, QT_TRANSLATE_NOOP("BitbankErrors",
                              "Please login. (This also happens when you request API without /v1/.)")},
    {20023, QT_TRANSLATE_NOOP("BitbankErrors", "Missing OTP code.")},
    {20024, QT_TRANSLATE_NOOP("BitbankErrors", "Missing SMS code.")},
    {20025, QT_TRANSLATE_NOOP("BitbankErrors", "Missing OTP and SMS code.")},
    {20026, QT_TRANSLATE_NOOP(
                "BitbankErrors",
                "MFA is temporarily locked because too many failures. Please retry after 60 seconds.")},
    {20033, QT_TRANSLATE_NOOP("BitbankErrors", "ACCESS-REQUEST-TIME not found.")},
    {20034, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid time of ACCESS-REQUEST-TIME.")},
    {20035, QT_TRANSLATE_NOOP("BitbankErrors", "No request was sent within ACCESS-TIME-WINDOW.")},
    {20036, QT_TRANSLATE_NOOP("BitbankErrors", "ACCESS-REQUEST-TIME and ACCESS-NONCE not found.")},
    {20037, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid ACCESS-REQUEST-TIME.")},
    {20038, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid ACCESS-TIME-WINDOW.")},
    {20039, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid ACCESS-NONCE.")},
    {30001, QT_TRANSLATE_NOOP("BitbankErrors", "Missing order quantity.")},
    {30006, QT_TRANSLATE_NOOP("BitbankErrors", "Missing order id.")},
    {30007, QT_TRANSLATE_NOOP("BitbankErrors", "Missing order id array.")},
    {30009, QT_TRANSLATE_NOOP("BitbankErrors", "Missing asset.")},
    {30012, QT_TRANSLATE_NOOP("BitbankErrors", "Missing order price.")},
    {30013, QT_TRANSLATE_NOOP("BitbankErrors", "Missing side.")},
    {30015, QT_TRANSLATE_NOOP("BitbankErrors", "Missing order type.")},
    {30016, QT_TRANSLATE_NOOP("BitbankErrors", "Missing asset.")},
    {30019, QT_TRANSLATE_NOOP("BitbankErrors", "Missing uuid.")},
    {30039, QT_TRANSLATE_NOOP("BitbankErrors", "Missing withdraw amount.")},
    {30101, QT_TRANSLATE_NOOP("BitbankErrors", "Missing trigger price.")},
    {40001, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid order quantity.")},
    {40006, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid count.")},
    {40007, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid end param.")},
    {40008, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid end_id.")},
    {40009, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid from_id.")},
    {40013, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid order id.")},
    {40014, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid order id array.")},
    {40015, QT_TRANSLATE_NOOP("BitbankErrors", "Too many orders are specified.")},
    {40017, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid asset.")},
    {40020, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid order price.")},
    {40021, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid order side.")},
    {40022, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid trading start time.")},
    {40024, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid order type.")},
    {40025, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid asset.")},
    {40028, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid uuid.")},
    {40048, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid withdraw amount.")},
    {40112, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid trigger price.")},
    {40113, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid post_only.")},
    {40114, QT_TRANSLATE_NOOP("BitbankErrors", "post_only can not be specified with such order type.")},
    {40164, QT_TRANSLATE_NOOP("BitbankErrors", "Invalid position side.")},
    {40165, QT_TRANSLATE_NOOP("BitbankErrors", "Can not be margin trading with such pair.")},
    {40200, QT_TRANSLATE_NOOP("BitbankErrors", "Stop open orders cannot be accepted.")},
    {50003, QT_TRANSLATE_NOOP("BitbankErrors", "Account is restricted.")},
    {50004, QT_TRANSLATE_NOOP("BitbankErrors", "Account is provisional.")},
    {50005, QT_TRANSLATE_NOOP("BitbankErrors", "Account is blocked.")},
    {50006, QT_TRANSLATE_NOOP("BitbankErrors", "Account is blocked.")},
    {50008, QT_TRANSLATE_NOOP("BitbankErrors", "Identity verification is not finished.")},
    {50009, QT_TRANSLATE_NOOP("BitbankErrors", "Order not found.")},
    {50010, QT_TRANSLATE_NOOP("BitbankErrors", "Order can not be canceled.")},
    {50011, QT_TRANSLATE_NOOP("BitbankErrors", "Api not found.")},
    {50026, QT_TRANSLATE_NOOP("BitbankErrors", "Order has already been canceled.")},
    {50027, QT_TRANSLATE_NOOP("BitbankErrors", "Order has already been executed.")},
    {50058, QT_TRANSLATE_NOOP("BitbankErrors", "Margin trading review has not been completed.")},
    {50059, QT_TRANSLATE_NOOP(
                "BitbankErrors",
                "Temporarily restricting new margin orders. Please try your request again after a while.")},
    {50060, QT_TRANSLATE_NOOP(
                "BitbankErrors",
                "Temporarily restricting new margin orders. Please try your request again after a while.")},
    {50061, QT_TRANSLATE_NOOP("BitbankErrors", "Exceeds available balance for open order.")},
    {50062, QT_TRANSLATE_NOOP("BitbankErrors", "Exceeds total margin position.")},
    {50072, QT_TRANSLATE_NOOP("BitbankErrors", "Buy orders cannot be used in spot transactions.")},
    {50073, QT_TRANSLATE_NOOP("BitbankErrors", "Sell orders cannot be used in spot transactions.")},
    {50078, QT_TRANSLATE_NOOP("BitbankErrors", "Open orders cannot be used in margin trading.")},
    {50079, QT_TRANSLATE_NOOP("BitbankErrors", "Close orders cannot be used in margin trading.")},
    {50080, QT_TRANSLATE_NOOP("BitbankErrors", "Open orders cannot be used in margin trading.")},
    {50081, QT_TRANSLATE_NOOP("BitbankErrors", "Close orders cannot be used in margin trading.")},
    {60001, QT_TRANSLATE_NOOP("BitbankErrors", "Insufficient amount.")},
    {60002, QT_TRANSLATE_NOOP("BitbankErrors", "Market buy order quantity has exceeded the upper limit.")},
    {60003, QT_TRANSLATE_NOOP("BitbankErrors", "Order quantity has exceeded the limit.")},
    {60004, QT_TRANSLATE_NOOP("BitbankErrors", "Order quantity has exceeded the lower threshold.")},
    {60005, QT_TRANSLATE_NOOP("BitbankErrors", "Order quantity has exceeded the upper limit.")},
    {60006, QT_TRANSLATE_NOOP("BitbankErrors", "Order price has exceeded the lower limit.")},
    {60011, QT_TRANSLATE_NOOP("BitbankErrors", "Too many Simultaneous orders, current limit is 30.")},
    {60016, QT_TRANSLATE_NOOP("BitbankErrors", "Trigger price has exceeded the upper limit.")},
    {60018, QT_TRANSLATE_NOOP("BitbankErrors", "Trigger price to trigger immediately cannot be specified.")},
    {60019, QT_TRANSLATE_NOOP("BitbankErrors",
                              "The side of a TakeProfit or StopLoss order must be in the close direction.")},
    {70001, QT_TRANSLATE_NOOP("BitbankErrors", "System error.")},
    {70002, QT_TRANSLATE_NOOP("BitbankErrors", "System error.")},
    {70003, QT_TRANSLATE_NOOP("BitbankErrors", "System error.")},
    {70004, QT_TRANSLATE_NOOP("BitbankErrors", "Order is restricted during suspension of transactions.")},
    {70005, QT_TRANSLATE_NOOP("BitbankErrors", "Buy order has been temporarily restricted.")},
    {70006, QT_TRANSLATE_NOOP("BitbankErrors", "Sell order has been temporarily restricted.")},
    {70009,
     QT_TRANSLATE_NOOP("BitbankErrors",
                       "Market order has been temporarily restricted. Please use limit order instead.")},
    {70010, QT_TRANSLATE_NOOP("BitbankErrors", "Minimum Order Quantity is increased temporarily.")},
    {70011, QT_TRANSLATE_NOOP("BitbankErrors", "System is busy. Please try again.")},
    {70012, QT_TRANSLATE_NOOP("BitbankErrors", "System error.")},
    {70013, QT_TRANSLATE_NOOP("BitbankErrors", "Order and cancel has been temporarily restricted.")},
    {70014,
     QT_TRANSLATE_NOOP("BitbankErrors", "Withdraw and cancel request has been temporarily restricted.")},
    {70015,
     QT_TRANSLATE_NOOP("BitbankErrors", "Lending and cancel request has been temporarily restricted.")},
    {70016, QT_TRANSLATE_NOOP("BitbankErrors", "Lending and cancel request has been restricted.")},
    {70017, QT_TRANSLATE_NOOP("BitbankErrors", "Orders on pair have been suspended.")},
    {70018, QT_TRANSLATE_NOOP("BitbankErrors", "Order and cancel on pair have been suspended.")},
    {70019, QT_TRANSLATE_NOOP("BitbankErrors", "Order cancel request is in process.")},
    {70020, QT_TRANSLATE_NOOP("BitbankErrors", "Market order has been temporarily restricted.")},
    {70021, QT_TRANSLATE_NOOP("BitbankErrors", "Limit order price is over the threshold.")},
    {70022, QT_TRANSLATE_NOOP("BitbankErrors", "Stop limit order has been temporarily restricted.")},
    {70023, QT_TRANSLATE_NOOP("BitbankErrors", "Stop order has been temporarily restricted.")},
    {70024, QT_TRANSLATE_NOOP("BitbankErrors", "Long open order has been temporarily restricted.")},
    {70025, QT_TRANSLATE_NOOP("BitbankErrors", "Short open order has been temporarily restricted.")},
    {70026, QT_TRANSLATE_NOOP("BitbankErrors", "Order has been temporarily restricted.")},
};
} // namespace

QString bitbankErrorText(const QString& code)
{
    bool ok = false;
    const int n = code.toInt(&ok);
    if (ok) {
        for (const Entry& e : kErrors) {
            if (e.code == n)
                return QStringLiteral("%1 %2").arg(code,
                                                   QCoreApplication::translate("BitbankErrors", e.text));
        }
    }
    return QCoreApplication::translate("BitbankErrors", "bitbank error %1").arg(code);
}
