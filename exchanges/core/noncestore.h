#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

// Nonces strictly increasing per API key, also across bursts, restarts and processes (the GUI and the
// CLI may share a key): each is max(now in ms, last + 1), and the last one is written to a small
// file before it is handed out. The file holds a hash of venue + key, never the key or the secret.
class NonceStore final
{
public:
    // <AppDataLocation>/nonces.json
    static QString defaultPath();
    explicit NonceStore(QString filePath = defaultPath());
    Q_DISABLE_COPY_MOVE(NonceStore)

    qint64 next(const QString& venue, const QString& apiKey,
                qint64 nowMs = QDateTime::currentMSecsSinceEpoch());
    qint64 last(const QString& venue, const QString& apiKey) const; // 0 if none yet

    QString filePath() const { return m_path; }
    // The file's key for an API key: hex SHA-256 of "venue\nkey", truncated.
    static QByteArray keyId(const QString& venue, const QString& apiKey);

private:
    void readFile(); // merges what another process wrote (keeps the larger value)
    bool writeFile() const;

    QString m_path;
    mutable QMutex m_mutex;
    QHash<QByteArray, qint64> m_last;
};
