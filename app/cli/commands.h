#pragma once

#include <QStringList>

// Each botterm-cli command takes the arguments after its name and returns the process exit code:
// 0 success, 1 runtime failure, 2 usage error.
int runStreamCommand(const QStringList& args);
int runReplayCommand(const QStringList& args);
int runKeysCommand(const QStringList& args);
int runFetchCommand(const QStringList& args);
int runDemoVenueCommand(const QStringList& args);
int runOrderCommand(const QStringList& args);

// Prints "botterm-cli COMMAND: message" and the command's usage to stderr; returns 2.
int usageError(const char* command, const QString& message, const char* usage);
