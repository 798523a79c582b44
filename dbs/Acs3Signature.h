// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "dbs/PercentEncoding.h"

namespace dbs::acs3 {

// ACS3-HMAC-SHA256, the default of current generated Alibaba Cloud SDKs.
// Pure functions shared by the client (to sign) and the emulator (to verify).

struct SignedRequest {
	std::string method;                         // "GET" or "POST"
	std::string canonicalUri = "/";             // "/" for RPC-style APIs
	ParamMap query;                             // business parameters
	std::map<std::string, std::string> headers; // lower-case names
	std::string body;                           // raw body; hashed into x-acs-content-sha256
};

// Headers that take part in the signature: host, content-type and x-acs-*.
std::string signedHeaders(const SignedRequest &r);
std::string canonicalRequest(const SignedRequest &r);
std::string hashedCanonicalRequest(const SignedRequest &r); // lower-case hex SHA-256
std::string stringToSign(const SignedRequest &r);           // "ACS3-HMAC-SHA256\n" + hash
std::string signature(const SignedRequest &r, std::string_view accessKeySecret);
std::string authorization(const SignedRequest &r, std::string_view accessKeyId, std::string_view accessKeySecret);

} // namespace dbs::acs3
