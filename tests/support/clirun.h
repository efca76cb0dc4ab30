#pragma once

// botterm-cli run as its own process (the test's CMake defines BOTTERM_CLI) while the test's event loop
// keeps running, so a loopback venue in the test process goes on answering it.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <utility>

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

// botterm-cli `command args… --base-url baseUrl` against a loopback venue, with its key pair in the
// BOTTERM_<VENUE>_KEY and _SECRET (and _PASSPHRASE) variables of an isolated environment under home:
// the exit code and the output. The venue goes on answering from the test's event loop meanwhile.
class VenueCli
{
public:
    VenueCli(const QTemporaryDir& home, QString venue, QString key, QByteArray secret, QUrl baseUrl,
             QByteArray passphrase = {})
        : m_home(home)
        , m_prefix(QStringLiteral("BOTTERM_") + venue + QLatin1Char('_'))
        , m_key(std::move(key))
        , m_secret(std::move(secret))
        , m_baseUrl(std::move(baseUrl))
        , m_passphrase(std::move(passphrase))
    {}

    std::pair<int, QByteArray> operator()(const QStringList& args,
                                          const QString& command = QStringLiteral("order")) const
    {
        QProcessEnvironment env = isolatedCliEnvironment(m_home);
        env.insert(m_prefix + QStringLiteral("KEY"), m_key);
        env.insert(m_prefix + QStringLiteral("SECRET"), QString::fromLatin1(m_secret));
        if (!m_passphrase.isEmpty())
            env.insert(m_prefix + QStringLiteral("PASSPHRASE"), QString::fromLatin1(m_passphrase));
        const CliRun run = runCli(QStringList{command} + args +
                                      QStringList{QStringLiteral("--base-url"), m_baseUrl.toString()},
                                  env);
        return {run.exitCode, run.both()};
    }

private:
    const QTemporaryDir& m_home;
    QString m_prefix;
    QString m_key;
    QByteArray m_secret;
    QUrl m_baseUrl;
    QByteArray m_passphrase;
};

// `botterm-cli stream --exchange … --channels book --depth 2` against a loopback venue's public stream
// and REST, read until it prints a live book line or timeoutMs passes; the process is then stopped.
// Returns whether the live line came, and everything it printed by then.
inline std::pair<bool, QByteArray> streamUntilLiveBook(const QString& exchange, const QString& category,
                                                       const QString& symbol, const QUrl& wsUrl,
                                                       const QUrl& restUrl, int timeoutMs = 15'000)
{
    QProcess process;
    process.start(QStringLiteral(BOTTERM_CLI),
                  {QStringLiteral("stream"), QStringLiteral("--exchange"), exchange,
                   QStringLiteral("--category"), category, QStringLiteral("--symbols"), symbol,
                   QStringLiteral("--channels"), QStringLiteral("book"), QStringLiteral("--depth"),
                   QStringLiteral("2"), QStringLiteral("--ws-url"), wsUrl.toString(),
                   QStringLiteral("--rest-url"), restUrl.toString()});
    QByteArray out;
    const bool live = QTest::qWaitFor(
        [&] {
            out += process.readAllStandardOutput();
            return out.contains(R"("type":"book")") && out.contains(R"("state":"live")");
        },
        timeoutMs);
    process.kill();
    process.waitForFinished();
    return {live, out};
}
