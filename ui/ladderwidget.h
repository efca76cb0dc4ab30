#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QWidget>

class OrderBookModel;

// A custom-painted price ladder over an OrderBookModel: asks above, bids below, the spread and mid
// between them; cumulative depth bars; a size that just changed flashes and fades; and, whenever the
// book is not live, the reason drawn over the ladder so no one trades off a stale or broken book.
// It repaints when the model changes (at most once per session frame) and while a flash fades.
class LadderWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LadderWidget)

public:
    explicit LadderWidget(QWidget* parent = nullptr);

    void setModel(OrderBookModel* model);
    OrderBookModel* model() const { return m_model; }
    // Fractional digits prices and sizes are shown with (the tick and the lot).
    void setScales(int priceScale, int sizeScale);

    // What is drawn over the ladder ("" while the book is live).
    QString overlayText() const;
    int flashingLevels() const { return static_cast<int>(m_flashes.size()); }

    // Called once per session frame: fades flashes.
    void animate();

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void collectFlashes();
    QString levelKey(int row) const;

    OrderBookModel* m_model = nullptr;
    int m_priceScale = -1;
    int m_sizeScale = -1;
    QHash<QString, qint64> m_flashes; // level → when its size changed
    quint64 m_seenRefresh = 0;
    QElapsedTimer m_clock;
};
