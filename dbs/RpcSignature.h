// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "dbs/PercentEncoding.h"

namespace dbs::rpc {

// RPC signature v1 (HMAC-SHA1, SignatureVersion=1.0), used by pop-core, the
// C++ SDK and the CLI. Pure functions: the client signs with them and the
// emulator verifies with them.

// The canonicalised query: every parameter except "Signature", encoded.
std::string canonicalQuery(const ParamMap &params);

// METHOD + "&%2F&" + percentEncode(canonicalQuery(params)).
std::string stringToSign(std::string_view method, const ParamMap &params);

// Base64(HMAC-SHA1(secret + "&", stringToSign(method, params))).
std::string sign(std::string_view method, const ParamMap &params, std::string_view accessKeySecret);

} // namespace dbs::rpc
