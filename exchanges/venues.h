#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "exchanges/core/streamprotocol.h"
#include "exchanges/core/tradingadapter.h"

#include <QStringList>
#include <QUrl>

#include <memory>

// The venues whose public market data botterm can stream, by the names the CLI and settings use.
QStringList marketDataVenues();
std::unique_ptr<MarketDataAdapter> createMarketDataAdapter(const QString& venue);

// What trading one account at one venue needs: the venue's trading adapter, its private stream's
// protocol and where its REST API and private stream are.
struct VenueTrading
{
    std::unique_ptr<TradingAdapter> adapter;
    std::unique_ptr<StreamProtocol> privateProtocol;
    QUrl restUrl;
    QUrl privateStreamUrl;
};

// The venues botterm can trade on from the window.
QStringList tradingVenues();
// restUrl / privateStreamUrl empty: the venue's own for that environment (the demo venue and tests
// pass theirs). nullopt for a venue botterm cannot trade on.
std::optional<VenueTrading> createVenueTrading(const QString& venue, Environment environment,
                                               const QUrl& restUrl = {}, const QUrl& privateStreamUrl = {});
