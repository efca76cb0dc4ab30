#pragma once

// The table models over a TradingStore share one update rule: refresh() (called on the view's frame
// timer) does nothing when the store's version is unchanged; otherwise it removes the rows that went,
// inserts the rows that came (both in place, in the store's order) and emits dataChanged for the
// changed rows only, one signal per contiguous run. No reset, whatever arrives.

#include "tradingstore.h"

#include <QAbstractTableModel>
#include <QSet>

#include <vector>

template <typename T> class TradingStoreModel : public QAbstractTableModel
{
public:
    explicit TradingStoreModel(const TradingStore* store, QObject* parent = nullptr)
        : QAbstractTableModel(parent)
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
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
            return {};
        return cell(m_rows[static_cast<std::size_t>(index.row())], index.column());
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columns())
            return {};
        return header(section);
    }

    const T* rowAt(int row) const
    {
        return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
    }

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
