// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emulator {

// One injected misbehaviour. "Ok" means: answer normally.
enum class FaultKind {
	Ok,
	Throttling,         // gateway Throttling
	ThrottlingUser,     // gateway Throttling.User
	ThrottlingApi,      // gateway Throttling.Api
	InternalError,      // 500 InternalError
	ServiceUnavailable, // 503 ServiceUnavailable
	Delay,              // real reply, sent after delay_ms
	Reset,              // part of the reply, then a TCP RST
	Truncated,          // complete HTTP message, JSON body cut in half
	Malformed,          // complete HTTP message, body not JSON
	Lost,               // side effect happens, connection closed with no reply
	// Hostile answers, as a broken or malicious server could send them: each
	// must end in a classified client error, never a crash or a hang.
	HugeBody,      // valid JSON padded to 16 MiB, over the client's body cap
	EndlessHeader, // a status line, then one header line that never ends
	Slowloris,     // the real reply, one byte per 100 ms
	BadChunked,    // "Transfer-Encoding: chunked" with a chunk size that is not hex
	JsonBomb,      // 100,000 nested '[' (nesting far over any parser's depth)
	OutOfRange,    // every number replaced by 18446744073709551616 (over int64)
};

std::string_view toString(FaultKind k);
std::optional<FaultKind> faultKindFromString(std::string_view s);

// What to do after a sequence has been used up.
enum class AfterSequence { Ok, Repeat };

// Faults for one action (or "*" for every action without its own rule).
struct FaultRule {
	std::vector<FaultKind> sequence; // exact per-call script, consumed in order
	AfterSequence after = AfterSequence::Ok;
	double probability = 0;                   // otherwise: chance per call of a fault from kinds
	std::vector<FaultKind> kinds;             // drawn uniformly when the probability hits
	std::optional<int> throttleHttpStatus;    // nullopt: the dialect's throttle status
	std::optional<std::int64_t> retryAfterMs; // x-acs-retry-after header on throttling
	std::int64_t delayMs = 30'000;
};

// The parsed --faults file. A plain value.
struct FaultPlan {
	std::map<std::string, FaultRule> rules; // by action name, "*" = default
};

// Throws config::ConfigException listing every problem of a bad file, each
// as "<file>:<line>:<column>: <what>; expected <what would do>".
FaultPlan parseFaultPlan(const std::string &text, const std::string &fileName);
FaultPlan loadFaultPlan(const std::string &path);

} // namespace emulator
