#pragma once

#include "exchanges/core/marketdataadapter.h"

#include <QStringList>

#include <memory>

// The venues whose public market data botterm can stream, by the names the CLI and settings use.
QStringList marketDataVenues();
std::unique_ptr<MarketDataAdapter> createMarketDataAdapter(const QString& venue);
