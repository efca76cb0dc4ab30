#pragma once

#include "marketdata.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <vector>

// One row per symbol with its last price and 24 h statistics. Rows keep the order in which symbols
// first arrived; a view sorts through a QSortFilterProxyModel on UnderlyingDataRole. Updates touch only
// the cells whose text changed: the model is never reset per message.
class TickerModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TickerModel)

public:
    enum Column
    {
        SymbolColumn,
        LastColumn,
        Change24hColumn,
        BidColumn,
        AskColumn,
        Volume24hColumn,
        High24hColumn,
        Low24hColumn,
        // Contracts only (empty for spot): the watchlist hides them; the chart's header shows them.
        MarkColumn,
        IndexColumn,
        FundingColumn, // the rate as a signed percentage, "+0.0100 %"
        OpenInterestColumn,

        ColumnCount
    };

    enum Role
    {
        // The raw value for sorting: the symbol as a QString, numbers as double (Change24h as the
        // fraction, 0.0123 for +1.23 %); invalid when the venue has not sent the field.
        UnderlyingDataRole = Qt::UserRole,
        // The exact value as a Decimal (QVariant::fromValue), for code that must not round.
        DecimalRole,
        // On the Last column: +1 if the last price moved up at its latest change, -1 if down, 0 before
        // any move. A change of other fields keeps it, so a colour does not flicker off.
        TickDirectionRole,
        // On the Change24h column: +1, 0 or -1 by the sign of the 24 h change; on the Funding column,
        // by the sign of the rate (positive: longs pay shorts).
        ChangeSignRole,
        // On the Funding column: when the rate is next paid (Unix ms, qint64); invalid if not sent.
        NextFundingRole,
    };

    explicit TickerModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Adds the symbol's row or updates it from the merged ticker (the store's state after a snapshot or
    // delta). Emits dataChanged for each run of adjacent columns whose text changed, nothing otherwise.
    void upsert(const Ticker& merged);
    // Returns false if the symbol has no row.
    bool removeSymbol(const QString& symbol);
    void clear();

    // -1 if the symbol has no row.
    int rowOfSymbol(const QString& symbol) const;
    const Ticker& tickerAt(int row) const { return m_rows[static_cast<std::size_t>(row)].ticker; }

    // "+1.23 %" for a change of 0.0123, "-0.50 %", "0.00 %": at least two decimals, never rounded.
    static QString formatChange(Decimal change);

private:
    struct Row
    {
        Ticker ticker;
        int tickDirection = 0;
    };

    std::vector<Row> m_rows;
    QHash<QString, int> m_rowOfSymbol;
};
