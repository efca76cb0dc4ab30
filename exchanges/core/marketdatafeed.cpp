#include "marketdatafeed.h"

#include "restclient.h"
#include "streamprotocol.h"

#include <QDateTime>
#include <QTimer>

namespace {
QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// After a failed resync request (the snapshot never came), ask again after this long.
constexpr qint64 kResyncRetryMs = 5'000;
// A REST snapshot older than the diffs buffered since is fetched again after this long.
constexpr qint64 kOutdatedSnapshotRetryMs = 500;

QString applyFailureText(OrderBook::ApplyResult result)
{
    switch (result) {
    case OrderBook::ApplyResult::SequenceGap:
        return QStringLiteral("sequence gap");
    case OrderBook::ApplyResult::Crossed:
        return QStringLiteral("crossed book");
    case OrderBook::ApplyResult::InvalidLevel:
        return QStringLiteral("invalid price level");
    default:
        return {};
    }
}
} // namespace

MarketDataFeed::MarketDataFeed(MarketDataAdapter& adapter, Category category, MarketStore& store,
                               QNetworkAccessManager* network, Options options, QObject* parent)
    : QObject(parent)
    , m_adapter(adapter)
    , m_category(category)
    , m_store(store)
    , m_options(std::move(options))
    , m_rest(new RestClient(network, this))
{
    const QUrl streamUrl = m_options.streamUrl.isValid()
                               ? m_options.streamUrl
                               : adapter.publicStreamUrl(category, m_options.environment);
    m_rest->setBaseUrl(m_options.restUrl.isValid() ? m_options.restUrl
                                                   : adapter.restBaseUrl(category, m_options.environment));
    // A venue on several hosts (bitbank's candles) moves them all, so one server serves its REST.
    if (m_options.restUrl.isValid())
        m_adapter.setRestOverride(m_options.restUrl);
    m_rest->setReplyCheck([this](const QJsonDocument& doc) { return m_adapter.replyError(doc); });
    m_stream = new StreamClient(streamUrl, adapter.streamProtocol(), m_options.stream, this);
    connect(m_stream, &StreamClient::frameReceived, this, [this](const QByteArray& frame, qint64 receivedNs) {
        onFrame(m_stream, frame);
        Q_EMIT frameApplied(m_stream, receivedNs);
    });
    connect(m_stream, &StreamClient::connected, this, &MarketDataFeed::onConnected);
    connect(m_stream, &StreamClient::topicStale, this, &MarketDataFeed::onTopicStale);
    connect(m_stream, &StreamClient::stateChanged, this, [this](StreamClient::State state, int, int) {
        if (state == StreamClient::State::Reconnecting)
            onConnectionLost();
    });
    m_clock.start();
}

MarketDataFeed::~MarketDataFeed() = default;

const Instrument* MarketDataFeed::instrument(const QString& symbol) const
{
    for (const Instrument& i : m_instruments) {
        if (i.symbol == symbol)
            return &i;
    }
    return nullptr;
}

StreamClient* MarketDataFeed::streamFor(Channel channel)
{
    const auto overridden = m_options.channelStreamUrls.find(channel);
    if (overridden == m_options.channelStreamUrls.end() && m_options.streamUrl.isValid())
        return m_stream;
    const QUrl url = overridden != m_options.channelStreamUrls.end()
                         ? overridden->second
                         : m_adapter.publicStreamUrl(m_category, m_options.environment, channel);
    if (url == m_stream->url())
        return m_stream;
    for (StreamClient* s : std::as_const(m_otherStreams)) {
        if (s->url() == url)
            return s;
    }
    // No books here: its drops and reconnects concern only its own topics, which it resubscribes.
    auto* s = new StreamClient(url, m_adapter.streamProtocol(), m_options.stream, this);
    connect(s, &StreamClient::frameReceived, this, [this, s](const QByteArray& frame, qint64 receivedNs) {
        onFrame(s, frame);
        Q_EMIT frameApplied(s, receivedNs);
    });
    connect(s, &StreamClient::errorOccurred, this, [this, url](const QString& message) {
        Q_EMIT problem(QStringLiteral("%1: %2").arg(url.toString(), message));
    });
    m_otherStreams.append(s);
    Q_EMIT connectionAdded(s);
    if (m_started)
        s->open();
    return s;
}

void MarketDataFeed::subscribe(const QList<ChannelRequest>& requests)
{
    QHash<StreamClient*, QStringList> topicsByStream;
    for (const ChannelRequest& r : requests) {
        const QString topic = m_adapter.topic(m_category, r);
        StreamClient* stream = streamFor(r.channel);
        topicsByStream[stream].append(topic);
        topicsByStream[stream].append(m_adapter.extraTopics(m_category, r));
        m_requests.append(r);
        if (r.channel == Channel::Book) {
            m_bookTopicSymbol.insert(topic, r.symbol);
            m_bookDepth.insert(r.symbol, r.depth);
            m_store.book(r.symbol.toStdString());
        }
        stream->setExpectedCadence(topic, m_adapter.expectedCadence(r.channel));
        if (r.channel == Channel::Candles && m_started)
            loadCandles(r);
    }
    for (auto it = topicsByStream.cbegin(); it != topicsByStream.cend(); ++it)
        it.key()->subscribe(it.value());
}

void MarketDataFeed::unsubscribe(const QList<ChannelRequest>& requests)
{
    QStringList topics;
    QHash<StreamClient*, QStringList> topicsByStream;
    QHash<StreamClient*, QStringList> extrasByStream;
    for (const ChannelRequest& r : requests) {
        const QString topic = m_adapter.topic(m_category, r);
        if (topics.contains(topic))
            continue;
        topics.append(topic);
        StreamClient* stream = streamFor(r.channel);
        topicsByStream[stream].append(topic);
        extrasByStream[stream].append(m_adapter.extraTopics(m_category, r));
        m_requests.removeIf(
            [&](const ChannelRequest& kept) { return m_adapter.topic(m_category, kept) == topic; });
        stream->setExpectedCadence(topic, std::chrono::milliseconds(0));
        if (r.channel == Channel::Book && m_bookTopicSymbol.remove(topic) > 0) {
            m_bookDepth.remove(r.symbol);
            m_resyncRequestedMs.remove(r.symbol);
            m_adapter.restartBook(m_category, r.symbol);
        }
    }
    // A ride-along topic goes with the last request that wants it (an index shared by two contracts).
    QSet<QString> stillWanted;
    for (const ChannelRequest& kept : std::as_const(m_requests)) {
        for (const QString& extra : m_adapter.extraTopics(m_category, kept))
            stillWanted.insert(extra);
    }
    for (auto it = extrasByStream.cbegin(); it != extrasByStream.cend(); ++it) {
        for (const QString& extra : it.value()) {
            if (!stillWanted.contains(extra) && !topicsByStream[it.key()].contains(extra))
                topicsByStream[it.key()].append(extra);
        }
    }
    for (auto it = topicsByStream.cbegin(); it != topicsByStream.cend(); ++it)
        it.key()->unsubscribe(it.value());
}

void MarketDataFeed::start()
{
    loadInstruments();
    for (const ChannelRequest& r : std::as_const(m_requests)) {
        if (r.channel == Channel::Candles)
            loadCandles(r);
    }
    m_started = true;
    m_stream->open();
    for (StreamClient* s : std::as_const(m_otherStreams))
        s->open();
}

void MarketDataFeed::stop()
{
    m_started = false;
    m_stream->close();
    for (StreamClient* s : std::as_const(m_otherStreams))
        s->close();
}

void MarketDataFeed::loadInstruments()
{
    m_rest->send(m_adapter.instrumentsRequest(m_category), [this](const RestClient::Reply& reply) {
        if (!reply) {
            Q_EMIT problem(QStringLiteral("instruments: ") + reply.error().toString());
            return;
        }
        auto parsed = m_adapter.parseInstruments(m_category, *reply);
        if (!parsed) {
            Q_EMIT problem(QStringLiteral("instruments: ") + parsed.error().message);
            return;
        }
        m_instruments = std::move(parsed).value();
        Q_EMIT instrumentsLoaded();
    });
}

void MarketDataFeed::loadCandles(const ChannelRequest& request)
{
    const RestRequest req =
        m_adapter.candlesRequest(m_category, request.symbol, request.interval, 0, m_options.candleHistory);
    m_rest->send(
        req, [this, symbol = request.symbol, interval = request.interval](const RestClient::Reply& reply) {
            if (!reply) {
                Q_EMIT problem(QStringLiteral("candles %1: %2").arg(symbol, reply.error().toString()));
                return;
            }
            auto parsed = m_adapter.parseCandlesFor(*reply, symbol, interval);
            if (!parsed) {
                Q_EMIT problem(QStringLiteral("candles %1: %2").arg(symbol, parsed.error().message));
                return;
            }
            std::vector<Candle> candles = std::move(parsed).value();
            // The newest candle is still forming if its interval has not ended.
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (!candles.empty() && candles.back().openTimeMs + intervalMilliseconds(interval) > now)
                candles.back().closed = false;
            m_store.setCandles(symbol, interval, std::move(candles));
            Q_EMIT candlesLoaded(symbol, interval);
        });
}

void MarketDataFeed::onFrame(StreamClient* source, const QByteArray& frame)
{
    ++m_frames;
    const ParseResult result = m_adapter.parse(frame, m_category, *this);
    switch (result.kind) {
    case ParseResult::Kind::Data:
        source->noteTopicActivity(result.topic);
        break;
    case ParseResult::Kind::Control:
    case ParseResult::Kind::Ignored:
        break;
    case ParseResult::Kind::Rejected:
        Q_EMIT problem(result.error);
        break;
    case ParseResult::Kind::Malformed:
        ++m_malformed;
        Q_EMIT problem(
            QStringLiteral("malformed frame (%1): %2").arg(result.error, QString::fromUtf8(frame.left(200))));
        break;
    }
    // A book to rebuild, whatever the frame was: one we could not read (it may have carried a change we
    // now miss), or a well-formed one by which the venue says the book is off (OKX's checksum, a BitMEX
    // change to a level we do not hold).
    if (!result.resyncSymbol.empty()) {
        const QString symbol = toQString(result.resyncSymbol);
        const QString reason =
            result.kind == ParseResult::Kind::Malformed ? QStringLiteral("malformed book frame")
            : result.error.isEmpty() ? QStringLiteral("the venue reports the book inconsistent")
                                     : result.error;
        OrderBook& book = m_store.book(result.resyncSymbol);
        book.markResyncing();
        noteBookState(symbol, book, reason);
        requestResync(symbol, reason);
    }
    if (!result.snapshotSymbol.empty())
        onSnapshotNeeded(toQString(result.snapshotSymbol));
}

void MarketDataFeed::onSnapshotNeeded(const QString& symbol)
{
    if (!m_bookDepth.contains(symbol))
        return; // diffs of a book no longer wanted
    // The adapter is holding this book's diffs back: whatever the store shows is no longer updated.
    OrderBook& book = m_store.book(symbol.toStdString());
    if (book.state() == OrderBook::State::Live || book.state() == OrderBook::State::Stale) {
        book.markResyncing();
        noteBookState(symbol, book, QStringLiteral("waiting for a snapshot"));
    }
    requestResync(symbol, QStringLiteral("waiting for a snapshot"), false);
}

void MarketDataFeed::fetchSnapshot(const QString& symbol, const RestRequest& request)
{
    m_rest->send(request, [this, symbol](const RestClient::Reply& reply) {
        if (!m_bookDepth.contains(symbol))
            return; // unsubscribed meanwhile
        if (!reply) {
            // The book stays resyncing; ask again after the retry delay or the venue's Retry-After.
            const RestError& e = reply.error();
            retrySnapshot(symbol, e.retryAfterMs > 0 ? e.retryAfterMs : kResyncRetryMs);
            Q_EMIT problem(QStringLiteral("%1 book snapshot: %2").arg(symbol, e.toString()));
            return;
        }
        const SnapshotResult result = m_adapter.applySnapshot(m_category, symbol, *reply, *this);
        switch (result.kind) {
        case SnapshotResult::Kind::Applied:
            break;
        case SnapshotResult::Kind::Outdated:
            retrySnapshot(symbol, kOutdatedSnapshotRetryMs);
            break;
        case SnapshotResult::Kind::Malformed:
            retrySnapshot(symbol, kResyncRetryMs);
            Q_EMIT problem(QStringLiteral("%1 book snapshot: %2").arg(symbol, result.error));
            break;
        }
    });
}

void MarketDataFeed::retrySnapshot(const QString& symbol, qint64 delayMs)
{
    // Diffs arriving meanwhile do not ask sooner; the timer asks even if none arrive.
    m_resyncRequestedMs.insert(symbol, m_clock.elapsed() + delayMs - kResyncRetryMs);
    QTimer::singleShot(std::chrono::milliseconds(delayMs), this, [this, symbol] {
        if (!m_bookDepth.contains(symbol))
            return; // unsubscribed meanwhile
        const OrderBook::State state = m_store.book(symbol.toStdString()).state();
        if (state == OrderBook::State::Live || state == OrderBook::State::Stale)
            return; // another snapshot has rebuilt it meanwhile
        m_resyncRequestedMs.remove(symbol);
        requestResync(symbol, QStringLiteral("retrying the snapshot"), false);
    });
}

void MarketDataFeed::onConnected()
{
    // A new connection starts from fresh snapshots: nothing built on the old one may remain.
    m_adapter.reset(m_category);
    m_resyncRequestedMs.clear();
    for (auto it = m_bookDepth.cbegin(); it != m_bookDepth.cend(); ++it) {
        OrderBook& book = m_store.book(it.key().toStdString());
        book.markResyncing();
        noteBookState(it.key(), book, QStringLiteral("reconnected; waiting for a snapshot"));
    }
}

void MarketDataFeed::onConnectionLost()
{
    // Nothing updates the books until a new connection is up (the backoff may take many seconds), and the
    // new connection starts from fresh snapshots anyway: they are not shown as live meanwhile.
    for (auto it = m_bookDepth.cbegin(); it != m_bookDepth.cend(); ++it) {
        OrderBook& book = m_store.book(it.key().toStdString());
        book.markResyncing();
        noteBookState(it.key(), book, QStringLiteral("connection lost; reconnecting"));
    }
}

void MarketDataFeed::onTopicStale(const QString& topic)
{
    const auto it = m_bookTopicSymbol.constFind(topic);
    if (it == m_bookTopicSymbol.cend())
        return;
    OrderBook& book = m_store.book(it->toStdString());
    book.markStale();
    noteBookState(*it, book, QStringLiteral("no updates; resubscribing"));
}

void MarketDataFeed::requestResync(const QString& symbol, const QString& reason, bool report)
{
    // A REST-snapshot adapter buffers the book's diffs from now on (a no-op while it already does).
    m_adapter.restartBook(m_category, symbol);
    const qint64 now = m_clock.elapsed();
    const auto it = m_resyncRequestedMs.constFind(symbol);
    if (it != m_resyncRequestedMs.cend() && now - *it < kResyncRetryMs)
        return; // a fresh snapshot is already on its way
    m_resyncRequestedMs.insert(symbol, now);
    const ResyncPlan plan = m_adapter.resyncPlan(m_category, symbol, m_bookDepth.value(symbol, 50));
    if (!plan.resubscribeTopics.isEmpty())
        m_stream->resubscribe(plan.resubscribeTopics);
    if (plan.snapshot)
        fetchSnapshot(symbol, *plan.snapshot);
    if (report)
        Q_EMIT problem(QStringLiteral("%1 book resyncing: %2").arg(symbol, reason));
}

void MarketDataFeed::noteBookState(const QString& symbol, const OrderBook& book, const QString& reason)
{
    auto it = m_lastState.find(symbol);
    if (it != m_lastState.end() && *it == book.state())
        return;
    m_lastState.insert(symbol, book.state());
    Q_EMIT bookStateChanged(symbol, book.state(),
                            book.state() == OrderBook::State::Live ? QString() : reason);
}

void MarketDataFeed::onBook(const BookUpdate& update)
{
    const OrderBook* book = &m_store.book(update.symbol);
    const OrderBook::State before = book->state();
    const OrderBook::ApplyResult result = m_store.applyBook(update);
    switch (result) {
    case OrderBook::ApplyResult::Applied:
        // The common case (a delta on a live book) costs nothing more here.
        if (before != OrderBook::State::Live || update.isSnapshot) {
            const QString symbol = toQString(update.symbol);
            m_resyncRequestedMs.remove(symbol);
            noteBookState(symbol, *book, {});
        }
        break;
    case OrderBook::ApplyResult::IgnoredOld:
        break;
    case OrderBook::ApplyResult::NoSnapshot:
        // Deltas keep coming while we wait: if the snapshot we asked for is overdue, ask again.
        requestResync(toQString(update.symbol), QStringLiteral("still waiting for a snapshot"));
        break;
    case OrderBook::ApplyResult::SequenceGap:
    case OrderBook::ApplyResult::Crossed:
    case OrderBook::ApplyResult::InvalidLevel: {
        const QString symbol = toQString(update.symbol);
        const QString why = applyFailureText(result);
        noteBookState(symbol, *book, why);
        requestResync(symbol, why);
        break;
    }
    }
    if (m_observer)
        m_observer->onBook(update);
}

void MarketDataFeed::onTicker(const Ticker& ticker, bool isSnapshot)
{
    m_store.applyTicker(ticker, isSnapshot);
    if (m_observer)
        m_observer->onTicker(ticker, isSnapshot);
}

void MarketDataFeed::onTrades(std::span<const Trade> trades)
{
    m_store.addTrades(trades);
    if (m_observer)
        m_observer->onTrades(trades);
}

void MarketDataFeed::onCandle(const QString& symbol, CandleInterval interval, const Candle& candle)
{
    m_store.applyCandle(symbol, interval, candle);
    if (m_observer)
        m_observer->onCandle(symbol, interval, candle);
}
