#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <algorithm>
#include <memory>

namespace {

struct PkeyDeleter
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BioDeleter
{
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// Supplies the PEM passphrase; never lets OpenSSL prompt on the terminal.
int passphraseCallback(char* buffer, int size, int /*rwflag*/, void* userData)
{
    const auto* passphrase = static_cast<const QByteArray*>(userData);
    if (passphrase == nullptr || passphrase->isEmpty() || passphrase->size() > size)
        return -1;
    std::copy(passphrase->cbegin(), passphrase->cend(), buffer);
    return int(passphrase->size());
}

Result<QByteArray, QString> digestSign(EVP_PKEY* key, const EVP_MD* digest, QByteArrayView message)
{
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digest, nullptr, key) != 1)
        return Result<QByteArray, QString>::failure(QStringLiteral("cannot initialise the signature"));
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(message.size())) != 1)
        return Result<QByteArray, QString>::failure(QStringLiteral("cannot size the signature"));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                       size_t(message.size())) != 1)
        return Result<QByteArray, QString>::failure(QStringLiteral("signing failed"));
    signature.resize(qsizetype(length));
    return signature;
}

} // namespace

namespace Crypto {

QByteArray hmacSha256(QByteArrayView key, QByteArrayView message)
{
    static const unsigned char empty = 0;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const void* keyData = key.isEmpty() ? static_cast<const void*>(&empty) : key.data();
    const auto* data = message.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(message.data());
    if (HMAC(EVP_sha256(), keyData, int(key.size()), data, size_t(message.size()), out, &length) == nullptr)
        return {};
    QByteArray mac(reinterpret_cast<const char*>(out), int(length));
    OPENSSL_cleanse(out, sizeof out);
    return mac;
}

QByteArray hmacSha256Hex(QByteArrayView key, QByteArrayView message)
{
    return hmacSha256(key, message).toHex();
}

QByteArray hmacSha256Base64(QByteArrayView key, QByteArrayView message)
{
    return hmacSha256(key, message).toBase64();
}

bool isPem(QByteArrayView secret)
{
    return secret.trimmed().startsWith("-----BEGIN ");
}

Result<QByteArray, QString> signWithPrivateKey(QByteArrayView pem, const QByteArray& passphrase,
                                               QByteArrayView message,
                                               std::initializer_list<KeyType> accepted)
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    if (!bio)
        return Result<QByteArray, QString>::failure(QStringLiteral("out of memory"));
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback,
                                        const_cast<QByteArray*>(&passphrase)));
    if (!key)
        return Result<QByteArray, QString>::failure(
            QStringLiteral("the secret is not a readable PEM private key (wrong passphrase?)"));
    const int id = EVP_PKEY_get_id(key.get());
    const auto isAccepted = [&](KeyType type) {
        return std::find(accepted.begin(), accepted.end(), type) != accepted.end();
    };
    if (id == EVP_PKEY_ED25519 && isAccepted(KeyType::Ed25519))
        return digestSign(key.get(), nullptr, message); // Ed25519 hashes internally
    if (id == EVP_PKEY_RSA && isAccepted(KeyType::Rsa))
        return digestSign(key.get(), EVP_sha256(), message); // PKCS#1 v1.5 is OpenSSL's RSA default
    return Result<QByteArray, QString>::failure(QStringLiteral("this venue does not accept this key type"));
}

Result<QByteArray, QString> ed25519SignWithSeed(QByteArrayView seed, QByteArrayView message)
{
    if (seed.size() != 32)
        return Result<QByteArray, QString>::failure(QStringLiteral("an Ed25519 seed has 32 bytes"));
    PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                             reinterpret_cast<const unsigned char*>(seed.data()), 32));
    if (!key)
        return Result<QByteArray, QString>::failure(QStringLiteral("cannot load the Ed25519 seed"));
    return digestSign(key.get(), nullptr, message);
}

QByteArray percentEncode(QByteArrayView bytes)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                                u == '-' || u == '.' || u == '_' || u == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0x0F];
        }
    }
    return out;
}

void secureClear(QByteArray& bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace Crypto
