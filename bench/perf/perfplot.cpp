#include "perfplot.h"

#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

namespace perf {

namespace {

struct Point
{
    double rate = 0;
    double lagP50 = 0, lagP99 = 0, lagMax = 0;
    double cpu = 0, venueCpu = 0;
};

struct Series
{
    QString name;
    QColor color;
    std::vector<std::pair<double, double>> points;
};

// One panel: log-scaled frame-rate axis, linear or log value axis.
void drawPanel(QPainter& p, const QRectF& area, const QString& title, const QString& unit,
               const std::vector<Series>& series, double yMax, bool logY,
               const std::vector<std::pair<QPointF, QString>>& targets)
{
    const QRectF plot = area.adjusted(70, 40, -20, -50);
    p.setPen(QColor(0xdd, 0xdd, 0xdd));
    p.drawText(QRectF(area.left(), area.top() + 5, area.width(), 24), Qt::AlignCenter, title);
    double xMin = 1e18, xMax = 0;
    for (const Series& s : series) {
        for (const auto& [x, y] : s.points) {
            xMin = std::min(xMin, x);
            xMax = std::max(xMax, x);
        }
    }
    xMin = std::pow(10, std::floor(std::log10(xMin)));
    xMax = std::pow(10, std::ceil(std::log10(xMax)));
    const double yMin = logY ? 0.01 : 0;
    const auto mapX = [&](double x) {
        return plot.left() +
               (std::log10(x) - std::log10(xMin)) / (std::log10(xMax) - std::log10(xMin)) * plot.width();
    };
    const auto mapY = [&](double y) {
        if (logY) {
            y = std::max(y, yMin);
            return plot.bottom() -
                   (std::log10(y) - std::log10(yMin)) / (std::log10(yMax) - std::log10(yMin)) * plot.height();
        }
        return plot.bottom() - y / yMax * plot.height();
    };
    // Grid and axes.
    QPen grid(QColor(0x44, 0x44, 0x48));
    grid.setStyle(Qt::DotLine);
    for (double x = xMin; x <= xMax * 1.001; x *= 10) {
        p.setPen(grid);
        p.drawLine(QPointF(mapX(x), plot.top()), QPointF(mapX(x), plot.bottom()));
        p.setPen(QColor(0xbb, 0xbb, 0xbb));
        p.drawText(QRectF(mapX(x) - 50, plot.bottom() + 4, 100, 18), Qt::AlignCenter,
                   QString::number(x, 'f', 0));
    }
    std::vector<double> yTicks;
    if (logY) {
        for (double y = yMin; y <= yMax * 1.001; y *= 10)
            yTicks.push_back(y);
    } else {
        for (int i = 0; i <= 5; ++i)
            yTicks.push_back(yMax * i / 5);
    }
    for (const double y : yTicks) {
        p.setPen(grid);
        p.drawLine(QPointF(plot.left(), mapY(y)), QPointF(plot.right(), mapY(y)));
        p.setPen(QColor(0xbb, 0xbb, 0xbb));
        p.drawText(QRectF(plot.left() - 66, mapY(y) - 9, 60, 18), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(y, 'g', 3));
    }
    p.setPen(QColor(0x99, 0x99, 0x99));
    p.drawRect(plot);
    p.drawText(QRectF(plot.left(), plot.bottom() + 24, plot.width(), 18), Qt::AlignCenter,
               QStringLiteral("frames per second sent by the venue (log scale)"));
    p.save();
    p.translate(area.left() + 14, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-100, -10, 200, 20), Qt::AlignCenter, unit);
    p.restore();
    // Targets.
    for (const auto& [point, label] : targets) {
        const QPointF at(mapX(point.x()), mapY(point.y()));
        p.setPen(QPen(QColor(0xff, 0x8a, 0x3d), 2));
        p.drawLine(at + QPointF(-12, 0), at + QPointF(12, 0));
        p.drawText(QRectF(at.x() + 14, at.y() - 9, 200, 18), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    // Series and legend.
    double legendY = plot.top() + 8;
    for (const Series& s : series) {
        QPainterPath path;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const QPointF at(mapX(s.points[i].first), mapY(s.points[i].second));
            if (i == 0)
                path.moveTo(at);
            else
                path.lineTo(at);
        }
        p.setPen(QPen(s.color, 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(s.color);
        for (const auto& [x, y] : s.points)
            p.drawEllipse(QPointF(mapX(x), mapY(y)), 3.5, 3.5);
        p.drawLine(QPointF(plot.left() + 10, legendY + 8), QPointF(plot.left() + 30, legendY + 8));
        p.setPen(QColor(0xdd, 0xdd, 0xdd));
        p.drawText(QRectF(plot.left() + 36, legendY, 260, 18), Qt::AlignLeft | Qt::AlignVCenter, s.name);
        legendY += 20;
    }
}

} // namespace

bool plot(const QString& resultsPath, const QString& pngPath)
{
    QFile in(resultsPath);
    if (!in.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "botterm-perf plot: %s: %s\n", qPrintable(resultsPath),
                     qPrintable(in.errorString()));
        return false;
    }
    std::map<double, Point> byRate;
    while (!in.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(in.readLine()).object();
        if (o.value(QLatin1String("scenario")).toString() != QLatin1String("load"))
            continue;
        Point pt;
        pt.rate = o.value(QLatin1String("rate")).toDouble();
        const QJsonObject lag = o.value(QLatin1String("lagMs")).toObject();
        pt.lagP50 = lag.value(QLatin1String("p50")).toDouble();
        pt.lagP99 = lag.value(QLatin1String("p99")).toDouble();
        pt.lagMax = lag.value(QLatin1String("max")).toDouble();
        pt.cpu = o.value(QLatin1String("cpuPercent")).toDouble();
        pt.venueCpu = o.value(QLatin1String("venueCpuPercent")).toDouble();
        if (pt.rate > 0)
            byRate[pt.rate] = pt;
    }
    if (byRate.empty()) {
        std::fprintf(stderr, "botterm-perf plot: no load results in %s\n", qPrintable(resultsPath));
        return false;
    }
    Series p50{QStringLiteral("lag p50"), QColor(0x4c, 0xc3, 0x8a), {}};
    Series p99{QStringLiteral("lag p99"), QColor(0x4d, 0x9d, 0xe0), {}};
    Series max{QStringLiteral("lag max"), QColor(0xe0, 0x5a, 0x5a), {}};
    Series cpu{QStringLiteral("terminal CPU % (of one core)"), QColor(0x4d, 0x9d, 0xe0), {}};
    Series venueCpu{QStringLiteral("demo venue process CPU %"), QColor(0x99, 0x99, 0x99), {}};
    double lagTop = 1, cpuTop = 10;
    for (const auto& [rate, pt] : byRate) {
        p50.points.emplace_back(rate, pt.lagP50);
        p99.points.emplace_back(rate, pt.lagP99);
        max.points.emplace_back(rate, pt.lagMax);
        cpu.points.emplace_back(rate, pt.cpu);
        venueCpu.points.emplace_back(rate, pt.venueCpu);
        lagTop = std::max(lagTop, pt.lagMax);
        cpuTop = std::max({cpuTop, pt.cpu, pt.venueCpu});
    }
    lagTop = std::pow(10, std::ceil(std::log10(std::max(lagTop, 60.0))));
    cpuTop = std::ceil(cpuTop / 20) * 20;

    QImage image(1400, 560, QImage::Format_RGB32);
    image.fill(QColor(0x1e, 0x1f, 0x22));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(13);
    p.setFont(font);
    drawPanel(p, QRectF(0, 0, 700, 560), QStringLiteral("GUI event-loop lag (1 ms probe timer)"),
              QStringLiteral("lag, ms (log scale)"), {p50, p99, max}, lagTop, true,
              {{QPointF(20000, 16), QStringLiteral("target p99 ≤ 16 ms")},
               {QPointF(100000, 50), QStringLiteral("target p99 ≤ 50 ms")}});
    drawPanel(p, QRectF(700, 0, 700, 560), QStringLiteral("CPU"), QStringLiteral("% of one core"),
              {cpu, venueCpu}, cpuTop, false, {});
    p.end();
    if (!image.save(pngPath)) {
        std::fprintf(stderr, "botterm-perf plot: cannot write %s\n", qPrintable(pngPath));
        return false;
    }
    return true;
}

} // namespace perf
