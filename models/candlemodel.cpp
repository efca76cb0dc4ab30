#include "candlemodel.h"

#include <QDateTime>

#include <algorithm>

namespace {

bool opensBefore(const Candle& candle, std::int64_t openTimeMs)
{
    return candle.openTimeMs < openTimeMs;
}

const Decimal& valueOf(const Candle& candle, int column)
{
    switch (column) {
    case CandleModel::OpenColumn:
        return candle.open;
    case CandleModel::HighColumn:
        return candle.high;
    case CandleModel::LowColumn:
        return candle.low;
    case CandleModel::CloseColumn:
        return candle.close;
    default:
        return candle.volume;
    }
}

} // namespace

CandleModel::CandleModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{}

int CandleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_candles.size());
}

int CandleModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandleModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Candle& candle = candleAt(index.row());
    const bool isTime = index.column() == OpenTimeColumn;

    switch (role) {
    case Qt::DisplayRole:
        if (isTime)
            return QDateTime::fromMSecsSinceEpoch(candle.openTimeMs)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        return valueOf(candle, index.column()).toString();
    case Qt::TextAlignmentRole:
        return isTime ? QVariant() : QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case UnderlyingDataRole:
        if (isTime)
            return qint64(candle.openTimeMs);
        return valueOf(candle, index.column()).toDouble();
    case DecimalRole:
        return isTime ? QVariant() : QVariant::fromValue(valueOf(candle, index.column()));
    case ClosedRole:
        return candle.closed;
    default:
        return {};
    }
}

QVariant CandleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OpenTimeColumn:
        return tr("Time");
    case OpenColumn:
        return tr("Open");
    case HighColumn:
        return tr("High");
    case LowColumn:
        return tr("Low");
    case CloseColumn:
        return tr("Close");
    case VolumeColumn:
        return tr("Volume");
    default:
        return {};
    }
}

QHash<int, QByteArray> CandleModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UnderlyingDataRole, "underlyingData");
    names.insert(DecimalRole, "decimal");
    names.insert(ClosedRole, "closed");
    return names;
}

void CandleModel::setCandles(std::vector<Candle> candles)
{
    std::stable_sort(candles.begin(), candles.end(),
                     [](const Candle& a, const Candle& b) { return a.openTimeMs < b.openTimeMs; });
    // Keep the last of each run of equal open times: later in the reply means fresher.
    std::vector<Candle> unique;
    unique.reserve(candles.size());
    for (Candle& candle : candles) {
        if (!unique.empty() && unique.back().openTimeMs == candle.openTimeMs)
            unique.back() = std::move(candle);
        else
            unique.push_back(std::move(candle));
    }
    if (unique.size() > static_cast<std::size_t>(m_capacity))
        unique.erase(unique.begin(), unique.end() - m_capacity);

    beginResetModel();
    m_candles = std::move(unique);
    endResetModel();
}

void CandleModel::applyCandle(const Candle& candle)
{
    if (m_candles.empty() || m_candles.back().openTimeMs < candle.openTimeMs) {
        const int row = static_cast<int>(m_candles.size());
        beginInsertRows({}, row, row);
        m_candles.push_back(candle);
        endInsertRows();
        dropOldestBeyondCapacity();
        return;
    }

    const auto it = std::lower_bound(m_candles.begin(), m_candles.end(), candle.openTimeMs, opensBefore);
    const int row = static_cast<int>(it - m_candles.begin());
    if (it != m_candles.end() && it->openTimeMs == candle.openTimeMs) {
        int first = ColumnCount;
        int last = -1;
        if (it->closed != candle.closed) {
            // ClosedRole is on every column.
            first = 0;
            last = ColumnCount - 1;
        } else {
            for (int column = OpenColumn; column < ColumnCount; ++column) {
                if (!valueOf(*it, column).isIdenticalTo(valueOf(candle, column))) {
                    first = std::min(first, column);
                    last = column;
                }
            }
        }
        *it = candle;
        if (last >= 0)
            Q_EMIT dataChanged(index(row, first), index(row, last));
        return;
    }

    // Older than every row of a full model: it would be dropped at once.
    if (row == 0 && m_candles.size() >= static_cast<std::size_t>(m_capacity))
        return;
    beginInsertRows({}, row, row);
    m_candles.insert(it, candle);
    endInsertRows();
    dropOldestBeyondCapacity();
}

void CandleModel::clear()
{
    if (m_candles.empty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(m_candles.size()) - 1);
    m_candles.clear();
    endRemoveRows();
}

int CandleModel::rowOfOpenTime(std::int64_t openTimeMs) const
{
    const auto it = std::lower_bound(m_candles.begin(), m_candles.end(), openTimeMs, opensBefore);
    if (it == m_candles.end() || it->openTimeMs != openTimeMs)
        return -1;
    return static_cast<int>(it - m_candles.begin());
}

void CandleModel::dropOldestBeyondCapacity()
{
    const int excess = static_cast<int>(m_candles.size()) - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_candles.erase(m_candles.begin(), m_candles.begin() + excess);
    endRemoveRows();
}
