// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dbs::crypto {

// Thin, pure wrappers over OpenSSL 3 so that the two signature schemes do
// not each carry their own OpenSSL boilerplate. Thread-safe: no state.
// SHA-256 and hex are base/Sha256.h and base/Hex.h: the job-spec hash and
// ClientTokens need them without the HTTP client.

std::string hmacSha1(std::string_view key, std::string_view data);   // raw 20 bytes
std::string hmacSha256(std::string_view key, std::string_view data); // raw 32 bytes
std::string base64(std::string_view raw);                            // standard alphabet, padded

} // namespace dbs::crypto

namespace dbs::crypto {

// n random bytes from OpenSSL's CSPRNG as lower-case hex (nonces).
std::string randomHex(std::size_t n);

} // namespace dbs::crypto
