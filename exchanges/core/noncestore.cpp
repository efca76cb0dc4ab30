#include "noncestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSaveFile>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcNonce, "botterm.nonce", QtWarningMsg)

QString NonceStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/nonces.json");
}

NonceStore::NonceStore(QString filePath)
    : m_path(std::move(filePath))
{
    readFile();
}

QByteArray NonceStore::keyId(const QString& venue, const QString& apiKey)
{
    const QByteArray text = venue.toUtf8() + '\n' + apiKey.toUtf8();
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex().left(32);
}

void NonceStore::readFile()
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const qint64 value = it.value().toString().toLongLong();
        qint64& last = m_last[it.key().toLatin1()];
        last = std::max(last, value);
    }
}

bool NonceStore::writeFile() const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QJsonObject object;
    for (auto it = m_last.constBegin(); it != m_last.constEnd(); ++it)
        object.insert(QString::fromLatin1(it.key()), QString::number(it.value())); // strings: exact int64
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    return file.commit();
}

qint64 NonceStore::next(const QString& venue, const QString& apiKey, qint64 nowMs)
{
    QMutexLocker locker(&m_mutex);
    const QByteArray id = keyId(venue, apiKey);
    // Another process may hand out nonces for the same key: read-modify-write under a file lock.
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.setStaleLockTime(10'000);
    const bool locked = lock.tryLock(2'000);
    if (locked)
        readFile();
    qint64& last = m_last[id];
    last = std::max(nowMs, last + 1);
    if (!writeFile())
        qCWarning(lcNonce) << "cannot write" << m_path << "- nonces stay increasing only in this process";
    return last;
}

qint64 NonceStore::last(const QString& venue, const QString& apiKey) const
{
    QMutexLocker locker(&m_mutex);
    return m_last.value(keyId(venue, apiKey), 0);
}
