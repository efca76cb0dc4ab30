#pragma once

#include "marketdataadapter.h" // Environment
#include "restrequest.h"       // RestError
#include "result.h"
#include "signedrestclient.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

// "Test connection": one private, read-only request per venue that any valid key may make (a balance
// or account query), sent signed with the account's credentials. It proves the key, secret,
// passphrase and clock together without changing anything at the venue.
class ConnectionTest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTest)

public:
    // The venue's success summary ("OK …") or its typed error with the venue's message verbatim.
    using Outcome = Result<QString, RestError>;
    using Done = std::function<void(const Outcome&)>;

    explicit ConnectionTest(QNetworkAccessManager* network, QObject* parent = nullptr);
    ~ConnectionTest() override;

    // The request for venue in environment; baseUrl overrides the venue's host (the demo venue).
    // nullopt for a venue without a known read endpoint or host in that environment.
    static std::optional<SignedRequest> request(const QString& venue, Environment environment,
                                                const QUrl& baseUrl = {});

    // done is called exactly once, on this thread, unless this object is destroyed first.
    void run(const QString& venue, Environment environment, const Credentials& credentials,
             const QUrl& baseUrl, Done done);

private:
    SignedRestClient* m_client;
    Credentials m_credentials; // of the test in progress; cleared when it ends
};
