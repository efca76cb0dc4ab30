#include "marketdataadapter.h"

QString environmentName(Environment environment)
{
    switch (environment) {
    case Environment::Mainnet:
        return QStringLiteral("mainnet");
    case Environment::Testnet:
        return QStringLiteral("testnet");
    case Environment::Demo:
        return QStringLiteral("demo");
    }
    return {};
}

std::optional<Environment> environmentFromName(const QString& name)
{
    for (Environment e : {Environment::Mainnet, Environment::Testnet, Environment::Demo}) {
        if (environmentName(e) == name)
            return e;
    }
    return std::nullopt;
}

QString channelName(Channel channel)
{
    switch (channel) {
    case Channel::Ticker:
        return QStringLiteral("ticker");
    case Channel::Book:
        return QStringLiteral("book");
    case Channel::Trades:
        return QStringLiteral("trades");
    case Channel::Candles:
        return QStringLiteral("candles");
    }
    return {};
}

std::optional<Channel> channelFromName(const QString& name)
{
    for (Channel c : {Channel::Ticker, Channel::Book, Channel::Trades, Channel::Candles}) {
        if (channelName(c) == name)
            return c;
    }
    return std::nullopt;
}
