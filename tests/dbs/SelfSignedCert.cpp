// SPDX-License-Identifier: Apache-2.0
#include "SelfSignedCert.h"

#include <cstdio>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace dbstest {

namespace {

template<typename T, void (*F)(T *)>
struct Deleter {
	void operator()(T *p) const { F(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void check(bool ok, const char *what)
{
	if (!ok)
		throw std::runtime_error(std::string("self-signed cert: ") + what);
}

void writePem(const std::string &path, auto write)
{
	FILE *f = std::fopen(path.c_str(), "w");
	check(f != nullptr, "cannot open output file");
	bool ok = write(f) == 1;
	std::fclose(f);
	check(ok, "PEM write failed");
}

} // namespace

void writeSelfSignedCert(const std::string &certPath, const std::string &keyPath, const std::string &subjectAltName)
{
	KeyPtr key(EVP_EC_gen("P-256"));
	check(key != nullptr, "key generation failed");
	CertPtr cert(X509_new());
	check(cert != nullptr, "X509_new failed");
	X509_set_version(cert.get(), 2);
	ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
	X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
	X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
	X509_set_pubkey(cert.get(), key.get());
	X509_NAME *name = X509_get_subject_name(cert.get());
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
				   reinterpret_cast<const unsigned char *>("dbs-emulator test"), -1, -1, 0);
	X509_set_issuer_name(cert.get(), name);

	X509V3_CTX ctx;
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
	ExtPtr san(X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, subjectAltName.c_str()));
	check(san != nullptr, "bad subjectAltName");
	X509_add_ext(cert.get(), san.get(), -1);
	ExtPtr bc(X509V3_EXT_conf_nid(nullptr, &ctx, NID_basic_constraints, "critical,CA:TRUE"));
	check(bc != nullptr, "basic constraints");
	X509_add_ext(cert.get(), bc.get(), -1);
	check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signing failed");

	writePem(certPath, [&](FILE *f) { return PEM_write_X509(f, cert.get()); });
	writePem(keyPath,
		 [&](FILE *f) { return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
}

} // namespace dbstest
