// botterm-cli order place|cancel|list VENUE …
// Places, cancels and lists orders with the account's API key (BOTTERM_<VENUE>_KEY/_SECRET, else the
// keychain). An order is checked against the instrument's rules (loaded from the venue) before
// anything is sent, and sent once: when the reply is lost the order is looked up by its client order
// id, never sent again.

#include "commands.h"
#include "credentials.h"
#include "jsonlines.h"

#include "exchanges/core/hostregistry.h"
#include "exchanges/core/keystore.h"
#include "exchanges/core/ordersubmitter.h"
#include "exchanges/core/restclient.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/venues.h"
#include "models/tradingstore.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

namespace {

const char kUsage[] =
    "usage: botterm-cli order place VENUE --symbol SYMBOL --side buy|sell --type limit|market --qty Q\n"
    "                         [--price P] [--tif gtc|ioc|fok|post-only] [--reduce-only] [--client-id ID]\n"
    "                         [--position-side long|short] [--quote-qty] [--close-position-id ID]\n"
    "       botterm-cli order cancel VENUE --symbol SYMBOL (--order-id ID | --client-id ID)\n"
    "       botterm-cli order list VENUE [--symbol SYMBOL] [--positions]\n"
    "  common: [--category spot|linear|inverse] [--account NAME] [--env mainnet|testnet|demo] [--base-url "
    "URL]\n"
    "          (--category defaults to linear; bitbank asks for it, its linear market being margin on\n"
    "          the spot pairs' own symbols)\n"
    "          [--timeout MS]\n"
    "  --close-position-id closes that one position of the leg (GMO Coin's positionId; --qty up to its\n"
    "  size, --side against it); list --positions prints the open positions instead of the orders, with\n"
    "  the lots (ids) of a venue that keeps them apart.\n"
    "  place prints the order as one JSON object (orderId, clientOrderId, status, …); list prints open\n"
    "  orders as JSON lines. Keys: BOTTERM_<VENUE>_KEY and _SECRET if set, else the keychain entry\n"
    "  VENUE/ACCOUNT/ENV (service $BOTTERM_KEYCHAIN_SERVICE, default \"botterm\").\n"
    "  Exit codes: 0 live or filled (cancel/list: done); 1 the venue rejected or at once cancelled it,\n"
    "  or the request failed; 2 bad arguments or the order breaks the instrument's rules (nothing sent);\n"
    "  3 the reply was lost and the order could not be found by its client order id.\n";

int usage(const QString& message)
{
    return usageError("order", message, kUsage);
}

int fail(const QString& message, int code = 1)
{
    std::fprintf(stderr, "botterm-cli order: %s\n", qPrintable(message));
    std::fflush(stderr);
    return code;
}

QString outcomeName(OrderSubmitter::PlaceOutcome::Kind kind)
{
    using Kind = OrderSubmitter::PlaceOutcome::Kind;
    switch (kind) {
    case Kind::Live:
        return QStringLiteral("live");
    case Kind::Filled:
        return QStringLiteral("filled");
    case Kind::Accepted:
        return QStringLiteral("accepted");
    case Kind::CancelledAtOnce:
        return QStringLiteral("cancelled");
    case Kind::Refused:
        return QStringLiteral("refused");
    case Kind::Rejected:
        return QStringLiteral("rejected");
    case Kind::Failed:
        return QStringLiteral("failed");
    case Kind::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

JsonLine orderLine(const Order& o)
{
    JsonLine line;
    line.field("orderId", o.orderId)
        .field("clientOrderId", o.clientOrderId)
        .field("symbol", o.symbol)
        .field("category", categoryName(o.category))
        .field("side", sideName(o.side))
        .field("type", orderTypeName(o.type))
        .field("status", orderStatusName(o.status))
        .field("timeInForce", timeInForceName(o.timeInForce))
        .field("price", o.price)
        .field("qty", o.quantity)
        .field("filledQty", o.filledQuantity)
        .field("avgPrice", o.averageFillPrice)
        .field("triggerPrice", o.triggerPrice)
        .field("reduceOnly", o.reduceOnly);
    if (!o.reason.isEmpty())
        line.field("reason", o.reason);
    line.field("createdMs", std::int64_t(o.createdMs)).field("updatedMs", std::int64_t(o.updatedMs));
    return line;
}

JsonLine positionLine(const Position& p)
{
    JsonLine line;
    line.field("symbol", p.symbol)
        .field("category", categoryName(p.category))
        .field("leg", positionSideName(p.positionSide))
        .field("side", p.side ? sideName(*p.side) : QStringLiteral("flat"))
        .field("size", p.size)
        .field("entryPrice", p.entryPrice)
        .field("unrealisedPnl", p.unrealisedPnl);
    // The lots, oldest first: the ids --close-position-id takes.
    std::string lots = "[";
    for (const PositionLot& lot : p.lots) {
        JsonLine one;
        one.field("id", lot.id).field("size", lot.size).field("entryPrice", lot.entryPrice);
        one.field("openedMs", std::int64_t(lot.openedMs));
        if (lots.size() > 1)
            lots += ',';
        lots += one.finish();
    }
    lots += ']';
    line.raw("lots", lots);
    return line;
}

void addError(JsonLine& line, const RestError& error)
{
    if (!error.venueCode.isEmpty())
        line.field("code", error.venueCode);
    line.field("message", error.message);
}

} // namespace

int runOrderCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const auto valueOption = [](const char* name, const char* description, const char* valueName,
                                const QString& defaultValue = {}) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
                                  QString::fromLatin1(valueName), defaultValue);
    };
    const QCommandLineOption symbolOption = valueOption("symbol", "Symbol.", "SYMBOL");
    const QCommandLineOption sideOption = valueOption("side", "buy or sell.", "SIDE");
    const QCommandLineOption typeOption = valueOption("type", "limit or market.", "TYPE");
    const QCommandLineOption qtyOption = valueOption("qty", "Quantity (base asset).", "Q");
    const QCommandLineOption priceOption = valueOption("price", "Limit price.", "P");
    const QCommandLineOption tifOption =
        valueOption("tif", "gtc, ioc, fok or post-only.", "TIF", QStringLiteral("gtc"));
    const QCommandLineOption reduceOnlyOption(QStringLiteral("reduce-only"), QStringLiteral("Reduce only."));
    const QCommandLineOption positionSideOption =
        valueOption("position-side", "The leg of a hedged account: long or short.", "LEG");
    const QCommandLineOption quoteQtyOption(
        QStringLiteral("quote-qty"), QStringLiteral("--qty is the quote amount to spend (market buy)."));
    const QCommandLineOption closePositionIdOption =
        valueOption("close-position-id", "Close this one position (lot) of the leg.", "ID");
    const QCommandLineOption positionsOption(QStringLiteral("positions"),
                                             QStringLiteral("list: the open positions and their lots."));
    const QCommandLineOption categoryOption = valueOption(
        "category", "spot, linear or inverse (as the venue offers).", "C", QStringLiteral("linear"));
    const QCommandLineOption clientIdOption = valueOption("client-id", "Client order id.", "ID");
    const QCommandLineOption orderIdOption = valueOption("order-id", "The venue's order id.", "ID");
    const QCommandLineOption accountOption =
        valueOption("account", "Keychain account.", "NAME", QStringLiteral("main"));
    const QCommandLineOption envOption =
        valueOption("env", "mainnet, testnet or demo.", "ENV", QStringLiteral("mainnet"));
    const QCommandLineOption baseUrlOption = valueOption("base-url", "Send to this server.", "URL");
    const QCommandLineOption timeoutOption(
        QStringList{QStringLiteral("timeout"), QStringLiteral("timeout-ms")},
        QStringLiteral("Request timeout in ms."), QStringLiteral("MS"), QStringLiteral("10000"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("help"), QStringLiteral("h")},
                                        QStringLiteral("Show this help."));
    parser.addOptions({symbolOption, sideOption, typeOption, qtyOption, priceOption, tifOption,
                       reduceOnlyOption, positionSideOption, quoteQtyOption, closePositionIdOption,
                       positionsOption, categoryOption, clientIdOption, orderIdOption, accountOption,
                       envOption, baseUrlOption, timeoutOption, helpOption});

    if (!parser.parse(QStringList{QStringLiteral("botterm-cli order")} + args))
        return usage(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usage(QStringLiteral("expected place|cancel|list VENUE"));
    const QString action = positional.at(0);
    if (action != QLatin1String("place") && action != QLatin1String("cancel") &&
        action != QLatin1String("list"))
        return usage(QStringLiteral("unknown action \"%1\"; expected place, cancel or list").arg(action));
    const QString venue = positional.at(1).trimmed().toLower();
    if (!tradingVenues().contains(venue))
        return usage(QStringLiteral("order entry is implemented for %1, not \"%2\"")
                         .arg(tradingVenues().join(QLatin1String(", ")), venue));
    const std::unique_ptr<MarketDataAdapter> marketData = createMarketDataAdapter(venue);
    if (!marketData)
        return usage(QStringLiteral("%1 has no market data adapter for its instruments' rules").arg(venue));

    const std::optional<Environment> environment =
        environmentFromName(parser.value(envOption).trimmed().toLower());
    if (!environment)
        return usage(QStringLiteral("--env must be mainnet, testnet or demo"));
    // bitbank's linear market is margin on the spot pairs' own symbols: a default would open a margin
    // position where a spot order was meant, or the reverse (or list the one market's orders for the
    // other's).
    if (venue == QLatin1String("bitbank") && !parser.isSet(categoryOption))
        return usage(QStringLiteral("bitbank needs --category: spot, or linear for margin"));
    const std::optional<Category> category =
        categoryFromName(parser.value(categoryOption).trimmed().toLower());
    if (!category || !marketData->categories().contains(*category)) {
        QStringList names;
        for (const Category c : marketData->categories())
            names.append(categoryName(c));
        return usage(QStringLiteral("--category must be one of %1 for %2")
                         .arg(names.join(QLatin1String(", ")), venue));
    }
    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeoutOption).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs <= 0)
        return usage(QStringLiteral("--timeout must be a positive number of milliseconds"));
    const QString symbol = parser.value(symbolOption).trimmed();
    if (action != QLatin1String("list") && symbol.isEmpty())
        return usage(QStringLiteral("--symbol is required"));

    QString baseError;
    const auto baseUrl = cliBaseUrl(parser.isSet(baseUrlOption) ? parser.value(baseUrlOption) : QString(),
                                    venue, *environment, baseError);
    if (!baseUrl)
        return usage(baseError);
    const QUrl base = *baseUrl;

    // The order itself, checked for form before any network traffic.
    OrderRequest request;
    if (action == QLatin1String("place")) {
        request.symbol = symbol;
        request.category = *category;
        const QString side = parser.value(sideOption).trimmed().toLower();
        if (side != QLatin1String("buy") && side != QLatin1String("sell"))
            return usage(QStringLiteral("--side must be buy or sell"));
        request.side = side == QLatin1String("buy") ? Side::Buy : Side::Sell;
        const auto type = orderTypeFromName(parser.value(typeOption).trimmed().toLower());
        if (!type)
            return usage(QStringLiteral("--type must be limit or market"));
        request.type = *type;
        const auto qty = Decimal::parse(parser.value(qtyOption).trimmed());
        if (!qty)
            return usage(QStringLiteral("--qty must be a decimal number"));
        request.quantity = *qty;
        if (parser.isSet(priceOption)) {
            const auto price = Decimal::parse(parser.value(priceOption).trimmed());
            if (!price)
                return usage(QStringLiteral("--price must be a decimal number"));
            if (request.type == OrderType::Market)
                return usage(QStringLiteral("--price is for limit orders"));
            request.price = *price;
        } else if (request.type == OrderType::Limit) {
            return usage(QStringLiteral("a limit order needs --price"));
        }
        const auto tif = timeInForceFromName(parser.value(tifOption).trimmed().toLower());
        if (!tif)
            return usage(QStringLiteral("--tif must be gtc, ioc, fok or post-only"));
        request.timeInForce = *tif;
        request.reduceOnly = parser.isSet(reduceOnlyOption);
        request.quantityInQuote = parser.isSet(quoteQtyOption);
        if (parser.isSet(positionSideOption)) {
            const QString leg = parser.value(positionSideOption).trimmed().toLower();
            if (leg == QLatin1String("long"))
                request.positionSide = PositionSide::Long;
            else if (leg == QLatin1String("short"))
                request.positionSide = PositionSide::Short;
            else
                return usage(QStringLiteral("--position-side must be long or short"));
        }
        request.closesPositionId = parser.value(closePositionIdOption).trimmed();
        if (parser.isSet(closePositionIdOption) && request.closesPositionId.isEmpty())
            return usage(QStringLiteral("--close-position-id needs the position's id"));
        request.clientOrderId = parser.value(clientIdOption).trimmed();
        if (request.clientOrderId.size() > 36)
            return usage(QStringLiteral("--client-id is at most 36 characters"));
    } else if (action == QLatin1String("cancel")) {
        if (parser.isSet(orderIdOption) == parser.isSet(clientIdOption))
            return usage(QStringLiteral("cancel takes exactly one of --order-id and --client-id"));
    }

    const QString account = parser.value(accountOption).trimmed();

    QNetworkAccessManager network;
    SignedRestClient client(&network);
    client.setTimeout(std::chrono::milliseconds(timeoutMs));
    client.setClockSyncInterval(0);
    provideCliCredentials(client, account);

    std::optional<VenueTrading> trading = createVenueTrading(venue, *environment, base);
    if (!trading)
        return usage(QStringLiteral("%1 has no %2 environment").arg(venue, environmentName(*environment)));
    OrderSubmitter submitter(&client, trading->adapter.get());
    QEventLoop loop;
    int exitCode = 1;
    bool finished = false;
    // A callback may run before the loop starts (an order refused without sending).
    const auto finish = [&] {
        finished = true;
        loop.quit();
    };
    const auto wait = [&] {
        if (!finished)
            loop.exec();
        finished = false;
    };

    // The account's positions as the terminal's session reads them (the leg summaries and, where the
    // venue keeps them, their lots); the adapter learns the lots' ids from them.
    const auto readPositions = [&](std::vector<Position>& out) {
        QList<SignedRequest> requests{trading->adapter->positionsRequest(*category, symbol)};
        requests += trading->adapter->morePositionsRequests({*category});
        bool ok = true;
        for (const SignedRequest& r : std::as_const(requests)) {
            client.send(r, [&](const SignedRestClient::Reply& reply) {
                if (!reply) {
                    exitCode =
                        fail(QStringLiteral("cannot read the positions: %1").arg(reply.error().toString()));
                    ok = false;
                } else if (auto positions = trading->adapter->parsePositions(*reply); !positions) {
                    exitCode =
                        fail(QStringLiteral("cannot read the positions: %1").arg(positions.error().message));
                    ok = false;
                } else {
                    // A later reply's leg replaces an earlier one's (the same leg with its lots).
                    for (const Position& p : *positions) {
                        std::erase_if(out, [&p](const Position& q) {
                            return TradingStore::positionKey(q) == TradingStore::positionKey(p);
                        });
                        out.push_back(p);
                    }
                }
                finish();
            });
            wait();
            if (!ok)
                return false;
        }
        return true;
    };
    if (!symbol.isEmpty())
        trading->adapter->addSymbolsOfInterest(*category, {symbol});

    if (action == QLatin1String("list") && parser.isSet(positionsOption)) {
        std::vector<Position> positions;
        if (!readPositions(positions))
            return exitCode;
        std::sort(positions.begin(), positions.end(), [](const Position& a, const Position& b) {
            return a.symbol != b.symbol ? a.symbol < b.symbol : a.positionSide < b.positionSide;
        });
        for (const Position& p : positions) {
            if (!p.size.isZero() && p.category == *category && (symbol.isEmpty() || p.symbol == symbol))
                positionLine(p).writeTo(stdout);
        }
        return 0;
    }

    if (action == QLatin1String("list")) {
        submitter.listOpen(*category, symbol, [&](const Result<std::vector<Order>, RestError>& orders) {
            if (!orders) {
                exitCode = fail(orders.error().toString());
            } else {
                // Only the asked category's: a venue may list several markets' orders at once (bitbank's
                // active_orders has its spot and margin orders, told apart by their position_side).
                for (const Order& o : *orders) {
                    if (o.category == *category)
                        orderLine(o).writeTo(stdout);
                }
                exitCode = 0;
            }
            finish();
        });
        wait();
        return exitCode;
    }

    if (action == QLatin1String("cancel")) {
        const OrderReference ref{symbol, *category, parser.value(orderIdOption).trimmed(),
                                 parser.value(clientIdOption).trimmed()};
        // The open orders are read first: an adapter may tell what an id names only from them (bitFlyer's
        // stop orders are cancelled apart, and their ids look like any other's). A failed read is left to
        // the cancel itself to report.
        submitter.listOpen(*category, symbol,
                           [&](const Result<std::vector<Order>, RestError>&) { finish(); });
        wait();
        submitter.cancel(ref, [&](const Result<OrderAck, RestError>& ack) {
            if (!ack) {
                exitCode = fail(ack.error().toString());
            } else {
                JsonLine line;
                line.field("orderId", ack->orderId).field("clientOrderId", ack->clientOrderId);
                line.field("status", QStringLiteral("cancel-requested"));
                line.writeTo(stdout);
                exitCode = 0;
            }
            finish();
        });
        wait();
        return exitCode;
    }

    // place: the instrument's rules come from the venue's public instruments endpoint at the same base.
    RestClient rest(&network);
    rest.setBaseUrl(base);
    rest.setTimeout(std::chrono::milliseconds(timeoutMs));
    rest.setReplyCheck([&marketData](const QJsonDocument& reply) { return marketData->replyError(reply); });
    // The whole list, filtered here: venues differ in how (and whether) they filter by symbol.
    const RestRequest instrumentsRequest = marketData->instrumentsRequest(*category);
    std::optional<Instrument> instrument;
    rest.send(instrumentsRequest, [&](const RestClient::Reply& reply) {
        if (!reply) {
            exitCode =
                fail(QStringLiteral("cannot load the rules of %1: %2").arg(symbol, reply.error().toString()));
        } else if (const auto list = marketData->parseInstruments(*category, *reply); !list) {
            exitCode =
                fail(QStringLiteral("cannot read the rules of %1: %2").arg(symbol, list.error().message));
        } else {
            for (const Instrument& i : *list) {
                if (i.symbol == symbol)
                    instrument = i;
            }
            if (!instrument)
                exitCode = fail(
                    QStringLiteral("%1 has no %2 instrument %3").arg(venue, categoryName(*category), symbol),
                    2);
        }
        finish();
    });
    wait();
    if (!instrument)
        return exitCode;

    // How the account is set up, where the order depends on it (Binance USDⓈ-M's position mode: a hedge
    // account's orders name their leg), read as the terminal's session reads it before trading.
    for (const SignedRequest& setup : trading->adapter->accountSetupRequests({*category})) {
        bool read = false;
        client.send(setup, [&](const SignedRestClient::Reply& reply) {
            if (!reply) {
                exitCode =
                    fail(QStringLiteral("cannot read the account's setup: %1").arg(reply.error().toString()));
            } else if (const auto ok = trading->adapter->parseAccountSetup(*reply); !ok) {
                exitCode =
                    fail(QStringLiteral("cannot read the account's setup: %1").arg(ok.error().message));
            } else {
                read = true;
            }
            finish();
        });
        wait();
        if (!read)
            return exitCode;
    }

    // A lot is closed by an id the adapter must know (it refuses others before sending): read them.
    if (!request.closesPositionId.isEmpty() && trading->adapter->closesPositionLots()) {
        std::vector<Position> positions;
        if (!readPositions(positions))
            return exitCode;
    }

    submitter.place(request, *instrument, std::nullopt, [&](const OrderSubmitter::PlaceOutcome& outcome) {
        using Kind = OrderSubmitter::PlaceOutcome::Kind;
        if (outcome.kind == Kind::Refused) {
            for (const OrderRuleViolation& v : outcome.violations)
                std::fprintf(stderr, "botterm-cli order: refused, nothing sent: %s\n", qPrintable(v.message));
            std::fflush(stderr);
            exitCode = 2;
            finish();
            return;
        }
        JsonLine line;
        if (outcome.order) {
            line = orderLine(*outcome.order);
        } else {
            line.field("orderId", outcome.ack ? outcome.ack->orderId : QString())
                .field("clientOrderId", outcome.request.clientOrderId)
                .field("symbol", outcome.request.symbol);
        }
        line.field("outcome", outcomeName(outcome.kind));
        if (outcome.outcomeWasUnknown)
            line.field("replyLost", true);
        if (outcome.error &&
            (outcome.kind == Kind::Rejected || outcome.kind == Kind::Failed || outcome.kind == Kind::Unknown))
            addError(line, *outcome.error);
        line.writeTo(stdout);
        switch (outcome.kind) {
        case Kind::Live:
        case Kind::Filled:
        case Kind::Accepted:
            exitCode = 0;
            break;
        case Kind::CancelledAtOnce:
            exitCode = fail(
                QStringLiteral("the venue cancelled the order at once: %1")
                    .arg(outcome.reason.isEmpty() ? orderStatusName(outcome.order->status) : outcome.reason));
            break;
        case Kind::Rejected:
            // The venue's message verbatim.
            exitCode = fail(outcome.error ? outcome.error->message : QStringLiteral("rejected"));
            break;
        case Kind::Failed:
            exitCode = fail(outcome.error ? outcome.error->toString() : QStringLiteral("not sent"));
            break;
        case Kind::Unknown:
            exitCode =
                fail(QStringLiteral("outcome unknown: the reply was lost (%1) and no order with client "
                                    "order id %2 was found; it was not sent again")
                         .arg(outcome.error ? outcome.error->toString() : QString(),
                              outcome.request.clientOrderId),
                     3);
            break;
        case Kind::Refused:
            break;
        }
        finish();
    });
    wait();
    return exitCode;
}
