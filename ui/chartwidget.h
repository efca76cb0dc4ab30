#pragma once

#include "models/marketdata.h"

#include <QPoint>
#include <QWidget>

#include <optional>

class CandleModel;

// A custom-painted candlestick chart over a CandleModel: candles with a volume pane below, a price
// axis with the last price marked by a line and a label, a time axis, and a crosshair whose candle's
// open, high, low, close and volume are read out at the top. Wheel zooms, dragging scrolls back in
// time, a double click returns to the newest candle. It repaints when the model changes (at most once
// per session frame) or the mouse moves; painting reads the model and never allocates per candle.
class ChartWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartWidget)

public:
    explicit ChartWidget(QWidget* parent = nullptr);

    void setModel(CandleModel* model);
    CandleModel* model() const { return m_model; }
    // The symbol whose candles these are.
    void setTitle(const QString& title);
    QString title() const { return m_title; }
    void setInterval(CandleInterval interval);
    void setPriceScale(int scale);

    // The candle the readout describes: the one under the crosshair, else the newest (-1: none).
    int readoutRow() const;
    // The text of the OHLCV readout (empty without candles).
    QString readoutText() const;
    int visibleCandleCount() const { return m_visibleCount; }

    // "1m", "1h", "1D" in the user's language.
    static QString intervalLabel(CandleInterval interval);

    QSize sizeHint() const override { return {640, 420}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    struct Layout;
    Layout computeLayout() const;
    QString priceText(double price, int extraDigits = 0) const;

    CandleModel* m_model = nullptr;
    QString m_title;
    CandleInterval m_interval = CandleInterval::OneMinute;
    int m_priceScale = 2;
    double m_spacing = 9; // pixels per candle
    int m_scrollBack = 0; // candles hidden to the right of the newest shown
    std::optional<QPoint> m_mouse;
    std::optional<QPoint> m_dragFrom;
    int m_dragScrollBack = 0;
    mutable int m_visibleCount = 0;
};
