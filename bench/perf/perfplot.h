#pragma once

#include <QString>

namespace perf {

// Reads botterm-perf's JSON lines and draws the "load" results as a PNG: event-loop lag (p50, p99,
// max) and CPU against the frame rate, with the targets marked. False (and a message on stderr) if
// the input has no load results or the image cannot be written.
bool plot(const QString& resultsPath, const QString& pngPath);

// The same results as a Markdown table (measure, target, measured) for the README.
bool table(const QString& resultsPath);

} // namespace perf
