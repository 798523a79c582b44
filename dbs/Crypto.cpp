// SPDX-License-Identifier: Apache-2.0
#include "dbs/Crypto.h"

#include <cassert>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "base/Hex.h"

namespace dbs::crypto {

namespace {

std::string hmac(const EVP_MD *md, std::string_view key, std::string_view data)
{
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	unsigned char *r = HMAC(md, key.data(), static_cast<int>(key.size()),
				reinterpret_cast<const unsigned char *>(data.data()), data.size(), out, &len);
	assert(r != nullptr);
	(void)r;
	return std::string(reinterpret_cast<char *>(out), len);
}

} // namespace

std::string hmacSha1(std::string_view key, std::string_view data) { return hmac(EVP_sha1(), key, data); }

std::string hmacSha256(std::string_view key, std::string_view data) { return hmac(EVP_sha256(), key, data); }

std::string base64(std::string_view raw)
{
	std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
	int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
				reinterpret_cast<const unsigned char *>(raw.data()), static_cast<int>(raw.size()));
	out.resize(static_cast<std::size_t>(n));
	return out;
}

} // namespace dbs::crypto

#include <openssl/rand.h>
#include <stdexcept>
#include <vector>

namespace dbs::crypto {

std::string randomHex(std::size_t n)
{
	std::vector<unsigned char> buf(n);
	if (RAND_bytes(buf.data(), static_cast<int>(n)) != 1)
		throw std::runtime_error("OpenSSL RAND_bytes failed");
	return base::hexLower(std::string_view(reinterpret_cast<const char *>(buf.data()), n));
}

} // namespace dbs::crypto
