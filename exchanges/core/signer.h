#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <variant>

// An API key. The secret (an HMAC secret, or a PEM private key for Ed25519/RSA keys) and the
// passphrase (OKX's passphrase; a PEM key's password elsewhere) are overwritten when the credentials
// are cleared or destroyed.
struct Credentials
{
    QString key;
    QByteArray secret;
    QByteArray passphrase;

    Credentials() = default;
    Credentials(QString key, QByteArray secret, QByteArray passphrase = {});
    Credentials(const Credentials&) = default;
    Credentials(Credentials&&) noexcept = default;
    Credentials& operator=(const Credentials&) = default;
    Credentials& operator=(Credentials&&) noexcept = default;
    ~Credentials();

    bool isEmpty() const { return key.isEmpty() || secret.isEmpty(); }
    void clear();
};

// A request exactly as it goes on the wire: the final URL (its encoded query is what is signed and
// sent), every header, and the exact body bytes.
struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    bool hasHeader(QByteArrayView name) const;
    void setHeader(const QByteArray& name, const QByteArray& value); // replaces any header of that name
    // Path and query as they go on the wire ("/api/v3/order?symbol=BTCUSDT"), "/" for an empty path.
    QByteArray pathAndQuery() const;
    QByteArray encodedQuery() const; // without the '?'
    void setEncodedQuery(const QByteArray& query);
    void appendToQuery(const QByteArray& pairs); // "a=1&b=2", joined with '&'
};

// What a signature depends on besides the request. The nonce is supplied by the caller so it can be
// kept strictly increasing per key and persisted (Coincheck, bitbank NONCE mode, Liquid).
struct SigningContext
{
    qint64 nowMs = 0;
    qint64 nonce = 0;
};

struct SignError
{
    enum class Kind : std::uint8_t
    {
        MissingCredentials, // no key, no secret, or no passphrase where the venue needs one
        InvalidSecret,      // a PEM key that cannot be read or is of a type the venue rejects
        InvalidRequest,     // no URL, or a request the venue's scheme cannot express
    };
    Kind kind = Kind::MissingCredentials;
    QString message;
};

using SignResult = Result<std::monostate, SignError>;

// One venue's REST authentication. Stateless and const: one instance serves every request and thread.
class Signer
{
public:
    virtual ~Signer() = default;

    virtual QString venue() const = 0; // "bybit"
    // A venue that no longer trades (FTX, Liquid): kept so old scripts and recordings can be replayed.
    virtual bool isClosed() const { return false; }
    // Whether SigningContext::nonce is used (the caller then keeps it strictly increasing).
    virtual bool usesNonce() const { return false; }
    virtual bool needsPassphrase() const { return false; }

    // Puts parameters on the request in the venue's wire encoding: for GET and DELETE the query string
    // (appended, percent-encoded), otherwise a compact JSON body, unless the venue says otherwise
    // (Binance and Coincheck: form body). Keys go in QJsonObject order (sorted).
    virtual void encodeParameters(HttpRequest& request, const QJsonObject& params) const;

    // Adds the authentication (headers, and query or body parameters where the venue wants them) and
    // the content type of a body. The request must not change afterwards.
    virtual SignResult sign(HttpRequest& request, const Credentials& credentials,
                            const SigningContext& context) const = 0;

protected:
    static SignResult success() { return std::monostate{}; }
    static SignResult failure(SignError::Kind kind, const QString& message);
    // Checks key and secret (and passphrase when needsPassphrase()) and the URL; upper-cases the method.
    SignResult prepare(HttpRequest& request, const Credentials& credentials) const;

    static bool isQueryMethod(const QByteArray& method); // GET, DELETE, HEAD (any case)
    static QByteArray encodeQuery(const QJsonObject& params);
    // GET/DELETE: the query string; otherwise a form-urlencoded body (Binance, Coincheck).
    static void encodeQueryOrForm(HttpRequest& request, const QJsonObject& params);
    static QByteArray encodeJson(const QJsonObject& params);
    static void setJsonContentTypeIfBody(HttpRequest& request);
};
