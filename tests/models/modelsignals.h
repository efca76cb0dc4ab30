#pragma once

// Records what an item model announced, so tests can assert the exact ranges it touched.

#include <QAbstractItemModel>
#include <QByteArray>
#include <QList>
#include <QSignalSpy>

#include <cstring>

// A rectangle of cells named in one dataChanged, with its roles (empty: all roles).
struct CellRange
{
    int top = 0;
    int left = 0;
    int bottom = 0;
    int right = 0;
    QList<int> roles;

    friend bool operator==(const CellRange&, const CellRange&) = default;
};

inline char* toString(const CellRange& range)
{
    QByteArray text = "rows " + QByteArray::number(range.top) + ".." + QByteArray::number(range.bottom) +
                      " columns " + QByteArray::number(range.left) + ".." + QByteArray::number(range.right);
    if (!range.roles.isEmpty()) {
        text += " roles";
        for (int role : range.roles) {
            text += ' ';
            text += QByteArray::number(role);
        }
    }
    return qstrdup(text.constData());
}

// first..last of a rowsInserted / rowsRemoved.
struct RowSpan
{
    int first = 0;
    int last = 0;

    friend bool operator==(const RowSpan&, const RowSpan&) = default;
};

inline char* toString(const RowSpan& span)
{
    const QByteArray text = "rows " + QByteArray::number(span.first) + ".." + QByteArray::number(span.last);
    return qstrdup(text.constData());
}

class ModelSignals
{
public:
    explicit ModelSignals(QAbstractItemModel* model)
        : m_dataChanged(model, &QAbstractItemModel::dataChanged)
        , m_rowsInserted(model, &QAbstractItemModel::rowsInserted)
        , m_rowsRemoved(model, &QAbstractItemModel::rowsRemoved)
        , m_modelReset(model, &QAbstractItemModel::modelReset)
        , m_layoutChanged(model, &QAbstractItemModel::layoutChanged)
    {}

    QList<CellRange> changed() const
    {
        QList<CellRange> out;
        for (const QList<QVariant>& args : m_dataChanged) {
            const auto topLeft = args.at(0).value<QModelIndex>();
            const auto bottomRight = args.at(1).value<QModelIndex>();
            out.append(CellRange{topLeft.row(), topLeft.column(), bottomRight.row(), bottomRight.column(),
                                 args.at(2).value<QList<int>>()});
        }
        return out;
    }
    QList<RowSpan> inserted() const { return spans(m_rowsInserted); }
    QList<RowSpan> removed() const { return spans(m_rowsRemoved); }
    int resets() const { return int(m_modelReset.size()); }
    int layoutChanges() const { return int(m_layoutChanged.size()); }
    bool isQuiet() const
    {
        return m_dataChanged.isEmpty() && m_rowsInserted.isEmpty() && m_rowsRemoved.isEmpty() &&
               m_modelReset.isEmpty() && m_layoutChanged.isEmpty();
    }

    void clear()
    {
        m_dataChanged.clear();
        m_rowsInserted.clear();
        m_rowsRemoved.clear();
        m_modelReset.clear();
        m_layoutChanged.clear();
    }

private:
    static QList<RowSpan> spans(const QSignalSpy& spy)
    {
        QList<RowSpan> out;
        for (const QList<QVariant>& args : spy)
            out.append(RowSpan{args.at(1).toInt(), args.at(2).toInt()});
        return out;
    }

    QSignalSpy m_dataChanged;
    QSignalSpy m_rowsInserted;
    QSignalSpy m_rowsRemoved;
    QSignalSpy m_modelReset;
    QSignalSpy m_layoutChanged;
};
