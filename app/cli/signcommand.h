#pragma once

#include <QStringList>

// botterm-cli sign [--exchange NAME] --key K --secret S [--passphrase P] --now-ms MS --method M --url URL
//                  [--body JSON_OBJECT]
// Prints the signed request as one JSON object {"method","url","headers","body"} on stdout, exactly as
// it would go on the wire. Bad input: a message on stderr, nothing on stdout, exit code 2.
// `args` are the arguments after the word "sign".
int runSignCommand(const QStringList& args);
