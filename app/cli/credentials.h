#pragma once

#include "exchanges/core/marketdataadapter.h" // Environment

#include <QString>
#include <QUrl>

#include <optional>

class SignedRestClient;

// Where botterm-cli's signed requests get their keys: BOTTERM_<VENUE>_KEY/_SECRET/_PASSPHRASE when
// set, else the keychain entry VENUE/ACCOUNT/ENV (service $BOTTERM_KEYCHAIN_SERVICE, default
// "botterm"). The keychain is opened only when the environment has no key.
void provideCliCredentials(SignedRestClient& client, const QString& account);

// The keychain service the CLI uses ($BOTTERM_KEYCHAIN_SERVICE, or "botterm" when unset or empty).
QString cliKeychainService();

// The base URL a signed CLI request goes to: --base-url when given (an absolute http(s) URL without a
// query), else the venue's host for the environment. nullopt with a usage message otherwise.
std::optional<QUrl> cliBaseUrl(const QString& baseUrlOption, const QString& venue, Environment environment,
                               QString& error);
