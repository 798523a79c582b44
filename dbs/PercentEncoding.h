// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace dbs {

// Request parameters, sorted by byte order of the name, which is exactly the
// order both signature schemes canonicalise in.
using ParamMap = std::map<std::string, std::string>;

// Alibaba Cloud's percent-encoding (RFC 3986): A-Z a-z 0-9 - _ . ~ stay,
// every other byte becomes %XY in upper-case hex; a space is %20, never '+'.
std::string percentEncode(std::string_view s);

// Decodes %XY escapes. With plusIsSpace (form bodies) '+' becomes ' '.
// Malformed escapes are kept literally, as servers do.
std::string percentDecode(std::string_view s, bool plusIsSpace);

// "k=v&k=v" in map order, both sides percent-encoded; empty values stay "k=".
std::string encodeParams(const ParamMap &params);

// Parses "k=v&k=v" (a query string or an x-www-form-urlencoded body).
ParamMap decodeParams(std::string_view s, bool plusIsSpace);

} // namespace dbs
