#include "tickermodel.h"

#include <algorithm>

namespace {

const std::optional<Decimal>& fieldOf(const Ticker& ticker, int column)
{
    static const std::optional<Decimal> none;
    switch (column) {
    case TickerModel::LastColumn:
        return ticker.lastPrice;
    case TickerModel::Change24hColumn:
        return ticker.change24h;
    case TickerModel::BidColumn:
        return ticker.bidPrice;
    case TickerModel::AskColumn:
        return ticker.askPrice;
    case TickerModel::Volume24hColumn:
        return ticker.volume24h;
    case TickerModel::High24hColumn:
        return ticker.highPrice24h;
    case TickerModel::Low24hColumn:
        return ticker.lowPrice24h;
    case TickerModel::MarkColumn:
        return ticker.markPrice;
    case TickerModel::IndexColumn:
        return ticker.indexPrice;
    case TickerModel::FundingColumn:
        return ticker.fundingRate;
    case TickerModel::OpenInterestColumn:
        return ticker.openInterest;
    default:
        return none;
    }
}

// Same text, not merely the same value: "1.0" → "1.00" is a visible change.
bool sameText(const std::optional<Decimal>& a, const std::optional<Decimal>& b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || a->isIdenticalTo(*b);
}

int signOf(Decimal d)
{
    return d.isNegative() ? -1 : (d.isZero() ? 0 : 1);
}

} // namespace

TickerModel::TickerModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int TickerModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TickerModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TickerModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();

    if (column == SymbolColumn) {
        if (role == Qt::DisplayRole || role == UnderlyingDataRole)
            return row.ticker.symbol;
        return {};
    }

    const std::optional<Decimal>& value = fieldOf(row.ticker, column);
    switch (role) {
    case Qt::DisplayRole:
        if (!value)
            return {};
        return column == Change24hColumn || column == FundingColumn ? formatChange(*value)
                                                                    : value->toString();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case UnderlyingDataRole:
        return value ? QVariant(value->toDouble()) : QVariant();
    case DecimalRole:
        return value ? QVariant::fromValue(*value) : QVariant();
    case TickDirectionRole:
        return column == LastColumn ? QVariant(row.tickDirection) : QVariant();
    case ChangeSignRole:
        return (column == Change24hColumn || column == FundingColumn) && value ? QVariant(signOf(*value))
                                                                               : QVariant();
    case NextFundingRole:
        return column == FundingColumn && row.ticker.nextFundingMs != 0
                   ? QVariant(static_cast<qint64>(row.ticker.nextFundingMs))
                   : QVariant();
    default:
        return {};
    }
}

QVariant TickerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SymbolColumn:
        return tr("Symbol");
    case LastColumn:
        return tr("Last");
    case Change24hColumn:
        return tr("24h %");
    case BidColumn:
        return tr("Bid");
    case AskColumn:
        return tr("Ask");
    case Volume24hColumn:
        return tr("24h Volume");
    case High24hColumn:
        return tr("24h High");
    case Low24hColumn:
        return tr("24h Low");
    case MarkColumn:
        return tr("Mark");
    case IndexColumn:
        return tr("Index");
    case FundingColumn:
        return tr("Funding");
    case OpenInterestColumn:
        return tr("Open interest");
    default:
        return {};
    }
}

QHash<int, QByteArray> TickerModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UnderlyingDataRole, "underlyingData");
    names.insert(DecimalRole, "decimal");
    names.insert(TickDirectionRole, "tickDirection");
    names.insert(ChangeSignRole, "changeSign");
    names.insert(NextFundingRole, "nextFunding");
    return names;
}

void TickerModel::upsert(const Ticker& merged)
{
    if (merged.symbol.isEmpty())
        return;
    const auto found = m_rowOfSymbol.constFind(merged.symbol);
    if (found == m_rowOfSymbol.cend()) {
        const int row = static_cast<int>(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.push_back(Row{merged, 0});
        m_rowOfSymbol.insert(merged.symbol, row);
        endInsertRows();
        return;
    }

    const int rowIndex = *found;
    Row& row = m_rows[static_cast<std::size_t>(rowIndex)];
    bool changed[ColumnCount] = {};
    for (int column = LastColumn; column < ColumnCount; ++column)
        changed[column] = !sameText(fieldOf(row.ticker, column), fieldOf(merged, column));
    changed[FundingColumn] = changed[FundingColumn] || row.ticker.nextFundingMs != merged.nextFundingMs;
    if (row.ticker.lastPrice && merged.lastPrice) {
        const int move = Decimal::compare(*merged.lastPrice, *row.ticker.lastPrice);
        if (move != 0)
            row.tickDirection = move;
    }
    row.ticker = merged;

    for (int first = LastColumn; first < ColumnCount;) {
        if (!changed[first]) {
            ++first;
            continue;
        }
        int last = first;
        while (last + 1 < ColumnCount && changed[last + 1])
            ++last;
        Q_EMIT dataChanged(index(rowIndex, first), index(rowIndex, last));
        first = last + 1;
    }
}

bool TickerModel::removeSymbol(const QString& symbol)
{
    const auto found = m_rowOfSymbol.constFind(symbol);
    if (found == m_rowOfSymbol.cend())
        return false;
    const int row = *found;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    m_rowOfSymbol.remove(symbol);
    for (auto it = m_rowOfSymbol.begin(); it != m_rowOfSymbol.end(); ++it) {
        if (*it > row)
            --*it;
    }
    endRemoveRows();
    return true;
}

void TickerModel::clear()
{
    if (m_rows.empty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(m_rows.size()) - 1);
    m_rows.clear();
    m_rowOfSymbol.clear();
    endRemoveRows();
}

int TickerModel::rowOfSymbol(const QString& symbol) const
{
    return m_rowOfSymbol.value(symbol, -1);
}

QString TickerModel::formatChange(Decimal change)
{
    // change × 100, exactly: move the point two places.
    std::optional<Decimal> percent;
    if (change.scale() >= 2)
        percent = Decimal::fromMantissa(change.mantissa(), change.scale() - 2);
    else
        percent = Decimal::multiply(change, Decimal::fromMantissa(100, 0));
    if (!percent)
        return QString::number(change.toDouble() * 100, 'f', 2) + QStringLiteral(" %");
    if (percent->scale() < 2) {
        if (const auto padded = percent->withScale(2))
            percent = padded;
    }
    const QString sign = signOf(*percent) > 0 ? QStringLiteral("+") : QString();
    return sign + percent->toString() + QStringLiteral(" %");
}
