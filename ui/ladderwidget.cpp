#include "ladderwidget.h"

#include "numberformat.h"
#include "theme.h"

#include "models/orderbookmodel.h"

#include <QPainter>

#include <cmath>

namespace {
constexpr qint64 kFlashMs = 450;
} // namespace

LadderWidget::LadderWidget(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumWidth(200);
    m_clock.start();
}

QSize LadderWidget::sizeHint() const
{
    return {300, 500};
}

void LadderWidget::setModel(OrderBookModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_flashes.clear();
    if (m_model) {
        m_seenRefresh = m_model->refreshCount();
        const auto changed = [this] {
            collectFlashes();
            update();
        };
        connect(m_model, &QAbstractItemModel::dataChanged, this, changed);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, changed);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, changed);
        connect(m_model, &QAbstractItemModel::modelReset, this, changed);
        connect(m_model, &OrderBookModel::bookStateChanged, this, [this] { update(); });
    }
    update();
}

void LadderWidget::setScales(int priceScale, int sizeScale)
{
    m_priceScale = priceScale;
    m_sizeScale = sizeScale;
    m_flashes.clear();
    update();
}

QString LadderWidget::levelKey(int row) const
{
    const QModelIndex price = m_model->index(row, OrderBookModel::PriceColumn);
    return price.data(Qt::DisplayRole).toString() +
           (row < m_model->askRowCount() ? QLatin1Char('a') : QLatin1Char('b'));
}

void LadderWidget::collectFlashes()
{
    const quint64 refresh = m_model->refreshCount();
    if (refresh == m_seenRefresh)
        return;
    m_seenRefresh = refresh;
    const qint64 now = m_clock.elapsed();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex size = m_model->index(row, OrderBookModel::SizeColumn);
        if (size.data(OrderBookModel::SizeChangedRole).toULongLong() == refresh)
            m_flashes.insert(levelKey(row), now);
    }
}

void LadderWidget::animate()
{
    if (m_flashes.isEmpty())
        return;
    const qint64 now = m_clock.elapsed();
    m_flashes.removeIf(
        [now](const QHash<QString, qint64>::iterator it) { return now - it.value() > kFlashMs; });
    update();
}

QString LadderWidget::overlayText() const
{
    if (!m_model || !m_model->book())
        return tr("No symbol selected");
    switch (m_model->bookState()) {
    case OrderBook::State::Live:
        return {};
    case OrderBook::State::AwaitingSnapshot:
        return tr("Waiting for the order book…");
    case OrderBook::State::Resyncing:
        return tr("Resyncing — the book is being rebuilt");
    case OrderBook::State::Stale:
        return tr("Stale — no updates from the venue");
    }
    return {};
}

void LadderWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const ThemeColors& c = Theme::colors();
    p.fillRect(rect(), c.background);
    const QFont numbers = Theme::numberFont();
    p.setFont(numbers);
    const QFontMetrics fm(numbers);
    const int rowH = fm.height() + 4;
    const int w = width();
    const int pad = 8;
    // Price | Size | Total
    const int x1 = w * 36 / 100;
    const int x2 = w * 68 / 100;
    const QRect priceCol(0, 0, x1 - pad, rowH);
    const QRect sizeCol(x1, 0, x2 - x1 - pad, rowH);
    const QRect totalCol(x2, 0, w - x2 - pad, rowH);

    // Header.
    p.fillRect(QRect(0, 0, w, rowH), c.panel);
    p.setPen(c.dimText);
    QFont headerFont = font();
    p.setFont(headerFont);
    if (m_model) {
        p.drawText(priceCol, Qt::AlignRight | Qt::AlignVCenter,
                   m_model->headerData(OrderBookModel::PriceColumn, Qt::Horizontal).toString());
        p.drawText(sizeCol, Qt::AlignRight | Qt::AlignVCenter,
                   m_model->headerData(OrderBookModel::SizeColumn, Qt::Horizontal).toString());
        p.drawText(totalCol, Qt::AlignRight | Qt::AlignVCenter,
                   m_model->headerData(OrderBookModel::CumulativeColumn, Qt::Horizontal).toString());
    }
    p.setFont(numbers);

    const int top = rowH;
    const int available = height() - top;
    // The spread row sits in the middle; asks fill upwards from it, bids downwards.
    const int spreadY = top + ((available - rowH) / 2 / rowH) * rowH;
    const qint64 now = m_clock.elapsed();

    const auto drawLevel = [&](int row, int y, bool ask) {
        const QModelIndex priceIndex = m_model->index(row, OrderBookModel::PriceColumn);
        const QModelIndex sizeIndex = m_model->index(row, OrderBookModel::SizeColumn);
        const QModelIndex totalIndex = m_model->index(row, OrderBookModel::CumulativeColumn);
        const double fraction = totalIndex.data(OrderBookModel::DepthFractionRole).toDouble();
        const int barW = static_cast<int>(std::lround(fraction * w));
        p.fillRect(QRect(w - barW, y + 1, barW, rowH - 2), ask ? c.downBar : c.upBar);
        const auto flash = m_flashes.constFind(levelKey(row));
        if (flash != m_flashes.cend()) {
            QColor f = c.flash;
            const double left = 1.0 - static_cast<double>(now - *flash) / kFlashMs;
            if (left > 0) {
                f.setAlphaF(f.alphaF() * left);
                p.fillRect(QRect(x1, y + 1, x2 - x1, rowH - 2), f);
            }
        }
        p.setPen(ask ? c.down : c.up);
        p.drawText(priceCol.translated(0, y), Qt::AlignRight | Qt::AlignVCenter,
                   NumberFormat::decimal(priceIndex.data(OrderBookModel::DecimalRole), m_priceScale));
        p.setPen(c.text);
        p.drawText(sizeCol.translated(0, y), Qt::AlignRight | Qt::AlignVCenter,
                   NumberFormat::decimal(sizeIndex.data(OrderBookModel::DecimalRole), m_sizeScale));
        p.setPen(c.dimText);
        p.drawText(totalCol.translated(0, y), Qt::AlignRight | Qt::AlignVCenter,
                   NumberFormat::decimal(totalIndex.data(OrderBookModel::DecimalRole), m_sizeScale));
    };

    if (m_model) {
        const int asks = m_model->askRowCount();
        const int bids = m_model->bidRowCount();
        // Best ask (model row asks-1) right above the spread row.
        for (int k = 0; k < asks; ++k) {
            const int y = spreadY - (k + 1) * rowH;
            if (y < top)
                break;
            drawLevel(asks - 1 - k, y, true);
        }
        for (int k = 0; k < bids; ++k) {
            const int y = spreadY + (k + 1) * rowH;
            if (y + rowH > height())
                break;
            drawLevel(asks + k, y, false);
        }
    }

    // Spread and mid, from the book itself (not the grouped rows).
    const QRect spreadRow(0, spreadY, w, rowH);
    p.fillRect(spreadRow, c.panel);
    p.setPen(c.grid);
    p.drawLine(0, spreadY, w, spreadY);
    p.drawLine(0, spreadY + rowH - 1, w, spreadY + rowH - 1);
    const OrderBook* book = m_model ? m_model->book() : nullptr;
    if (book && book->isLive()) {
        const auto spread = book->spread();
        const auto mid = book->mid();
        if (spread && mid) {
            const double bp = mid->toDouble() > 0 ? spread->toDouble() / mid->toDouble() * 1e4 : 0;
            p.setPen(c.text);
            p.drawText(spreadRow.adjusted(pad, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("Spread %1 (%2 bp)")
                           .arg(NumberFormat::decimal(*spread, m_priceScale),
                                QString::number(bp, 'f', bp < 1 ? 2 : 1)));
            p.drawText(spreadRow.adjusted(0, 0, -pad, 0), Qt::AlignRight | Qt::AlignVCenter,
                       tr("Mid %1").arg(NumberFormat::decimal(*mid, m_priceScale)));
        }
    }

    const QString overlay = overlayText();
    if (!overlay.isEmpty()) {
        QColor veil = c.background;
        veil.setAlpha(200);
        p.fillRect(QRect(0, top, w, available), veil);
        QFont big = font();
        big.setBold(true);
        big.setPointSizeF(big.pointSizeF() * 1.2);
        p.setFont(big);
        p.setPen(m_model && m_model->bookState() != OrderBook::State::AwaitingSnapshot ? c.warning
                                                                                       : c.dimText);
        p.drawText(QRect(pad, top, w - 2 * pad, available), Qt::AlignCenter | Qt::TextWordWrap, overlay);
    }
}
