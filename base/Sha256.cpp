// SPDX-License-Identifier: Apache-2.0
#include "base/Sha256.h"

#include <cassert>

#include <openssl/evp.h>

#include "base/Hex.h"

namespace base {

std::string sha256(std::string_view data)
{
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	int rc = EVP_Digest(data.data(), data.size(), out, &len, EVP_sha256(), nullptr);
	// Only fails on allocation failure or a broken OpenSSL install.
	assert(rc == 1);
	(void)rc;
	return std::string(reinterpret_cast<char *>(out), len);
}

std::string sha256Hex(std::string_view data) { return hexLower(sha256(data)); }

} // namespace base
