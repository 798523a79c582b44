// SPDX-License-Identifier: Apache-2.0
#pragma once

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
