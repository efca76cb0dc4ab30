#pragma once

// botterm-cli run as its own process (the test's CMake defines BOTTERM_CLI) while the test's event loop
// keeps running, so a loopback venue in the test process goes on answering it.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

struct CliRun
{
    int exitCode = -1; // -1: it crashed or did not finish in time
    QByteArray out;
    QByteArray err;

    QByteArray both() const { return out + err; }
};

// The test's environment without any BOTTERM_* variable, with settings and data under `home`, so the
// user's own accounts and keys are never read.
inline QProcessEnvironment isolatedCliEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : env.keys()) {
        if (name.startsWith(QLatin1String("BOTTERM_")))
            env.remove(name);
    }
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    return env;
}

// environment: empty inherits the test's; input is written to its stdin, which is then closed.
inline CliRun runCli(const QStringList& args, const QProcessEnvironment& environment = {},
                     const QByteArray& input = {}, int timeoutMs = 30'000)
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BOTTERM_CLI), args);
    CliRun result;
    if (!process.waitForStarted(timeoutMs))
        return result;
    process.write(input);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
