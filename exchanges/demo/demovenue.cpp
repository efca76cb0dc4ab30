#include "demovenue.h"

#include "demoaccount.h"
#include "demohttp.h"
#include "demomarket.h"
#include "demorest.h"
#include "demostreams.h"
#include "demotrading.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>

#include <random>
#include <unordered_map>

namespace {
// A subscriber that cannot keep up is cut off rather than buffered without bound.
constexpr qint64 kMaxQueuedBytes = 32 * 1024 * 1024;
// Never simulate more than this in one timer tick (after a suspend, the market skips ahead instead).
constexpr std::int64_t kMaxCatchUpMs = 5'000;

QByteArray connectionId(std::mt19937_64& random)
{
    const std::uint64_t a = random();
    const std::uint64_t b = random();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(0x8000 | (b >> 50)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return QByteArray(buf);
}
} // namespace

struct DemoVenue::Private
{
    struct Connection
    {
        QPointer<QWebSocket> socket;
        Category category = Category::Linear;
        QByteArray id;
        std::vector<DemoPublicStreams::Topic*> topics;
        bool isPrivate = false;
        bool authed = false;
        QStringList privateTopics;
    };

    DemoVenue* q = nullptr;
    Options options;
    std::vector<DemoSymbolSpec> specs = DemoMarket::defaultSymbols();
    std::unique_ptr<DemoMarket> market;
    std::unique_ptr<DemoPublicStreams> streams;
    std::unique_ptr<DemoRestApi> rest;
    std::unique_ptr<DemoAccount> account;
    std::unique_ptr<DemoTradingApi> trading;
    QHash<QString, QByteArray> keys;
    DemoHttpServer http;
    QWebSocketServer ws{QStringLiteral("botterm demo venue"), QWebSocketServer::NonSecureMode};
    QTimer timer;
    QTimer firehoseTimer;
    QElapsedTimer firehoseClock;
    qint64 firehoseDue = 0;    // frames owed since firehoseClock started (sent or skipped)
    qint64 firehoseFrames = 0; // frames sent
    std::size_t firehoseCursor = 0;
    QElapsedTimer wall;
    QElapsedTimer pausedFor;    // while paused: venue time still runs for signatures and expiry
    std::int64_t simBaseMs = 0; // market time when `wall` was last restarted
    std::vector<std::unique_ptr<Connection>> connections;
    std::unordered_map<DemoPublicStreams::Topic*, std::vector<Connection*>> subscribers;
    std::mt19937_64 random{std::random_device{}()};
    QString error;
    bool paused = false;

    void tick();
    void firehose();
    void accept();
    void onMessage(Connection* c, const QString& text);
    void onDisconnected(Connection* c);
    void send(Connection* c, const QByteArray& frame);
    void broadcast(DemoPublicStreams::Topic* topic, const QList<QByteArray>& frames);
    void subscribe(Connection* c, const QJsonArray& args, const QJsonValue& reqId);
    void unsubscribe(Connection* c, const QJsonArray& args, const QJsonValue& reqId);
    void removeSubscriber(Connection* c, DemoPublicStreams::Topic* topic);
    void onPrivateMessage(Connection* c, const QJsonObject& o);
    void pushAccountEvents();
    QByteArray reply(Connection* c, bool success, const QString& message, const QJsonValue& reqId,
                     const char* op, bool withReqId) const;
};

DemoVenue::DemoVenue(QObject* parent)
    : DemoVenue(Options{}, parent)
{}

DemoVenue::DemoVenue(Options options, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->options = options;
    d->timer.setTimerType(Qt::PreciseTimer);
    connect(&d->timer, &QTimer::timeout, this, [this] { d->tick(); });
    d->firehoseTimer.setTimerType(Qt::PreciseTimer);
    connect(&d->firehoseTimer, &QTimer::timeout, this, [this] { d->firehose(); });
    connect(&d->ws, &QWebSocketServer::newConnection, this, [this] { d->accept(); });
    d->http.setUpgradeHandler([this](QTcpSocket* socket, const DemoHttpRequest& request) {
        if (request.path != QLatin1String("/v5/public/linear") &&
            request.path != QLatin1String("/v5/public/spot") && request.path != QLatin1String("/v5/private"))
            return false;
        d->ws.handleConnection(socket);
        return true;
    });
    d->http.setHandler([this](const DemoHttpRequest& request) {
        if (!d->rest)
            return DemoHttpResponse{503,
                                    DemoRestApi::errorBody(10016, QStringLiteral("service not running"), 0),
                                    "application/json",
                                    {}};
        if (DemoTradingApi::isPrivatePath(request.path)) {
            DemoHttpResponse response = d->trading->handle(request);
            d->pushAccountEvents();
            return response;
        }
        return d->rest->handle(request);
    });
    const Credentials demo = demoCredentials();
    d->keys.insert(demo.key, demo.secret);
}

DemoVenue::~DemoVenue()
{
    stop();
}

bool DemoVenue::start()
{
    if (isRunning())
        return true;
    if (!d->http.listen(d->options.port)) {
        d->error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2")
                       .arg(d->options.port)
                       .arg(d->http.errorString());
        return false;
    }
    d->error.clear();
    const std::uint64_t seed = d->options.seed != 0 ? d->options.seed : std::random_device{}();
    d->random.seed(seed ^ 0x5bd1e995ULL);
    d->market = std::make_unique<DemoMarket>(d->specs, seed, QDateTime::currentMSecsSinceEpoch());
    d->streams = std::make_unique<DemoPublicStreams>(*d->market);
    d->rest = std::make_unique<DemoRestApi>(*d->market);
    d->account = std::make_unique<DemoAccount>(*d->market);
    d->trading =
        std::make_unique<DemoTradingApi>(*d->account, *d->market, d->keys, [this] { return serverTimeMs(); });
    d->simBaseMs = d->market->nowMs();
    d->wall.start();
    d->paused = false;
    d->timer.start(std::max(1, d->options.updateIntervalMs));
    if (d->options.firehoseRate > 0) {
        d->firehoseClock.start();
        d->firehoseDue = 0;
        d->firehoseTimer.start(1);
    }
    return true;
}

void DemoVenue::stop()
{
    d->timer.stop();
    d->firehoseTimer.stop();
    for (auto& c : d->connections) {
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
            c->socket->deleteLater();
        }
    }
    const bool hadConnections = !d->connections.empty();
    d->connections.clear();
    d->subscribers.clear();
    d->ws.close();
    d->http.close();
    d->rest.reset();
    d->trading.reset();
    d->account.reset();
    d->streams.reset();
    d->market.reset();
    if (hadConnections)
        Q_EMIT connectionCountChanged(0);
}

bool DemoVenue::isRunning() const
{
    return d->http.isListening();
}

QString DemoVenue::errorString() const
{
    return d->error;
}

quint16 DemoVenue::port() const
{
    return d->http.port();
}

QUrl DemoVenue::restUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

QUrl DemoVenue::publicStreamUrl(Category category) const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/v5/public/%2").arg(port()).arg(categoryName(category)));
}

QUrl DemoVenue::privateStreamUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/v5/private").arg(port()));
}

Credentials DemoVenue::demoCredentials()
{
    return Credentials(QStringLiteral("BOTTERMDEMOKEY0001"), QByteArray("botterm-demo-venue-secret-0001"));
}

void DemoVenue::addApiKey(const QString& key, const QByteArray& secret)
{
    d->keys.insert(key, secret);
}

void DemoVenue::resetAccount()
{
    if (d->account)
        d->account->reset();
}

QList<Instrument> DemoVenue::instruments(Category category) const
{
    QList<Instrument> out;
    for (const DemoSymbolSpec& s : d->specs) {
        if (s.category == category)
            out.append(s.toInstrument());
    }
    return out;
}

QStringList DemoVenue::symbols(Category category) const
{
    QStringList out;
    for (const DemoSymbolSpec& s : d->specs) {
        if (s.category == category)
            out.append(s.symbol);
    }
    return out;
}

void DemoVenue::dropConnections()
{
    // Aborting removes the connection from the list: walk a copy.
    QList<QPointer<QWebSocket>> sockets;
    for (const auto& c : d->connections)
        sockets.append(c->socket);
    for (const QPointer<QWebSocket>& s : sockets) {
        if (s)
            s->abort();
    }
}

int DemoVenue::connectionCount() const
{
    return static_cast<int>(d->connections.size());
}

qint64 DemoVenue::firehoseFramesSent() const
{
    return d->firehoseFrames;
}

void DemoVenue::setPaused(bool paused)
{
    if (paused == d->paused || !d->market)
        return;
    d->paused = paused;
    if (paused) {
        d->pausedFor.start();
        d->timer.stop();
        d->tick(); // catch up to now first
        for (const auto& [topic, list] : d->subscribers) {
            if (!list.empty())
                d->broadcast(topic, d->streams->flush(*topic));
        }
    } else {
        d->simBaseMs = d->market->nowMs();
        d->wall.restart();
        d->timer.start(std::max(1, d->options.updateIntervalMs));
    }
}

bool DemoVenue::isPaused() const
{
    return d->paused;
}

std::int64_t DemoVenue::nowMs() const
{
    return d->market ? d->market->nowMs() : QDateTime::currentMSecsSinceEpoch();
}

std::int64_t DemoVenue::serverTimeMs() const
{
    if (!d->market)
        return QDateTime::currentMSecsSinceEpoch();
    if (!d->paused)
        return d->market->nowMs();
    return d->market->nowMs() +
           static_cast<std::int64_t>(static_cast<double>(d->pausedFor.elapsed()) * d->options.speed);
}

DemoMarket* DemoVenue::market()
{
    return d->market.get();
}

void DemoVenue::Private::tick()
{
    if (!market)
        return;
    const auto target =
        simBaseMs + static_cast<std::int64_t>(static_cast<double>(wall.elapsed()) * options.speed);
    std::int64_t dt = target - market->nowMs();
    if (dt <= 0)
        return;
    if (dt > kMaxCatchUpMs) {
        dt = kMaxCatchUpMs;
        simBaseMs = market->nowMs() + dt;
        wall.restart();
    }
    account->match(); // trades printed since the last advance (a test's taker, say)
    market->advance(dt);
    account->match();
    for (const auto& [topic, list] : subscribers) {
        if (!list.empty())
            broadcast(topic, streams->publish(*topic));
    }
    pushAccountEvents();
}

void DemoVenue::Private::firehose()
{
    if (!market || paused)
        return;
    const qint64 owed = firehoseClock.nsecsElapsed() / 1000 * options.firehoseRate / 1'000'000 - firehoseDue;
    if (owed <= 0)
        return;
    // At most 20 ms worth in one go: a venue that fell behind (a stalled process) skips instead of bursting.
    const qint64 n = std::min<qint64>(owed, std::max(1, options.firehoseRate / 50));
    firehoseDue += owed;
    // The subscribed topics, each as often as its weight: book deltas most, then trades, then tickers.
    std::vector<DemoPublicStreams::Topic*> schedule;
    for (const auto& [topic, list] : subscribers) {
        if (list.empty())
            continue;
        int weight = 0;
        switch (topic->kind()) {
        case DemoPublicStreams::Topic::Kind::Book:
            weight = 6;
            break;
        case DemoPublicStreams::Topic::Kind::Trades:
            weight = 3;
            break;
        case DemoPublicStreams::Topic::Kind::Ticker:
            weight = 1;
            break;
        case DemoPublicStreams::Topic::Kind::Kline:
            break;
        }
        schedule.insert(schedule.end(), static_cast<std::size_t>(weight), topic);
    }
    if (schedule.empty())
        return;
    std::sort(schedule.begin(), schedule.end()); // a stable order, whatever the hash map's
    qint64 sent = 0;
    // A churn outside what a topic shows publishes nothing: try a bounded number of times.
    for (qint64 attempt = 0; sent < n && attempt < 4 * n; ++attempt) {
        DemoPublicStreams::Topic* topic = schedule[firehoseCursor++ % schedule.size()];
        const QList<QByteArray> frames = streams->churn(*topic, random);
        broadcast(topic, frames);
        sent += frames.size();
    }
    firehoseFrames += sent;
}

void DemoVenue::Private::broadcast(DemoPublicStreams::Topic* topic, const QList<QByteArray>& frames)
{
    if (frames.isEmpty())
        return;
    // Copy: a send may drop a slow subscriber, which edits the list.
    const std::vector<Connection*> list = subscribers[topic];
    for (const QByteArray& frame : frames) {
        for (Connection* c : list)
            send(c, frame);
    }
}

void DemoVenue::Private::send(Connection* c, const QByteArray& frame)
{
    if (!c->socket || c->socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (c->socket->bytesToWrite() > kMaxQueuedBytes) {
        // Queued: aborting here would remove the connection while a broadcast walks the list.
        QMetaObject::invokeMethod(c->socket.data(), &QWebSocket::abort, Qt::QueuedConnection);
        return;
    }
    c->socket->sendTextMessage(QString::fromLatin1(frame));
}

void DemoVenue::Private::accept()
{
    while (QWebSocket* socket = ws.nextPendingConnection()) {
        auto c = std::make_unique<Connection>();
        c->socket = socket;
        c->category =
            socket->requestUrl().path().endsWith(QLatin1String("/spot")) ? Category::Spot : Category::Linear;
        c->isPrivate = socket->requestUrl().path().endsWith(QLatin1String("/private"));
        c->id = connectionId(random);
        Connection* raw = c.get();
        connections.push_back(std::move(c));
        QObject::connect(socket, &QWebSocket::textMessageReceived, q,
                         [this, raw](const QString& text) { onMessage(raw, text); });
        QObject::connect(socket, &QWebSocket::disconnected, q, [this, raw] { onDisconnected(raw); });
        Q_EMIT q->connectionCountChanged(static_cast<int>(connections.size()));
    }
}

void DemoVenue::Private::onDisconnected(Connection* c)
{
    for (DemoPublicStreams::Topic* t : std::vector(c->topics))
        removeSubscriber(c, t);
    if (c->socket) {
        c->socket->disconnect(q);
        c->socket->deleteLater();
    }
    const auto it = std::find_if(connections.begin(), connections.end(),
                                 [c](const std::unique_ptr<Connection>& p) { return p.get() == c; });
    if (it != connections.end()) {
        connections.erase(it);
        Q_EMIT q->connectionCountChanged(static_cast<int>(connections.size()));
    }
}

void DemoVenue::Private::removeSubscriber(Connection* c, DemoPublicStreams::Topic* topic)
{
    auto& list = subscribers[topic];
    const auto it = std::find(list.begin(), list.end(), c);
    if (it == list.end())
        return;
    list.erase(it);
    topic->subscribers = static_cast<int>(list.size());
    c->topics.erase(std::find(c->topics.begin(), c->topics.end(), topic));
}

QByteArray DemoVenue::Private::reply(Connection* c, bool success, const QString& message,
                                     const QJsonValue& reqId, const char* op, bool withReqId) const
{
    // Bybit's order: success, ret_msg, conn_id, req_id, op.
    QByteArray out = success ? "{\"success\":true,\"ret_msg\":" : "{\"success\":false,\"ret_msg\":";
    QByteArray msg = QJsonDocument(QJsonArray{message}).toJson(QJsonDocument::Compact);
    out += msg.mid(1, msg.size() - 2);
    out += ",\"conn_id\":\"" + c->id + '"';
    if (withReqId || !reqId.isUndefined()) {
        const QString id = reqId.isString()
                               ? reqId.toString()
                               : (reqId.isDouble() ? QString::number(reqId.toDouble(), 'g', 17) : QString());
        QByteArray idJson = QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact);
        out += ",\"req_id\":" + idJson.mid(1, idJson.size() - 2);
    }
    out += ",\"op\":\"" + QByteArray(op) + "\"}";
    return out;
}

void DemoVenue::Private::onMessage(Connection* c, const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    const QJsonObject o = doc.object();
    const QString op = o.value(QLatin1String("op")).toString();
    const QJsonValue reqId = o.value(QLatin1String("req_id"));
    if (c->isPrivate && doc.isObject()) {
        onPrivateMessage(c, o);
        return;
    }
    if (op == QLatin1String("ping")) {
        send(c, reply(c, true, QStringLiteral("pong"), reqId, "ping", false));
    } else if (op == QLatin1String("subscribe")) {
        subscribe(c, o.value(QLatin1String("args")).toArray(), reqId);
    } else if (op == QLatin1String("unsubscribe")) {
        unsubscribe(c, o.value(QLatin1String("args")).toArray(), reqId);
    } else {
        const QByteArray opText = op.toLatin1();
        send(c, reply(c, false,
                      doc.isObject() ? QStringLiteral("error:unknown op '%1'").arg(op)
                                     : QStringLiteral("error:request is not a JSON object"),
                      reqId, opText.isEmpty() ? "" : opText.constData(), true));
    }
}

void DemoVenue::Private::subscribe(Connection* c, const QJsonArray& args, const QJsonValue& reqId)
{
    // Spot takes at most 10 topics per request.
    if (c->category == Category::Spot && args.size() > 10) {
        send(c, reply(c, false, QStringLiteral("error:args size >10"), reqId, "subscribe", true));
        return;
    }
    QStringList failures;
    std::vector<DemoPublicStreams::Topic*> added;
    for (const QJsonValue& v : args) {
        const QString name = v.toString();
        DemoPublicStreams::Topic* topic = streams->topic(c->category, name);
        if (!topic) {
            failures.append(QStringLiteral("error:handler not found,topic:%1").arg(name));
            continue;
        }
        if (std::find(c->topics.begin(), c->topics.end(), topic) != c->topics.end()) {
            failures.append(QStringLiteral("error:already subscribed,topic:%1").arg(name));
            continue;
        }
        added.push_back(topic);
    }
    if (args.isEmpty())
        failures.append(QStringLiteral("error:args is empty"));
    send(c, reply(c, failures.isEmpty(), failures.join(QLatin1Char(';')), reqId, "subscribe", true));
    for (DemoPublicStreams::Topic* topic : added) {
        auto& list = subscribers[topic];
        if (list.empty())
            streams->activate(*topic);
        list.push_back(c);
        topic->subscribers = static_cast<int>(list.size());
        c->topics.push_back(topic);
        for (const QByteArray& frame : streams->snapshot(*topic))
            send(c, frame);
    }
}

void DemoVenue::Private::unsubscribe(Connection* c, const QJsonArray& args, const QJsonValue& reqId)
{
    for (const QJsonValue& v : args) {
        if (DemoPublicStreams::Topic* topic = streams->topic(c->category, v.toString()))
            removeSubscriber(c, topic);
    }
    send(c, reply(c, true, QString(), reqId, "unsubscribe", true));
}

void DemoVenue::Private::onPrivateMessage(Connection* c, const QJsonObject& o)
{
    // https://bybit-exchange.github.io/docs/v5/ws/connect#authentication and
    // #how-to-send-the-heartbeat-packet
    const QString op = o.value(QLatin1String("op")).toString();
    const QJsonValue reqId = o.value(QLatin1String("req_id"));
    const QJsonArray args = o.value(QLatin1String("args")).toArray();
    if (op == QLatin1String("ping")) {
        QByteArray out = "{";
        if (reqId.isString())
            out += "\"req_id\":" +
                   QJsonDocument(QJsonArray{reqId}).toJson(QJsonDocument::Compact).mid(1).chopped(1) + ',';
        out += "\"op\":\"pong\",\"args\":[\"" + QByteArray::number(static_cast<qlonglong>(market->nowMs())) +
               "\"],\"conn_id\":\"" + c->id + "\"}";
        send(c, out);
    } else if (op == QLatin1String("auth")) {
        bool ok = args.size() == 3 && args.at(0).isString() && args.at(2).isString();
        const std::int64_t expires = args.at(1).isString() ? args.at(1).toString().toLongLong()
                                                           : static_cast<std::int64_t>(args.at(1).toDouble());
        if (ok)
            ok = trading->verifyStreamAuth(args.at(0).toString(), expires, args.at(2).toString().toLatin1());
        c->authed = c->authed || ok;
        send(c,
             reply(c, ok, ok ? QString() : QStringLiteral("Request not authorized"), reqId, "auth", false));
    } else if (op == QLatin1String("subscribe") || op == QLatin1String("unsubscribe")) {
        const bool subscribe = op == QLatin1String("subscribe");
        if (!c->authed) {
            send(c, reply(c, false, QStringLiteral("Request not authorized"), reqId,
                          subscribe ? "subscribe" : "unsubscribe", false));
            return;
        }
        static const QStringList known = {
            QStringLiteral("order"),     QStringLiteral("order.linear"),     QStringLiteral("order.spot"),
            QStringLiteral("execution"), QStringLiteral("execution.linear"), QStringLiteral("execution.spot"),
            QStringLiteral("position"),  QStringLiteral("position.linear"),  QStringLiteral("wallet")};
        QStringList failures;
        for (const QJsonValue& v : args) {
            const QString name = v.toString();
            if (!known.contains(name))
                failures.append(QStringLiteral("error:handler not found,topic:%1").arg(name));
            else if (subscribe && !c->privateTopics.contains(name))
                c->privateTopics.append(name);
            else if (!subscribe)
                c->privateTopics.removeAll(name);
        }
        send(c, reply(c, failures.isEmpty(), failures.join(QLatin1Char(';')), reqId,
                      subscribe ? "subscribe" : "unsubscribe", false));
    } else {
        send(c, reply(c, false, QStringLiteral("error:unknown op '%1'").arg(op), reqId, "", false));
    }
}

void DemoVenue::Private::pushAccountEvents()
{
    if (!account)
        return;
    const auto events = account->takeEvents();
    if (events.isEmpty())
        return;
    for (const auto& [topic, data] : events) {
        const QString base = QString::fromLatin1(topic);
        for (const auto& c : connections) {
            if (!c->isPrivate || !c->authed)
                continue;
            for (const QString& name : c->privateTopics) {
                const qsizetype dot = name.indexOf(QLatin1Char('.'));
                if (name.left(dot) != base)
                    continue;
                const QByteArray prefix =
                    dot < 0 ? QByteArray() : "{\"category\":\"" + name.mid(dot + 1).toLatin1() + '"';
                QByteArray list;
                for (const QByteArray& item : data) {
                    if (!prefix.isEmpty() && !item.startsWith(prefix))
                        continue;
                    list += (list.isEmpty() ? "" : ",") + item;
                }
                if (list.isEmpty())
                    continue;
                send(c.get(), "{\"id\":\"" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) +
                                  "\",\"topic\":\"" + name.toLatin1() + "\",\"creationTime\":" +
                                  QByteArray::number(static_cast<qlonglong>(market->nowMs())) +
                                  ",\"data\":[" + list + "]}");
            }
        }
    }
}
