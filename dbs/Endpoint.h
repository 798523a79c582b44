// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dbs {

// Where DbsClient sends requests. A plain value built once at startup by the
// daemon's config code; any thread may copy it.
struct Endpoint {
	bool tls = true;
	std::string host; // name or IP literal, IPv6 without brackets
	std::uint16_t port = 443;

	// The Host header value (and the signed `host`): the port only when it
	// is not the scheme's default, IPv6 in brackets.
	std::string hostHeader() const;
	std::string url() const;

	// The official SDK's endpoint for a region: https://dbs-api.cn-hangzhou.
	// aliyuncs.com for the regions it serves from Hangzhou (cn-qingdao,
	// cn-beijing, cn-shanghai, ...; list in Endpoint.cpp), otherwise
	// https://dbs-api.<region>.aliyuncs.com.
	static Endpoint forRegion(std::string_view region);

	// Parses an explicitly configured `https://host[:port]` or
	// `http://host[:port]` (an optional trailing '/' is allowed; no path,
	// query, fragment or userinfo). Plain http is accepted only for a
	// loopback host (127.0.0.0/8, ::1, localhost), i.e. the emulator: a
	// signed request with an STS token must never cross a network in clear.
	// Throws std::invalid_argument saying what was expected.
	static Endpoint parse(std::string_view url);

	static bool isLoopbackHost(std::string_view host);
};

} // namespace dbs
