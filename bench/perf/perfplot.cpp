#include "perfplot.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
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
        const double labelX = std::min(mapX(x), plot.right() - 30);
        p.drawText(QRectF(labelX - 50, plot.bottom() + 4, 100, 18), Qt::AlignCenter,
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
    p.setBrush(Qt::NoBrush);
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
        // Beside the marker, on the side with room.
        if (at.x() > plot.center().x())
            p.drawText(QRectF(at.x() - 214, at.y() - 9, 200, 18), Qt::AlignRight | Qt::AlignVCenter, label);
        else
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
    drawPanel(p, QRectF(0, 0, 690, 560), QStringLiteral("GUI event-loop lag (1 ms probe timer)"),
              QStringLiteral("lag, ms (log scale)"), {p50, p99, max}, lagTop, true,
              {{QPointF(20000, 16), QStringLiteral("target p99 ≤ 16 ms")},
               {QPointF(100000, 50), QStringLiteral("target p99 ≤ 50 ms")}});
    drawPanel(p, QRectF(710, 0, 690, 560), QStringLiteral("CPU"), QStringLiteral("% of one core"),
              {cpu, venueCpu}, cpuTop, false, {});
    p.end();
    if (!image.save(pngPath)) {
        std::fprintf(stderr, "botterm-perf plot: cannot write %s\n", qPrintable(pngPath));
        return false;
    }
    return true;
}

namespace {

QString ms(const QJsonObject& p)
{
    return QStringLiteral("%1 / %2 / %3 ms")
        .arg(p.value(QLatin1String("p50")).toDouble(), 0, 'f', 2)
        .arg(p.value(QLatin1String("p99")).toDouble(), 0, 'f', 2)
        .arg(p.value(QLatin1String("max")).toDouble(), 0, 'f', 1);
}

QString thousands(double v)
{
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(v)));
}

} // namespace

bool table(const QString& resultsPath)
{
    QFile in(resultsPath);
    if (!in.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "botterm-perf table: %s: %s\n", qPrintable(resultsPath),
                     qPrintable(in.errorString()));
        return false;
    }
    QStringList rows;
    const auto row = [&rows](const QString& what, const QString& target, const QString& measured) {
        rows << QStringLiteral("| %1 | %2 | %3 |").arg(what, target, measured);
    };
    while (!in.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(in.readLine()).object();
        const QString scenario = o.value(QLatin1String("scenario")).toString();
        const double rate = o.value(QLatin1String("rate")).toDouble();
        const QString at = QStringLiteral("%1 frames/s").arg(thousands(rate));
        if (scenario == QLatin1String("load")) {
            const QString lagTarget = rate == 20000    ? QStringLiteral("p99 ≤ 16 ms")
                                      : rate == 100000 ? QStringLiteral("p99 ≤ 50 ms")
                                                       : QStringLiteral("—");
            row(QStringLiteral("Event-loop lag p50 / p99 / max, %1 (received %2/s)")
                    .arg(at, thousands(o.value(QLatin1String("framesPerSecond")).toDouble())),
                lagTarget, ms(o.value(QLatin1String("lagMs")).toObject()));
            row(QStringLiteral("Frame → model p50 / p99 / max, %1").arg(at),
                rate == 20000 ? QStringLiteral("p99 ≤ 5 ms") : QStringLiteral("—"),
                ms(o.value(QLatin1String("frameToModelMs")).toObject()));
            const QJsonObject paints = o.value(QLatin1String("paintsPerSecond")).toObject();
            QStringList perDock;
            for (auto it = paints.begin(); it != paints.end(); ++it) {
                if (it.value().toDouble() >= 5)
                    perDock << QStringLiteral("%1 %2").arg(it.key()).arg(it.value().toDouble(), 0, 'f', 0);
            }
            row(QStringLiteral("Paints per second per dock, %1").arg(at), QStringLiteral("≤ ~60"),
                perDock.join(QLatin1String(", ")));
            row(QStringLiteral("CPU (terminal process) and RSS, %1").arg(at),
                rate == 20000 ? QStringLiteral("RSS ≤ 200 MB") : QStringLiteral("—"),
                QStringLiteral("%1 % of a core, %2 MiB (venue process: %3 %)")
                    .arg(o.value(QLatin1String("cpuPercent")).toDouble(), 0, 'f', 0)
                    .arg(o.value(QLatin1String("rssMaxMiB")).toDouble(), 0, 'f', 0)
                    .arg(o.value(QLatin1String("venueCpuPercent")).toDouble(), 0, 'f', 0));
        } else if (scenario == QLatin1String("soak")) {
            const QJsonArray series = o.value(QLatin1String("rssSeriesMiB")).toArray();
            if (series.isEmpty())
                continue;
            double afterWarmup = series.first().toArray().at(1).toDouble();
            double peak = 0;
            for (const QJsonValue& v : series) {
                const QJsonArray pt = v.toArray();
                if (pt.at(0).toDouble() <= 60)
                    afterWarmup = pt.at(1).toDouble();
                peak = std::max(peak, pt.at(1).toDouble());
            }
            const double end = series.last().toArray().at(1).toDouble();
            row(QStringLiteral("RSS over %1 s at %2 (received %3/s)")
                    .arg(o.value(QLatin1String("seconds")).toDouble(), 0, 'f', 0)
                    .arg(at, thousands(o.value(QLatin1String("framesPerSecond")).toDouble())),
                QStringLiteral("no growth after warm-up"),
                QStringLiteral("%1 MiB at 60 s → %2 MiB at the end (peak %3)")
                    .arg(afterWarmup, 0, 'f', 1)
                    .arg(end, 0, 'f', 1)
                    .arg(peak, 0, 'f', 1));
        } else if (scenario == QLatin1String("order")) {
            const auto figures = [](const QJsonObject& us) {
                return QStringLiteral("%1 / %2 / %3 µs")
                    .arg(us.value(QLatin1String("p50")).toDouble(), 0, 'f', 0)
                    .arg(us.value(QLatin1String("p99")).toDouble(), 0, 'f', 0)
                    .arg(us.value(QLatin1String("max")).toDouble(), 0, 'f', 0);
            };
            const QString market =
                rate > 0 ? QStringLiteral("under %1").arg(at) : QStringLiteral("quiet market");
            const QJsonObject written = o.value(QLatin1String("clickToWrittenUs")).toObject();
            row(QStringLiteral(
                    "Order path: Send click → signed request written to the socket, p50 / p99 / max, %1")
                    .arg(market),
                QStringLiteral("p99 ≤ 1 ms"),
                QStringLiteral("%1 (%2 orders, %3 not on the kept-open connection)")
                    .arg(figures(written))
                    .arg(written.value(QLatin1String("samples")).toInt())
                    .arg(o.value(QLatin1String("ordinaryPath")).toInt()));
            row(QStringLiteral(
                    "Order path: Send click → request read by a relay thread in front of the venue, %1")
                    .arg(market),
                QStringLiteral("—"), figures(o.value(QLatin1String("clickToBytesUs")).toObject()));
        } else if (scenario == QLatin1String("cold")) {
            const QJsonObject start = o.value(QLatin1String("startToLivePaintMs")).toObject();
            row(QStringLiteral("Cold start: process start → first paint with a live demo book (%1 runs)")
                    .arg(o.value(QLatin1String("runs")).toInt()),
                QStringLiteral("≤ 1 s"),
                QStringLiteral("median %1 ms, max %2 ms")
                    .arg(start.value(QLatin1String("p50")).toDouble(), 0, 'f', 0)
                    .arg(start.value(QLatin1String("max")).toDouble(), 0, 'f', 0));
        } else if (scenario == QLatin1String("replay")) {
            std::vector<double> rates;
            for (const QJsonValue& v : o.value(QLatin1String("framesPerSecond")).toArray())
                rates.push_back(v.toDouble());
            if (rates.empty())
                continue;
            std::sort(rates.begin(), rates.end());
            const QString stream = o.value(QLatin1String("stream")).toString();
            const int frames = o.value(QLatin1String("frames")).toInt(200000);
            row(QStringLiteral("Replay `%1` (%2 frames; `%3`)")
                    .arg(stream, thousands(frames), o.value(QLatin1String("command")).toString()),
                stream.startsWith(QLatin1String("bybit")) ? QStringLiteral("≥ 2,000,000 frames/s")
                                                          : QStringLiteral("near Bybit's"),
                QStringLiteral("%1 frames/s (median of %2; best %3)")
                    .arg(thousands(rates[rates.size() / 2]))
                    .arg(rates.size())
                    .arg(thousands(rates.back())));
        }
    }
    std::printf("| Measure | Target | Measured |\n|---|---|---|\n%s\n", qPrintable(rows.join(u'\n')));
    return true;
}

} // namespace perf
