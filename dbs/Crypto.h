// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dbs::crypto {

// Thin, pure wrappers over OpenSSL 3 EVP so that the two signature schemes
// do not each carry their own OpenSSL boilerplate. Thread-safe: no state.

std::string sha256(std::string_view data);                              // raw 32 bytes
std::string hmacSha1(std::string_view key, std::string_view data);      // raw 20 bytes
std::string hmacSha256(std::string_view key, std::string_view data);    // raw 32 bytes
std::string base64(std::string_view raw);                               // standard alphabet, padded
std::string hexLower(std::string_view raw);

} // namespace dbs::crypto

namespace dbs::crypto {

// n random bytes from OpenSSL's CSPRNG as lower-case hex (nonces).
std::string randomHex(std::size_t n);

} // namespace dbs::crypto
