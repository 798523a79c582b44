// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace base {

// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto, which is thread-safe for
// this use; any thread. Only the digest: nothing here opens a connection.

// The raw 32-byte digest.
std::string sha256(std::string_view data);
// The digest as 64 lower-case hex digits.
std::string sha256Hex(std::string_view data);

} // namespace base
