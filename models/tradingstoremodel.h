#pragma once

// The table models over a TradingStore share one update rule: refresh() (called on the view's frame
// timer) does nothing when the store's version is unchanged; otherwise it removes the rows that went,
// inserts the rows that came (both in place, in the store's order) and emits dataChanged for the
// changed rows only, one signal per contiguous run. No reset, whatever arrives.

#include "tradingstore.h"

#include <QAbstractTableModel>
#include <QSet>

#include <vector>

// What every account table offers its views besides the text: exact values, sort keys, the colour of
// a cell and the row's identity, so a view sorts, filters and colours without knowing the row type.
class TradingTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradingTableModel)

public:
    enum Role
    {
        // The value to sort by: QString for text, qint64 ms for times, Decimal for numbers, bool for
        // flags; invalid when the venue did not send the field.
        UnderlyingDataRole = Qt::UserRole,
        DecimalRole,  // a number cell's exact value (QVariant::fromValue(Decimal)); invalid elsewhere
        SignRole,     // on side and PnL cells: +1 buy / profit, -1 sell / loss, 0 none (the colour)
        KeyRole,      // the row's key on every column: order id, symbol, coin, execution id
        SymbolRole,   // the row's symbol on every column; invalid for rows without one (balances)
        CategoryRole, // the row's Category (int) on every column; invalid like SymbolRole
                      // On number cells: what the number is (NumberKind as int), so a view can show prices on
                      // the instrument's tick and quantities on its lot step.
        NumberKindRole,
    };

    enum class NumberKind
    {
        Price,
        Quantity,
        Amount, // money: PnL, fees, balances
    };

    using QAbstractTableModel::QAbstractTableModel;

    // -1 when no row has that key.
    virtual int rowOfKey(const QString& key) const = 0;
    // The column a view fills with the row's action (cancel, close); it has no data. -1: none.
    virtual int actionColumn() const { return -1; }

    QHash<int, QByteArray> roleNames() const override;

    // Text for the trader, translated (context "TradingTableModel").
    static QString sideText(Side side);
    // "Buy", or on a hedged leg what the order does to it: "Open long", "Close short", …
    static QString orderSideText(Side side, PositionSide leg);
    // The order's quantity, or the quote amount of a market buy sized in quote ("10000 (quote)").
    static QString orderQuantityText(const Order& order);
    static QString orderTypeText(OrderType type);
    static QString statusText(OrderStatus status);
    static QString timeInForceText(TimeInForce tif);
    // Local time to the second ("2026-11-26 09:15:02"); the tooltip role gives UTC with milliseconds.
    static QString timeText(std::int64_t ms);
    static QString utcTimeText(std::int64_t ms);
    // +1, 0, -1 by the value's sign.
    static int signOf(const std::optional<Decimal>& value);
};

template <typename T> class TradingStoreModel : public TradingTableModel
{
public:
    explicit TradingStoreModel(const TradingStore* store, QObject* parent = nullptr)
        : TradingTableModel(parent)
        , m_store(store)
    {}

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : columns();
    }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override
    {
        if (!index.isValid() || index.row() >= rowCount() || index.column() >= columns())
            return {};
        const T& row = m_rows[static_cast<std::size_t>(index.row())];
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            if (index.column() == actionColumn())
                return {};
            if (role == Qt::ToolTipRole) {
                if (QVariant tip = toolTip(row, index.column()); tip.isValid())
                    return tip;
            }
            return cell(row, index.column());
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::Alignment(
                (isNumberColumn(index.column()) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
        case KeyRole:
            return key(row);
        case UnderlyingDataRole:
            if (const std::optional<Decimal> d = decimal(row, index.column()))
                return QVariant::fromValue(*d);
            return sortValue(row, index.column());
        case DecimalRole:
            if (const std::optional<Decimal> d = decimal(row, index.column()))
                return QVariant::fromValue(*d);
            return {};
        case NumberKindRole:
            if (!isNumberColumn(index.column()))
                return {};
            return static_cast<int>(numberKind(index.column()));
        case SignRole:
            return sign(row, index.column());
        default:
            return roleData(row, index.column(), role);
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || section < 0 || section >= columns())
            return {};
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(
                Qt::Alignment((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
        if (role != Qt::DisplayRole)
            return {};
        return header(section);
    }

    const T* rowAt(int row) const
    {
        return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
    }

    int rowOfKey(const QString& wanted) const override
    {
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            if (key(m_rows[i]) == wanted)
                return static_cast<int>(i);
        }
        return -1;
    }

    // The row with that key, nullptr when none.
    const T* find(const QString& wanted) const { return rowAt(rowOfKey(wanted)); }

    // Brings the rows up to the store; cheap when nothing changed.
    void refresh()
    {
        const std::uint64_t v = version(*m_store);
        if (m_seen && v == m_version)
            return;
        m_seen = true;
        m_version = v;
        apply(fetch(*m_store));
    }

protected:
    virtual int columns() const = 0;
    virtual QVariant header(int column) const = 0;
    virtual QVariant cell(const T& row, int column) const = 0;
    virtual QString key(const T& row) const = 0;
    virtual std::uint64_t version(const TradingStore& store) const = 0;
    virtual std::vector<T> fetch(const TradingStore& store) const = 0;

    // Right-aligned number columns.
    virtual bool isNumberColumn(int column) const
    {
        Q_UNUSED(column);
        return false;
    }
    virtual NumberKind numberKind(int column) const
    {
        Q_UNUSED(column);
        return NumberKind::Amount;
    }
    // A number cell's exact value (also its sort value).
    virtual std::optional<Decimal> decimal(const T& row, int column) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        return std::nullopt;
    }
    // The sort value of a cell that is not a number; by default its text.
    virtual QVariant sortValue(const T& row, int column) const { return cell(row, column); }
    virtual int sign(const T& row, int column) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        return 0;
    }
    // An invalid variant: the tooltip is the cell's text.
    virtual QVariant toolTip(const T& row, int column) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        return {};
    }
    // SymbolRole, CategoryRole and any role of the model's own.
    virtual QVariant roleData(const T& row, int column, int role) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        Q_UNUSED(role);
        return {};
    }

private:
    void apply(std::vector<T> next)
    {
        QSet<QString> nextKeys;
        for (const T& row : next)
            nextKeys.insert(key(row));
        // 1. Rows that went, bottom up, one contiguous run per signal.
        for (int i = rowCount() - 1; i >= 0;) {
            if (nextKeys.contains(key(m_rows[static_cast<std::size_t>(i)]))) {
                --i;
                continue;
            }
            int first = i;
            while (first > 0 && !nextKeys.contains(key(m_rows[static_cast<std::size_t>(first - 1)])))
                --first;
            beginRemoveRows({}, first, i);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + i + 1);
            endRemoveRows();
            i = first - 1;
        }
        // 2. What is left is in the store's order: insert the newcomers where they belong.
        QSet<QString> present;
        for (const T& row : m_rows)
            present.insert(key(row));
        std::size_t at = 0;
        for (std::size_t j = 0; j < next.size();) {
            if (present.contains(key(next[j]))) {
                ++at;
                ++j;
                continue;
            }
            std::size_t end = j;
            while (end < next.size() && !present.contains(key(next[end])))
                ++end;
            const int first = static_cast<int>(at);
            beginInsertRows({}, first, first + static_cast<int>(end - j) - 1);
            m_rows.insert(m_rows.begin() + static_cast<std::ptrdiff_t>(at),
                          next.begin() + static_cast<std::ptrdiff_t>(j),
                          next.begin() + static_cast<std::ptrdiff_t>(end));
            endInsertRows();
            at += end - j;
            j = end;
        }
        // The store's order of the remaining rows changed (should not happen): start over.
        bool sameKeys = m_rows.size() == next.size();
        for (std::size_t i = 0; sameKeys && i < next.size(); ++i)
            sameKeys = key(m_rows[i]) == key(next[i]);
        if (!sameKeys) {
            beginResetModel();
            m_rows = std::move(next);
            endResetModel();
            return;
        }
        // 3. Changed rows, one dataChanged per contiguous run.
        int runStart = -1;
        for (std::size_t i = 0; i <= m_rows.size(); ++i) {
            const bool changed = i < m_rows.size() && !(m_rows[i] == next[i]);
            if (changed) {
                m_rows[i] = next[i];
                if (runStart < 0)
                    runStart = static_cast<int>(i);
            } else if (runStart >= 0) {
                Q_EMIT dataChanged(index(runStart, 0), index(static_cast<int>(i) - 1, columns() - 1));
                runStart = -1;
            }
        }
    }

    const TradingStore* m_store;
    std::vector<T> m_rows;
    std::uint64_t m_version = 0;
    bool m_seen = false;
};
