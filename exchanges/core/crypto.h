#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <initializer_list>

// The cryptographic primitives every signer shares, over OpenSSL. No secret ever appears in an error
// message.
namespace Crypto {

QByteArray hmacSha256(QByteArrayView key, QByteArrayView message);
QByteArray hmacSha256Hex(QByteArrayView key, QByteArrayView message);    // lowercase hex
QByteArray hmacSha256Base64(QByteArrayView key, QByteArrayView message); // standard alphabet, padded

enum class KeyType : std::uint8_t
{
    Ed25519 = 1,
    Rsa = 2,
};

// True when the secret is a PEM block ("-----BEGIN …") rather than an HMAC secret.
bool isPem(QByteArrayView secret);

// Signs with a PEM private key (PKCS#8 or traditional, optionally encrypted with passphrase): Ed25519
// (pure, no pre-hash) or RSA PKCS#1 v1.5 over SHA-256. Only the key types in `accepted` are allowed.
Result<QByteArray, QString> signWithPrivateKey(QByteArrayView pem, const QByteArray& passphrase,
                                               QByteArrayView message,
                                               std::initializer_list<KeyType> accepted);
// Ed25519 with a raw 32-byte private key (the RFC 8032 seed).
Result<QByteArray, QString> ed25519SignWithSeed(QByteArrayView seed, QByteArrayView message);

// RFC 3986 percent-encoding: unreserved characters (A–Z a–z 0–9 - . _ ~) stay, every other byte becomes
// %XX with upper-case hex. QUrl keeps such text unchanged, so what is signed is what is sent.
QByteArray percentEncode(QByteArrayView bytes);

// Overwrites the bytes (when this QByteArray is their only owner) and empties it.
void secureClear(QByteArray& bytes);

} // namespace Crypto
