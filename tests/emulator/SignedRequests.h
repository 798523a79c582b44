// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "dbs/PercentEncoding.h"
#include "emulator/HttpMessage.h"

namespace emutest {

// The three request shapes real clients send.
enum class Style { V1Get, V1Post, V3 };
std::string toString(Style s);

struct Signer {
	std::string keyId = "LTAI5tDemoAccessKey01";
	std::string secret = "demo-secret-not-for-production";
	std::optional<std::string> securityToken;
};

struct CallOptions {
	std::string version = "2019-03-06";
	std::string nonce;                       // generated from a counter when empty
	std::optional<std::int64_t> timestampMs; // defaults to the wall time passed
	std::string host = "127.0.0.1";
};

// "yyyy-MM-ddTHH:mm:ssZ" for epoch ms.
std::string isoUtc(std::int64_t ms);

// A request signed with the project's dbs signing functions, exactly as
// pop-core (V1 GET/POST) or openapi-client (V3) would shape it.
emulator::HttpRequest signedRequest(Style style, const std::string &action, const dbs::ParamMap &business,
				    const Signer &signer, std::int64_t wallMs, CallOptions options = {});

// Raw HTTP/1.1 bytes of a request (with Content-Length and Connection: close).
std::string toWire(const emulator::HttpRequest &r);

boost::json::value parseJson(const std::string &body);

} // namespace emutest
