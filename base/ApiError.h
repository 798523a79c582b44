// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace base {

// How the daemon must react to a failed call. The classes come from what
// the Alibaba Cloud gateway and DBS return; see docs/api-client.md.
enum class ErrorClass {
	Transient, // network failure, timeout, HTTP 5xx, ServiceUnavailable, InternalError: retry with backoff
	Throttled, // Throttling* codes (any status), HTTP 429: retry, backing off further
	Clock,     // InvalidTimeStamp.Expired: our clock is off; retry later, loudly
	Permanent, // auth, signature, IdempotentParameterMismatch, bad parameters: never retry
	Business,  // HTTP 200 with Success=false and an ErrCode: the service said no
};

std::string_view toString(ErrorClass c);

// A failed API call, as the daemon sees it. A plain value: copy it freely,
// from any thread. It never contains request parameters or credentials,
// only what the server (or our transport) said, so it is always safe to log.
struct ApiError {
	ErrorClass errorClass = ErrorClass::Transient;
	std::string code;      // Code/ErrCode from the body, or a local "Transport.*" code
	std::string message;   // Message/ErrMessage from the body, or the transport's reason
	std::string requestId; // RequestId when the server sent one
	int httpStatus = 0;    // 0 when no HTTP response arrived
	// Server push-back (x-acs-retry-after, x-ratelimit-* TimeLeft), when present.
	std::optional<std::chrono::milliseconds> retryAfter;

	// Errors decided on this side, with no server response behind them
	// (transport failures, invalid requests, the daemon's own "Local.*"
	// codes). The one way to make such an error, so that none carries a
	// stale status or request id by accident.
	static ApiError local(ErrorClass errorClass, std::string code, std::string message);
	// Worth another attempt: the network, a timeout, a state write.
	static ApiError transient(std::string code, std::string message);
	// Will not fix itself: a bad request, a certificate we do not trust.
	static ApiError permanent(std::string code, std::string message);

	bool retryable() const
	{
		return errorClass == ErrorClass::Transient || errorClass == ErrorClass::Throttled ||
		       errorClass == ErrorClass::Clock;
	}
};

// Classifies a server error code together with the HTTP status it came with.
// Pure; unit-tested in tests/dbs.
ErrorClass classifyError(std::string_view code, int httpStatus, bool successFalseOn200);

} // namespace base
