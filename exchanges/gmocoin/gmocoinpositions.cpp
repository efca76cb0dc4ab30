// GMO Coin leverage positions, GmocoinTrading's positions half: the summary per symbol and side
// (/positionSummary, positionSummaryEvents), the per-id positions that are each leg's Position::lots
// (/openPositions, positionEvents), and the closes of one position (/closeOrder, with the refusals of a
// lot close). https://api.coin.z.com/docs/#position-summary , #open-positions , #close-order ,
// #position-events , #position-summary-events ; orders, fills, balances and the stream: gmocointrading.cpp
#include "gmocoinpositions.h"

#include "gmocointrading.h"
#include "models/ordervalidation.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

using namespace GmocoinWire;

namespace {

// positionSummary (REST) and positionSummaryEvents: one entry per symbol and side.
std::optional<Position> readPositionSummary(const QJsonObject& o)
{
    Position p;
    p.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    const auto size = decimalOf(o.value(QLatin1String("sumPositionQuantity")));
    if (p.symbol.isEmpty() || !side || !size)
        return std::nullopt;
    p.category = Category::Linear;
    p.positionSide = *side == Side::Buy ? PositionSide::Long : PositionSide::Short; // one leg per side
    p.size = *size;
    p.side = p.size.isZero() ? std::nullopt : std::optional<Side>(*side);
    p.entryPrice = decimalOf(o.value(QLatin1String("averagePositionRate")));
    p.unrealisedPnl = decimalOf(o.value(QLatin1String("positionLossGain")));
    p.updatedMs = timeOf(o.value(QLatin1String("timestamp")));
    if (!p.updatedMs)
        p.updatedMs = QDateTime::currentMSecsSinceEpoch();
    return p;
}

// One position of /openPositions or a positionEvents push: positionId, symbol, side, size, price.
std::optional<GmocoinTrading::OpenPosition> readOpenPosition(const QJsonObject& o)
{
    GmocoinTrading::OpenPosition p;
    p.positionId = idOf(o.value(QLatin1String("positionId")));
    p.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    const auto size = decimalOf(o.value(QLatin1String("size")));
    if (p.positionId.isEmpty() || p.symbol.isEmpty() || !side || !size)
        return std::nullopt;
    p.leg = *side == Side::Buy ? PositionSide::Long : PositionSide::Short;
    p.size = *size;
    p.price = decimalOf(o.value(QLatin1String("price")));
    p.timeMs = timeOf(o.value(QLatin1String("timestamp")));
    return p;
}

QString legKey(const QString& symbol, PositionSide leg)
{
    return symbol + QLatin1Char(' ') + positionSideName(leg);
}

} // namespace

QString GmocoinTrading::notOfferedLotClose(const OrderRequest& request) const
{
    if (!request.closesPositionId.isEmpty()) {
        const QString& id = request.closesPositionId;
        if (request.category != Category::Linear)
            return tr("GMO Coin's spot wallet holds no positions: only leverage positions are closed by id");
        const OpenPosition* lot = findOpenPosition(id);
        if (!lot || lot->symbol != request.symbol)
            return tr("GMO Coin position %1 is not an open %2 position botterm knows of: read the positions "
                      "again")
                .arg(id, request.symbol);
        if (request.side != (lot->leg == PositionSide::Long ? Side::Sell : Side::Buy))
            return lot->leg == PositionSide::Long
                       ? tr("GMO Coin position %1 is a long one: it is closed by a sell").arg(id)
                       : tr("GMO Coin position %1 is a short one: it is closed by a buy").arg(id);
        if (request.positionSide != PositionSide::Net && request.positionSide != lot->leg)
            return tr("GMO Coin position %1 is not on the leg the order names").arg(id);
        if (request.quantity > lot->size)
            return tr("GMO Coin position %1 holds %2: a close of %3 is larger than it")
                .arg(id, lot->size.toString(), request.quantity.toString());
        if (request.triggerPrice)
            return tr("A close of one GMO Coin position takes no trigger price");
    }
    return {};
}

SignedRequest GmocoinTrading::closeLotRequest(const OrderRequest& order, Decimal size,
                                              const Instrument& instrument) const
{
    // One position (notOffered made sure it is known, of this symbol, and large enough).
    const OpenPosition* lot = findOpenPosition(order.closesPositionId);
    if (!lot || (order.type == OrderType::Limit && !order.price))
        return unsupported(QStringLiteral("no such position, or a limit close without a price"));
    SignedRequest r = closePositionRequest(
        order.symbol, lot->leg == PositionSide::Long ? Side::Buy : Side::Sell, lot->positionId, size,
        order.type == OrderType::Limit ? order.price : std::nullopt, instrument);
    if (!isUnsupported(r) && order.type == OrderType::Limit)
        r.params.insert(QStringLiteral("timeInForce"), gmoTimeInForce(order.timeInForce));
    return r;
}

SignedRequest GmocoinTrading::closePositionRequest(const QString& symbol, Side positionSide,
                                                   const QString& positionId, Decimal size,
                                                   std::optional<Decimal> price,
                                                   const Instrument& instrument) const
{
    const auto lot = roundQuantityToLot(size, instrument);
    bool isNumber = false;
    const qint64 id = positionId.toLongLong(&isNumber);
    if (!lot || !isNumber)
        return unsupported(QStringLiteral("no such position or size"));
    QJsonObject p{{QStringLiteral("symbol"), symbol},
                  {QStringLiteral("side"), gmoSide(positionSide == Side::Buy ? Side::Sell : Side::Buy)},
                  {QStringLiteral("settlePosition"),
                   QJsonArray{QJsonObject{{QStringLiteral("positionId"), id},
                                          {QStringLiteral("size"), lot->toString()}}}}};
    if (price) {
        const auto onTick = roundPriceToTick(*price, instrument);
        if (!onTick)
            return unsupported(QStringLiteral("the price is not on GMO Coin's tick"));
        p.insert(QStringLiteral("executionType"), QStringLiteral("LIMIT"));
        p.insert(QStringLiteral("price"), onTick->toString());
    } else {
        p.insert(QStringLiteral("executionType"), QStringLiteral("MARKET"));
    }
    SignedRequest r = request("POST", QStringLiteral("closeOrder"));
    r.params = p;
    return r;
}

SignedRequest GmocoinTrading::positionsRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category); // positions exist on leverage symbols only
    // Every symbol's summary, even when one symbol is asked for: parsePositions() reads a leg missing
    // from the reply as flat, which holds only for a complete reply.
    Q_UNUSED(symbol);
    return request("GET", QStringLiteral("positionSummary"));
}

SignedRequest GmocoinTrading::openPositionsRequest(const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("openPositions"));
    r.query = {{QStringLiteral("symbol"), symbol}, {QStringLiteral("count"), QStringLiteral("100")}};
    return r;
}

Result<std::vector<GmocoinTrading::OpenPosition>, AdapterError>
GmocoinTrading::parseOpenPositions(const QJsonDocument& reply, const QString& symbol) const
{
    using R = Result<std::vector<OpenPosition>, AdapterError>;
    const auto list = listOf(reply, "openPositions");
    if (!list)
        return R::failure(list.error());
    std::vector<OpenPosition> out;
    for (const QJsonValue& v : *list) {
        const auto p = readOpenPosition(v.toObject());
        if (!p)
            return R::failure({QStringLiteral("an open position lacks positionId, symbol, side or size")});
        out.push_back(*p);
    }
    // The reply is the symbol's whole list: it replaces what was known of the symbol.
    QSet<QString> symbols{symbol};
    for (const OpenPosition& p : out)
        symbols.insert(p.symbol);
    std::erase_if(m_openPositions, [&symbols](const OpenPosition& p) { return symbols.contains(p.symbol); });
    for (const OpenPosition& p : out) {
        noteSymbol(p.symbol);
        notePosition(p, false);
    }
    return out;
}

std::vector<GmocoinTrading::OpenPosition> GmocoinTrading::openPositionsOf(const QString& symbol,
                                                                          PositionSide leg) const
{
    std::vector<OpenPosition> out;
    for (const OpenPosition& p : m_openPositions) {
        if (p.symbol == symbol && p.leg == leg)
            out.push_back(p);
    }
    return out;
}

void GmocoinTrading::notePosition(const OpenPosition& position, bool closed) const
{
    const auto it = std::find_if(m_openPositions.begin(), m_openPositions.end(),
                                 [&position](const auto& p) { return p.positionId == position.positionId; });
    if (closed || position.size.isZero()) {
        if (it != m_openPositions.end())
            m_openPositions.erase(it);
    } else if (it != m_openPositions.end()) {
        *it = position;
    } else {
        m_openPositions.push_back(position);
    }
}

QList<SignedRequest> GmocoinTrading::morePositionsRequests(const QList<Category>& categories) const
{
    QList<SignedRequest> out;
    if (!categories.contains(Category::Linear))
        return out;
    for (const QString& symbol : symbolsOfInterest(Category::Linear))
        out.append(openPositionsRequest(symbol));
    return out;
}

const GmocoinTrading::OpenPosition* GmocoinTrading::findOpenPosition(const QString& positionId) const
{
    const auto it = std::find_if(m_openPositions.cbegin(), m_openPositions.cend(),
                                 [&positionId](const OpenPosition& p) { return p.positionId == positionId; });
    return it == m_openPositions.cend() ? nullptr : &*it;
}

std::vector<PositionLot> GmocoinTrading::lotsOf(const QString& symbol, PositionSide leg) const
{
    std::vector<PositionLot> out;
    for (const OpenPosition& p : openPositionsOf(symbol, leg))
        out.push_back(PositionLot{p.positionId, p.size, p.price, p.timeMs});
    // Oldest first; GMO's ids grow with time, so they order positions opened in the same millisecond.
    std::stable_sort(out.begin(), out.end(), [](const PositionLot& a, const PositionLot& b) {
        if (a.openedMs != b.openedMs)
            return a.openedMs < b.openedMs;
        return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
    });
    return out;
}

Position GmocoinTrading::withLots(Position leg) const
{
    const QString key = legKey(leg.symbol, leg.positionSide);
    if (leg.size.isZero()) {
        // A flat leg holds no positions, whatever was heard of them.
        std::erase_if(m_openPositions, [&leg](const OpenPosition& p) {
            return p.symbol == leg.symbol && p.leg == leg.positionSide;
        });
        m_legs.remove(key);
        leg.lots.clear();
        return leg;
    }
    leg.lots = lotsOf(leg.symbol, leg.positionSide);
    m_legs.insert(key, leg);
    return leg;
}

std::vector<Position> GmocoinTrading::legsWithNewLots(const std::vector<OpenPosition>& positions) const
{
    // A page is its symbols' whole list (one page of 100): it replaces what was known of them.
    QSet<QString> symbols;
    for (const OpenPosition& p : positions)
        symbols.insert(p.symbol);
    std::erase_if(m_openPositions, [&symbols](const OpenPosition& p) { return symbols.contains(p.symbol); });
    for (const OpenPosition& p : positions) {
        noteSymbol(p.symbol);
        notePosition(p, false);
    }
    std::vector<Position> out;
    for (const Position& leg : std::as_const(m_legs)) {
        if (symbols.contains(leg.symbol))
            out.push_back(leg);
    }
    for (Position& leg : out)
        leg = withLots(std::move(leg));
    std::sort(out.begin(), out.end(), [](const Position& a, const Position& b) {
        return a.symbol != b.symbol ? a.symbol < b.symbol : a.positionSide < b.positionSide;
    });
    return out;
}

void GmocoinTrading::noteLeg(const Position& position) const
{
    const QString key = legKey(position.symbol, position.positionSide);
    if (position.size.isZero())
        m_openLegs.remove(key);
    else
        m_openLegs.insert(key);
}

Result<std::vector<Position>, AdapterError> GmocoinTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    // morePositionsRequests' /openPositions pages come here too: a page is paginated (or, empty, has no
    // list at all) and lists positions by id; the summary is one list of legs.
    if (const QJsonValue data = reply.object().value(QLatin1String("data"));
        !replyError(reply) && data.isObject()) {
        const QJsonObject d = data.toObject();
        const QJsonArray items = d.value(QLatin1String("list")).toArray();
        if (d.contains(QLatin1String("pagination")) || !d.contains(QLatin1String("list")) ||
            (!items.isEmpty() && items.first().toObject().contains(QLatin1String("positionId")))) {
            std::vector<OpenPosition> page;
            for (const QJsonValue& v : items) {
                const auto p = readOpenPosition(v.toObject());
                if (!p)
                    return R::failure(
                        {QStringLiteral("an open position lacks positionId, symbol, side or size")});
                page.push_back(*p);
            }
            return legsWithNewLots(page);
        }
    }
    const auto list = listOf(reply, "positionSummary");
    if (!list)
        return R::failure(list.error());
    std::vector<Position> out;
    QSet<QString> listed;
    for (const QJsonValue& v : *list) {
        const auto p = readPositionSummary(v.toObject());
        if (!p)
            return R::failure(
                {QStringLiteral("a position summary lacks symbol, side or sumPositionQuantity")});
        noteSymbol(p->symbol);
        listed.insert(legKey(p->symbol, p->positionSide));
        out.push_back(*p);
    }
    // GMO lists open legs only: a leg reported open before and missing now has been closed.
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& key : std::as_const(m_openLegs)) {
        if (listed.contains(key))
            continue;
        Position flat;
        flat.symbol = key.section(QLatin1Char(' '), 0, 0);
        flat.category = Category::Linear;
        flat.positionSide =
            key.endsWith(positionSideName(PositionSide::Long)) ? PositionSide::Long : PositionSide::Short;
        flat.updatedMs = now;
        out.push_back(flat);
    }
    // The summary is every symbol's: positions of a leg it does not list are gone.
    std::erase_if(m_openPositions,
                  [&listed](const OpenPosition& p) { return !listed.contains(legKey(p.symbol, p.leg)); });
    for (Position& p : out) {
        noteLeg(p);
        p = withLots(std::move(p));
    }
    return out;
}

bool GmocoinTrading::readPositionEvent(const QString& channel, const QJsonObject& o,
                                       PrivateStreamFrame& out) const
{
    if (channel == QLatin1String("positionSummaryEvents")) {
        const auto p = readPositionSummary(o);
        if (!p) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("positionSummaryEvents lacks symbol, side or sumPositionQuantity");
            return false;
        }
        noteSymbol(p->symbol);
        noteLeg(*p);
        out.positions.push_back(withLots(*p));
    } else if (channel == QLatin1String("positionEvents")) {
        // One position (a positionId) opened (OPR), changed (UPR, ULR: loss-cut price) or closed (CPR):
        // its id is kept for closeOrder. The leg's size and average come with positionSummaryEvents; a leg
        // already known is given again with its lots as they are now.
        const auto p = readOpenPosition(o);
        if (!p) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("positionEvents lacks positionId, symbol, side or size");
            return false;
        }
        notePosition(*p, o.value(QLatin1String("msgType")).toString() == QLatin1String("CPR"));
        if (const auto leg = m_legs.constFind(legKey(p->symbol, p->leg)); leg != m_legs.cend())
            out.positions.push_back(withLots(*leg));
    }
    return true;
}
