// bitbank margin trading (信用取引), BitbankTrading's margin half: the margin positions (GET
// /v1/user/margin/positions, margin_position_update), the margin account read from GET /v1/user/margin/status
// as the "margin" balance (marginBalance: the mapping), the dunning notices (margin_notice_update, the
// positions reply's notice) and the payables (margin_payable_update).
// https://github.com/bitbankinc/bitbank-api-docs/blob/master/rest-api.md , private-stream.md ;
// the orders (spot and margin), trades, spot assets and the private stream: bitbanktrading.cpp
#include "bitbanktrading.h"

#include "bitbankmargin.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBitbank, "botterm.bitbank")

using namespace BitbankWire;

namespace {

// Margin positions, as GET /user/margin/positions lists them and margin_position_update pushes them:
// {pair, position_side, open_amount, average_price, …}, one leg each. A leg with nothing open is flat.
Result<std::vector<Position>, AdapterError> positionsFrom(const QJsonArray& list)
{
    using R = Result<std::vector<Position>, AdapterError>;
    std::vector<Position> out;
    for (const QJsonValue& v : list) {
        const QJsonObject o = v.toObject();
        Position p;
        p.symbol = o.value(QLatin1String("pair")).toString();
        p.category = Category::Linear;
        const auto leg = legOf(o);
        const auto open = decimalOf(o.value(QLatin1String("open_amount")));
        if (p.symbol.isEmpty() || !leg || !open)
            return R::failure({QStringLiteral("a margin position lacks pair, position_side or open_amount")});
        p.positionSide = *leg;
        p.size = *open;
        if (!open->isZero())
            p.side = *leg == PositionSide::Long ? Side::Buy : Side::Sell;
        const auto average = decimalOf(o.value(QLatin1String("average_price")));
        if (average && !average->isZero())
            p.entryPrice = average;
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

SignedRequest BitbankTrading::positionsRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(symbol); // every pair's legs at once
    if (category != Category::Linear)
        return unsupported(QStringLiteral("bitbank spot has no positions"));
    return request("GET", QStringLiteral("/v1/user/margin/positions"));
}

SignedRequest BitbankTrading::marginStatusRequest() const
{
    return request("GET", QStringLiteral("/v1/user/margin/status"));
}

PositionSide BitbankTrading::legFor(const OrderRequest& request)
{
    if (request.positionSide != PositionSide::Net)
        return request.positionSide;
    // A buy opens the long leg and a sell the short one; reduce-only, they close the other leg.
    const bool longLeg = (request.side == Side::Buy) != request.reduceOnly;
    return longLeg ? PositionSide::Long : PositionSide::Short;
}

Result<std::vector<Position>, AdapterError> BitbankTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    if (const auto failure = failureOf(reply))
        return R::failure(*failure);
    const QJsonObject data = dataOf(reply);
    const QJsonValue positions = data.value(QLatin1String("positions"));
    if (!positions.isArray())
        return R::failure({QStringLiteral("margin positions reply lacks data.positions")});
    // The dunning notice stands beside the legs (every field null when there is none).
    if (const QJsonValue notice = data.value(QLatin1String("notice")); notice.isObject()) {
        if (const auto parsed = parseMarginNotice(notice.toObject()))
            noteMarginNotice(*parsed, false);
    }
    return positionsFrom(positions.toArray());
}

// The margin account as botterm shows it: one JPY balance of the "margin" account, read from GET
// /v1/user/margin/status (rest-api.md "Fetch Margin Trading Status"), in the terms of bitbank's margin
// trading rule (bitbank.cc/guide/margin-trading-rule):
//  - equity = total_margin_balance, 受入保証金合計額: the collateral with the positions' unrealised P/L
//    and the accrued costs in it (差入保証金 + 建玉評価損益 − 未収費用). The collateral is the spot account's
//    JPY and coins (coins at a haircut), so it is a view of the spot wallet, not money apart from it;
//  - walletBalance = the posted collateral, 差入保証金 = total_margin_balance − margin_position_profit_loss
//    + unrealized_cost (bitbank rounds each of the three to 4 decimals, so to within 0.0003 JPY);
//    total_margin_balance when either is absent;
//  - available = the free margin: total_margin_balance less the maintenance margin of the positions
//    (total_position_maintenance_margin, 維持必要保証金額) and of the open orders
//    (total_open_order_maintenance_margin, 約定時必要保証金額), never below 0; absent when either is.
// Not shown as balances: what each pair may still open per side (available_balances, kept in
// MarginStatus), the credit lines (buy_credit, sell_credit), and the ratios (保証金率 and the margin call
// and losscut percentages, kept in MarginStatus); the account's status is logged when not NORMAL.
Balance BitbankTrading::marginBalance(const MarginStatus& status)
{
    Balance b;
    b.coin = QStringLiteral("JPY");
    b.account = marginAccount();
    b.equity = status.totalMarginBalance;
    b.walletBalance = status.totalMarginBalance;
    if (status.profitLoss && status.unrealizedCost) {
        const auto withoutPnl = Decimal::subtract(status.totalMarginBalance, *status.profitLoss);
        if (const auto posted = withoutPnl ? Decimal::add(*withoutPnl, *status.unrealizedCost) : std::nullopt)
            b.walletBalance = *posted;
    }
    if (status.positionMaintenanceMargin && status.openOrderMaintenanceMargin) {
        const auto afterPositions =
            Decimal::subtract(status.totalMarginBalance, *status.positionMaintenanceMargin);
        const auto freeMargin = afterPositions
                                    ? Decimal::subtract(*afterPositions, *status.openOrderMaintenanceMargin)
                                    : std::nullopt;
        if (freeMargin)
            b.available = freeMargin->isNegative() ? Decimal() : *freeMargin;
    }
    return b;
}

QString BitbankTrading::balanceAccountFor(Category category) const
{
    return category == Category::Linear ? marginAccount() : spotAccount();
}

QList<SignedRequest> BitbankTrading::moreBalancesRequests(const QList<Category>& categories) const
{
    if (categories.contains(Category::Linear))
        return {marginStatusRequest()};
    return {};
}

Result<BitbankTrading::MarginNotice, AdapterError> BitbankTrading::parseMarginNotice(const QJsonObject& o)
{
    using R = Result<MarginNotice, AdapterError>;
    MarginNotice notice;
    const QJsonValue what = o.value(QLatin1String("what"));
    const QJsonValue amount = o.value(QLatin1String("amount"));
    const auto absent = [](const QJsonValue& v) { return v.isNull() || v.isUndefined(); };
    if (!(what.isString() || absent(what)) || !(amount.isString() || amount.isDouble() || absent(amount)))
        return R::failure({QStringLiteral("a margin notice's what or amount is neither text nor null")});
    notice.what = what.toString();
    notice.amount = decimalOf(amount);
    if (!absent(amount) && !notice.amount)
        return R::failure({QStringLiteral("a margin notice's amount is not a number")});
    for (const auto& [key, into] :
         {std::pair{"occurred_at", &notice.occurredAtMs}, std::pair{"due_date_at", &notice.dueDateAtMs}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isDouble())
            *into = v.toInteger();
        else if (!absent(v))
            return R::failure({QStringLiteral("a margin notice's %1 is not a time").arg(QLatin1String(key))});
    }
    return notice;
}

QString BitbankTrading::describe(const MarginNotice& notice)
{
    const auto text = [](const char* source) {
        return QCoreApplication::translate("BitbankTrading", source);
    };
    if (notice.resolved())
        return text(QT_TRANSLATE_NOOP("BitbankTrading", "bitbank margin: the notice is resolved"));
    QString what;
    if (notice.what == QLatin1String("marginCall"))
        what = text(QT_TRANSLATE_NOOP("BitbankTrading", "bitbank margin call"));
    else if (notice.what == QLatin1String("debt"))
        what = text(QT_TRANSLATE_NOOP("BitbankTrading", "bitbank margin shortfall"));
    else if (notice.what == QLatin1String("settled"))
        what = text(QT_TRANSLATE_NOOP("BitbankTrading", "bitbank margin debt settled"));
    else
        what = text(QT_TRANSLATE_NOOP("BitbankTrading", "bitbank margin notice %1")).arg(notice.what);
    const auto when = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
    };
    QString out = what;
    if (notice.amount)
        out +=
            QLatin1String(": ") +
            text(QT_TRANSLATE_NOOP("BitbankTrading", "%1 JPY")).arg(notice.amount->normalized().toString());
    if (notice.dueDateAtMs)
        out += QLatin1String(", ") +
               text(QT_TRANSLATE_NOOP("BitbankTrading", "due %1")).arg(when(*notice.dueDateAtMs));
    if (notice.occurredAtMs)
        out += QLatin1String(" (") +
               text(QT_TRANSLATE_NOOP("BitbankTrading", "since %1")).arg(when(*notice.occurredAtMs)) +
               QLatin1Char(')');
    return out;
}

void BitbankTrading::noteMarginNotice(const MarginNotice& notice, bool pushed) const
{
    // A pushed notice is news; one read over REST only when it differs from the last (a resolved one
    // before any is the usual nothing).
    if (!pushed && (m_notice == notice || (!m_notice && notice.resolved())))
        return;
    m_notice = notice;
    qCWarning(lcBitbank).noquote() << describe(notice);
}

Result<BitbankTrading::MarginStatus, AdapterError>
BitbankTrading::parseMarginStatus(const QJsonDocument& reply)
{
    using R = Result<MarginStatus, AdapterError>;
    if (const auto failure = failureOf(reply))
        return R::failure(*failure);
    const QJsonObject data = dataOf(reply);
    MarginStatus status;
    status.status = data.value(QLatin1String("status")).toString();
    const auto balance = decimalOf(data.value(QLatin1String("total_margin_balance")));
    if (status.status.isEmpty() || !balance)
        return R::failure({QStringLiteral("margin status lacks status or total_margin_balance")});
    status.totalMarginBalance = *balance;
    status.profitLoss = decimalOf(data.value(QLatin1String("margin_position_profit_loss")));
    status.unrealizedCost = decimalOf(data.value(QLatin1String("unrealized_cost")));
    status.positionMaintenanceMargin =
        decimalOf(data.value(QLatin1String("total_position_maintenance_margin")));
    status.openOrderMaintenanceMargin =
        decimalOf(data.value(QLatin1String("total_open_order_maintenance_margin")));
    status.marginBalancePercentage = decimalOf(data.value(QLatin1String("total_margin_balance_percentage")));
    status.marginCallPercentage = decimalOf(data.value(QLatin1String("margin_call_percentage")));
    status.losscutPercentage = decimalOf(data.value(QLatin1String("losscut_percentage")));
    for (const QJsonValue& v : data.value(QLatin1String("available_balances")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto longOpen = decimalOf(o.value(QLatin1String("long")));
        const auto shortOpen = decimalOf(o.value(QLatin1String("short")));
        if (!longOpen || !shortOpen)
            return R::failure({QStringLiteral("an available_balances entry lacks long or short")});
        status.available.insert(o.value(QLatin1String("pair")).toString(), {*longOpen, *shortOpen});
    }
    return status;
}

Result<std::vector<Balance>, AdapterError> BitbankTrading::parseMarginBalances(const QJsonDocument& reply)
{
    using R = Result<std::vector<Balance>, AdapterError>;
    const QJsonObject data = dataOf(reply);
    // GET /v1/user/margin/status (moreBalancesRequests): the margin account.
    if (!data.contains(QLatin1String("total_margin_balance")))
        return R::failure({QStringLiteral("balances reply lacks data.assets or data.total_margin_balance")});
    auto status = parseMarginStatus(reply);
    if (!status)
        return R::failure(status.error());
    if (status->status != QLatin1String("NORMAL"))
        qCWarning(lcBitbank).noquote() << "bitbank margin account status" << status->status;
    return std::vector<Balance>{marginBalance(*status)};
}

PrivateStreamFrame BitbankTrading::parseMarginStreamFrame(const QString& method, const QJsonValue& params,
                                                          PrivateStreamFrame out) const
{
    if (method == QLatin1String("margin_notice_update")) {
        // Read whole, kept, logged, and put before the trader (a Notice: the status bar keeps it, and
        // the session reads the margin figures again).
        QStringList words;
        for (const QJsonValue& v : params.toArray()) {
            auto notice = parseMarginNotice(v.toObject());
            if (!v.isObject() || !notice) {
                out.kind = PrivateStreamFrame::Kind::Malformed;
                out.error = notice ? QStringLiteral("margin_notice_update params hold a non-object")
                                   : notice.error().message;
                return out;
            }
            noteMarginNotice(*notice, true);
            words.append(describe(*notice));
        }
        out.kind = words.isEmpty() ? PrivateStreamFrame::Kind::Ignored : PrivateStreamFrame::Kind::Notice;
        out.error = words.join(QLatin1String("; "));
        return out;
    } else if (method == QLatin1String("margin_payable_update")) {
        // The payables (決済損金・不足金) amount, logged whole.
        QStringList amounts;
        for (const QJsonValue& v : params.toArray()) {
            const auto amount = decimalOf(v.toObject().value(QLatin1String("amount")));
            if (!amount) {
                out.kind = PrivateStreamFrame::Kind::Malformed;
                out.error = QStringLiteral("margin_payable_update lacks amount");
                return out;
            }
            amounts.append(amount->normalized().toString());
        }
        out.kind = PrivateStreamFrame::Kind::Ignored;
        if (amounts.isEmpty())
            return out;
        out.error = QCoreApplication::translate("BitbankTrading", "bitbank margin payables: %1 JPY")
                        .arg(amounts.join(QLatin1String(", ")));
        qCWarning(lcBitbank).noquote() << out.error;
        return out;
    } else if (method == QLatin1String("margin_position_update")) {
        auto positions = positionsFrom(params.toArray());
        if (!positions) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = positions.error().message;
            return out;
        }
        out.positions = std::move(*positions);
    }
    out.kind = out.positions.empty() ? PrivateStreamFrame::Kind::Ignored : PrivateStreamFrame::Kind::Data;
    return out;
}
