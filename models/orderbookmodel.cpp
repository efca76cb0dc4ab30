#include "orderbookmodel.h"

#include <algorithm>
#include <utility>

namespace {

// Cells of one ladder row that differ between two refreshes.
enum ChangeBits : unsigned
{
    PriceChanged = 1u << 0,
    SizeChanged = 1u << 1,
    CumulativeChanged = 1u << 2,
    FractionChanged = 1u << 3,
};

// The bucket a price falls in: bids round down, asks round up, so a bucket never shows a better price
// than the levels inside it.
std::optional<Decimal> bucketOf(Decimal price, Decimal step, Side side)
{
    const auto down = price.roundedDownTo(step);
    if (!down || side == Side::Buy || *down == price)
        return down;
    return Decimal::add(*down, step);
}

// Whether a is further from the top of the book than b on this side.
bool isWorse(Decimal a, Decimal b, Side side)
{
    return side == Side::Buy ? a < b : a > b;
}

} // namespace

OrderBookModel::OrderBookModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int OrderBookModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_asks.size() + m_bids.size());
}

int OrderBookModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const OrderBookModel::Row& OrderBookModel::rowAt(int row, Side& side) const
{
    const int askRows = askRowCount();
    if (row < askRows) {
        side = Side::Sell;
        return m_asks[static_cast<std::size_t>(askRows - 1 - row)];
    }
    side = Side::Buy;
    return m_bids[static_cast<std::size_t>(row - askRows)];
}

QVariant OrderBookModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    Side side;
    const Row& row = rowAt(index.row(), side);
    const int column = index.column();
    const Decimal& value =
        column == PriceColumn ? row.price : (column == SizeColumn ? row.size : row.cumulative);

    switch (role) {
    case Qt::DisplayRole:
        return value.toString();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case UnderlyingDataRole:
        return value.toDouble();
    case DecimalRole:
        return QVariant::fromValue(value);
    case SideRole:
        return QVariant::fromValue(side);
    case DepthFractionRole:
        return column == CumulativeColumn ? QVariant(row.depthFraction) : QVariant();
    case SizeChangedRole:
        return column == SizeColumn ? QVariant(qulonglong(row.sizeChangedAt)) : QVariant();
    default:
        return {};
    }
}

QVariant OrderBookModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PriceColumn:
        return tr("Price");
    case SizeColumn:
        return tr("Size");
    case CumulativeColumn:
        return tr("Total");
    default:
        return {};
    }
}

QHash<int, QByteArray> OrderBookModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UnderlyingDataRole, "underlyingData");
    names.insert(DecimalRole, "decimal");
    names.insert(SideRole, "side");
    names.insert(DepthFractionRole, "depthFraction");
    names.insert(SizeChangedRole, "sizeChanged");
    return names;
}

void OrderBookModel::setBook(const OrderBook* book)
{
    if (book == m_book)
        return;
    // Another symbol's book: every row changes, and a view should drop its scroll position.
    beginResetModel();
    m_book = book;
    m_asks.clear();
    m_bids.clear();
    m_upToDate = true;
    m_bookVersion = book ? book->version() : 0;
    m_refill = true;
    ++m_refreshCount;
    Ladder ladder = buildLadder();
    m_asks = std::move(ladder.asks);
    m_bids = std::move(ladder.bids);
    m_refill = false;
    endResetModel();
    updateState();
}

void OrderBookModel::setDepth(int depth)
{
    depth = std::max(1, depth);
    if (depth == m_depth)
        return;
    m_depth = depth;
    m_upToDate = false;
    m_refill = true;
    refresh();
}

void OrderBookModel::setGrouping(Decimal step)
{
    if (step.mantissa() <= 0)
        step = Decimal();
    if (step.isIdenticalTo(m_grouping))
        return;
    m_grouping = step;
    m_upToDate = false;
    m_refill = true;
    refresh();
}

void OrderBookModel::refresh()
{
    if (m_upToDate && (!m_book || m_book->version() == m_bookVersion))
        return;
    m_upToDate = true;
    m_bookVersion = m_book ? m_book->version() : 0;
    ++m_refreshCount;
    Ladder ladder = buildLadder();
    m_refill = false;
    replaceAsks(std::move(ladder.asks));
    replaceBids(std::move(ladder.bids));
    updateState();
}

void OrderBookModel::updateState()
{
    const OrderBook::State state = m_book ? m_book->state() : OrderBook::State::AwaitingSnapshot;
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT bookStateChanged(state);
}

OrderBookModel::Ladder OrderBookModel::buildLadder() const
{
    Ladder ladder{buildSide(Side::Sell), buildSide(Side::Buy)};

    Decimal largest;
    for (const auto* side : {&ladder.asks, &ladder.bids}) {
        if (!side->empty() && side->back().cumulative > largest)
            largest = side->back().cumulative;
    }
    const double denominator = largest.toDouble();
    for (auto* side : {&ladder.asks, &ladder.bids}) {
        for (Row& row : *side)
            row.depthFraction = denominator > 0 ? row.cumulative.toDouble() / denominator : 0.0;
    }

    markSizeChanges(ladder.asks, m_asks, Side::Sell);
    markSizeChanges(ladder.bids, m_bids, Side::Buy);
    return ladder;
}

std::vector<OrderBookModel::Row> OrderBookModel::buildSide(Side side) const
{
    std::vector<Row> rows;
    if (!m_book)
        return rows;
    const std::size_t depth = static_cast<std::size_t>(m_depth);
    const std::size_t levels = side == Side::Buy ? m_book->bidCount() : m_book->askCount();
    const bool grouped = !m_grouping.isZero();
    rows.reserve(std::min(depth, levels));

    for (std::size_t i = 0; i < levels; ++i) {
        const BookLevel level = side == Side::Buy ? m_book->bid(i) : m_book->ask(i);
        Decimal price = level.price;
        if (grouped) {
            const auto bucket = bucketOf(level.price, m_grouping, side);
            if (!bucket)
                break;
            price = *bucket;
        }
        if (grouped && !rows.empty() && rows.back().price == price) {
            const auto sum = Decimal::add(rows.back().size, level.size);
            if (!sum) {
                // A bucket whose size no longer fits would be shown wrong: end the side before it.
                rows.pop_back();
                break;
            }
            rows.back().size = *sum;
            continue;
        }
        if (rows.size() == depth)
            break;
        rows.push_back(Row{price, level.size, Decimal(), 0.0, 0});
    }

    Decimal cumulative;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto sum = Decimal::add(cumulative, rows[i].size);
        if (!sum) {
            rows.resize(i);
            break;
        }
        cumulative = *sum;
        rows[i].cumulative = cumulative;
    }
    return rows;
}

void OrderBookModel::markSizeChanges(std::vector<Row>& rows, const std::vector<Row>& previous,
                                     Side side) const
{
    // Marks follow prices, not rows: when a new best price shifts the ladder, only the levels whose
    // size really changed flash. Both sides are sorted best first, so one forward walk finds them.
    const bool previousFull = previous.size() >= static_cast<std::size_t>(m_depth);
    std::size_t j = 0;
    for (Row& row : rows) {
        while (j < previous.size() && isWorse(row.price, previous[j].price, side))
            ++j;
        const bool samePrice = j < previous.size() && previous[j].price == row.price;
        if (samePrice && previous[j].size.isIdenticalTo(row.size)) {
            row.sizeChangedAt = previous[j].sizeChangedAt;
        } else if (m_refill || previous.empty()) {
            row.sizeChangedAt = 0;
        } else if (!samePrice && previousFull && isWorse(row.price, previous.back().price, side)) {
            // Was there before, just outside the ladder: newly visible, not changed.
            row.sizeChangedAt = 0;
        } else {
            row.sizeChangedAt = m_refreshCount;
        }
    }
}

void OrderBookModel::replaceAsks(std::vector<Row> rows)
{
    // The best ask sits just above the bids; asks beyond it grow upwards, so rows come and go at row 0.
    const int before = askRowCount();
    const int after = static_cast<int>(rows.size());
    if (after > before) {
        beginInsertRows({}, 0, after - before - 1);
        m_asks.insert(m_asks.end(), rows.begin() + before, rows.end());
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, 0, before - after - 1);
        m_asks.resize(static_cast<std::size_t>(after));
        endRemoveRows();
    }
    std::vector<Row> previous = std::exchange(m_asks, std::move(rows));
    emitChanges(previous, Side::Sell);
}

void OrderBookModel::replaceBids(std::vector<Row> rows)
{
    const int asks = askRowCount();
    const int before = bidRowCount();
    const int after = static_cast<int>(rows.size());
    if (after > before) {
        beginInsertRows({}, asks + before, asks + after - 1);
        m_bids.insert(m_bids.end(), rows.begin() + before, rows.end());
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, asks + after, asks + before - 1);
        m_bids.resize(static_cast<std::size_t>(after));
        endRemoveRows();
    }
    std::vector<Row> previous = std::exchange(m_bids, std::move(rows));
    emitChanges(previous, Side::Buy);
}

void OrderBookModel::emitChanges(const std::vector<Row>& before, Side side)
{
    const std::vector<Row>& after = side == Side::Buy ? m_bids : m_asks;
    const int count = static_cast<int>(std::min(before.size(), after.size()));
    const int askRows = askRowCount();
    // Ladder row of the level at display position p (top to bottom within the side).
    const auto levelAt = [&](int p) { return side == Side::Buy ? p : count - 1 - p; };
    const auto rowAtPosition = [&](int p) { return side == Side::Buy ? askRows + p : p; };

    const auto changesAt = [&](int p) {
        const std::size_t level = static_cast<std::size_t>(levelAt(p));
        const Row& a = before[level];
        const Row& b = after[level];
        unsigned bits = 0;
        if (!a.price.isIdenticalTo(b.price))
            bits |= PriceChanged;
        if (!a.size.isIdenticalTo(b.size) || a.sizeChangedAt != b.sizeChangedAt)
            bits |= SizeChanged;
        if (!a.cumulative.isIdenticalTo(b.cumulative))
            bits |= CumulativeChanged;
        if (a.depthFraction != b.depthFraction)
            bits |= FractionChanged;
        return bits;
    };

    const auto emitRange = [&](int from, int to, unsigned bits) {
        const int top = rowAtPosition(from);
        const int bottom = rowAtPosition(to);
        if (bits == FractionChanged) {
            Q_EMIT dataChanged(index(top, CumulativeColumn), index(bottom, CumulativeColumn),
                               {DepthFractionRole});
            return;
        }
        const int first = (bits & PriceChanged)  ? PriceColumn
                          : (bits & SizeChanged) ? SizeColumn
                                                 : CumulativeColumn;
        const int last = (bits & (CumulativeChanged | FractionChanged)) ? CumulativeColumn
                         : (bits & SizeChanged)                         ? SizeColumn
                                                                        : PriceColumn;
        Q_EMIT dataChanged(index(top, first), index(bottom, last));
    };

    // Adjacent rows with the same changed cells become one dataChanged.
    int start = 0;
    unsigned bits = count > 0 ? changesAt(0) : 0;
    for (int p = 1; p <= count; ++p) {
        const unsigned next = p < count ? changesAt(p) : ~0u;
        if (next == bits)
            continue;
        if (bits != 0)
            emitRange(start, p - 1, bits);
        start = p;
        bits = next;
    }
}
