#pragma once

// Synchronous wrappers over KeyStore's asynchronous jobs, for the keychain tests.

#include "exchanges/core/keystore.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace keystorewait {

using Outcome = Result<std::monostate, KeyStoreError>;
using Loaded = Result<Credentials, KeyStoreError>;

constexpr int kJobTimeoutMs = 30000;

inline const char kRunThroughScript[] =
    "the keychain tests need a Secret Service: run them through scripts/test.sh, which starts a private "
    "D-Bus session with an unlocked gnome-keyring and a throwaway HOME";

// Runs one job and waits (bounded) for its callback; a job that never answers is a failure.
template <typename R, typename Operation> R waitFor(Operation operation)
{
    std::optional<R> result;
    QEventLoop loop;
    operation([&](const R& r) {
        result.emplace(r);
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(kJobTimeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!result)
        return R::failure({KeyStoreError::Kind::Other, QStringLiteral("timed out waiting for the keychain")});
    return *result;
}

inline Outcome storeAndWait(KeyStore& store, const AccountId& id, const Credentials& credentials)
{
    return waitFor<Outcome>([&](KeyStore::Done done) { store.store(id, credentials, std::move(done)); });
}

inline Loaded loadAndWait(KeyStore& store, const AccountId& id)
{
    return waitFor<Loaded>([&](KeyStore::Loaded done) { store.load(id, std::move(done)); });
}

inline Outcome removeAndWait(KeyStore& store, const AccountId& id)
{
    return waitFor<Outcome>([&](KeyStore::Done done) { store.remove(id, std::move(done)); });
}

} // namespace keystorewait
