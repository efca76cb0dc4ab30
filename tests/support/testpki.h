#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

// A throwaway PKI made fresh at test time with OpenSSL (EC P-256 keys, SHA-256 signatures), so no key
// material lives in the tree and nothing expires in the repository: a test CA, and server identities
// for 127.0.0.1 that are valid, expired, for the wrong host, or self-signed.
namespace testpki {

struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey key;

    bool isNull() const { return certificate.isNull() || key.isNull(); }
};

namespace detail {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

inline QByteArray readBio(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

inline bool addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        return false;
    const bool added = X509_add_ext(cert, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

struct CertificateSpec
{
    const char* commonName = "127.0.0.1";
    const char* subjectAltName = "IP:127.0.0.1,DNS:localhost"; // nullptr: none
    long notBeforeSeconds = -3600;                             // relative to now
    long notAfterSeconds = 24 * 3600;
    long serial = 1;
    bool isCa = false;
};

// Signs with issuerKey under issuerCert's name; a null issuer makes the certificate self-signed.
inline CertPtr makeCertificate(const CertificateSpec& spec, EVP_PKEY* key, X509* issuerCert,
                               EVP_PKEY* issuerKey)
{
    CertPtr cert(X509_new(), &X509_free);
    if (!cert)
        return cert;
    X509* self = cert.get();
    X509_set_version(self, 2); // v3
    ASN1_INTEGER_set(X509_get_serialNumber(self), spec.serial);
    X509_gmtime_adj(X509_getm_notBefore(self), spec.notBeforeSeconds);
    X509_gmtime_adj(X509_getm_notAfter(self), spec.notAfterSeconds);
    X509_set_pubkey(self, key);
    X509_NAME* name = X509_get_subject_name(self);
    const auto text = [](const char* value) { return reinterpret_cast<const unsigned char*>(value); };
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, text("botterm tests"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, text(spec.commonName), -1, -1, 0);
    X509* issuer = issuerCert ? issuerCert : self;
    X509_set_issuer_name(self, X509_get_subject_name(issuer));

    bool ok = addExtension(self, issuer, NID_subject_key_identifier, "hash");
    if (issuerCert)
        ok = ok && addExtension(self, issuer, NID_authority_key_identifier, "keyid:always");
    if (spec.isCa) {
        ok = ok && addExtension(self, issuer, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(self, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(self, issuer, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(self, issuer, NID_ext_key_usage, "serverAuth");
        // A self-signed leaf carries no key usage: without keyCertSign OpenSSL would not see it as
        // self-issued and would report a missing issuer instead of a self-signed certificate.
        if (issuerCert)
            ok = ok && addExtension(self, issuer, NID_key_usage, "critical,digitalSignature");
    }
    if (spec.subjectAltName)
        ok = ok && addExtension(self, issuer, NID_subject_alt_name, spec.subjectAltName);
    if (!ok || X509_sign(self, issuerKey ? issuerKey : key, EVP_sha256()) == 0)
        cert.reset();
    return cert;
}

inline QSslCertificate toQt(X509* cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!cert || !bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return QSslCertificate();
    return QSslCertificate(readBio(bio.get()), QSsl::Pem);
}

inline QSslKey toQt(EVP_PKEY* key)
{
    BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key || !bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return QSslKey(readBio(bio.get()), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

inline KeyPtr newKey()
{
    return KeyPtr(EVP_EC_gen("P-256"), &EVP_PKEY_free);
}

} // namespace detail

// A self-signed certificate for 127.0.0.1 (and localhost), signed by no CA.
inline TlsIdentity makeSelfSignedIdentity()
{
    detail::KeyPtr key = detail::newKey();
    if (!key)
        return TlsIdentity();
    const detail::CertPtr cert = detail::makeCertificate({}, key.get(), nullptr, nullptr);
    return {detail::toQt(cert.get()), detail::toQt(key.get())};
}

// A test certificate authority and the server identities it signs.
class TestCa
{
public:
    TestCa()
        : m_key(detail::newKey())
        , m_cert(nullptr, &X509_free)
    {
        if (!m_key)
            return;
        detail::CertificateSpec spec;
        spec.commonName = "botterm test CA";
        spec.subjectAltName = nullptr;
        spec.isCa = true;
        m_cert = detail::makeCertificate(spec, m_key.get(), nullptr, nullptr);
        m_certificate = detail::toQt(m_cert.get());
    }

    bool isNull() const { return m_certificate.isNull(); }
    QSslCertificate certificate() const { return m_certificate; }

    // Valid now, for IP 127.0.0.1 and DNS localhost.
    TlsIdentity localhostIdentity() { return issue({}); }
    // For 127.0.0.1, but its validity ended yesterday.
    TlsIdentity expiredIdentity()
    {
        detail::CertificateSpec spec;
        spec.notBeforeSeconds = -3 * 24 * 3600;
        spec.notAfterSeconds = -24 * 3600;
        return issue(spec);
    }
    // Valid now, but only for example.invalid.
    TlsIdentity wrongHostIdentity()
    {
        detail::CertificateSpec spec;
        spec.commonName = "example.invalid";
        spec.subjectAltName = "DNS:example.invalid";
        return issue(spec);
    }

    TlsIdentity issue(detail::CertificateSpec spec)
    {
        detail::KeyPtr key = detail::newKey();
        if (!key || !m_cert)
            return TlsIdentity();
        spec.serial = ++m_serial;
        const detail::CertPtr cert = detail::makeCertificate(spec, key.get(), m_cert.get(), m_key.get());
        return {detail::toQt(cert.get()), detail::toQt(key.get())};
    }

private:
    detail::KeyPtr m_key;
    detail::CertPtr m_cert;
    QSslCertificate m_certificate;
    long m_serial = 1;
};

} // namespace testpki
