// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace httpd {

// One HTTP request as the pure handler sees it: no sockets, no Beast types.
// Shared by the emulator's API server and the daemon's metrics endpoint.
struct HttpRequest {
	std::string method;                         // "GET", "POST", ...
	std::string target;                         // "/?Action=...", origin form
	std::map<std::string, std::string> headers; // names lower-cased
	std::string body;
};

// How the socket layer must deliver a response. Everything that can be
// expressed in the bytes of a response (truncated or malformed bodies) is
// already applied by the handler; only what needs the socket is left here.
enum class Delivery {
	Normal,
	Delay,         // send after delayMs, on an asio timer
	Reset,         // send part of the bytes, then abort the connection (RST)
	Lost,          // send nothing, close the connection
	Raw,           // body holds the whole answer's bytes, sent as is, then close
	EndlessHeader, // a header line that never ends (until the client gives up)
	Slow,          // the answer one byte per delayMs
};

struct HttpResponse {
	int status = 200;
	std::vector<std::pair<std::string, std::string>> headers;
	std::string body;
	Delivery delivery = Delivery::Normal;
	std::int64_t delayMs = 0;
};

} // namespace httpd
