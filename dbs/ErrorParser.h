// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "base/ApiError.h"
#include "dbs/HttpMessage.h"

namespace dbs {

// Turns what the gateway or DBS said "no" with into an ApiError. Pure;
// called by ResponseParser on whatever thread parses the response.
class ErrorParser
{
public:
	// A non-2xx response. Reads the gateway shape {RequestId, HostId, Code,
	// Message, Recommend} and falls back to the DBS shape {ErrCode,
	// ErrMessage}; a body that is not JSON still gives a classified error:
	// code "Throttling" when the text names throttling, else "HttpError"
	// (classified by status, so a 502 from a proxy is retried and a 429 is
	// Throttled).
	static base::ApiError fromHttpError(const HttpResponse &r);

	// A 2xx body that says Success=false (or carries only a gateway Code).
	static base::ApiError fromFailedBody(const HttpResponse &r, const boost::json::object &body);

	// A 2xx body we could not read: class Transient (see classifyError).
	static base::ApiError malformed(const HttpResponse &r, std::string code, std::string message,
					std::string requestId);

	// Server push-back: x-acs-retry-after (ms) wins, then Retry-After
	// (seconds, or an HTTP-date taken relative to the response's Date),
	// otherwise the larger TimeLeft:<ms> of x-ratelimit-user-api and
	// x-ratelimit-user (comma-separated Key:Value pairs, dbs-api.md §4.1).
	// Every hint is optional; malformed values are ignored.
	static std::optional<std::chrono::milliseconds> retryAfter(const std::map<std::string, std::string> &headers);
};

} // namespace dbs
