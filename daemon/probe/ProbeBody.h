// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "daemon/probe/ProbeExchange.h"

namespace restored::probe {

// What one answer looked like, independent of the typed parser: the probe
// reports shapes the daemon's parser would hide (a field present but 0, a
// text body, Success:false on HTTP 200). Pure; a plain value.
struct BodyView {
	bool json = false;           // the body is a JSON object
	boost::json::object object;  // when json
	std::optional<bool> success; // `Success`, when present
	std::string codeField;       // "ErrCode" or "Code" (whichever carries a code), else ""
	std::string code;
	std::string message; // ErrMessage or Message

	// "json {ErrCode, ErrMessage, ...}" (top-level keys, sorted) or "text".
	std::string shape() const;
};

BodyView readBody(const dbs::HttpResponse &r);

// How an exchange ended, as far as the probe's findings care.
enum class Answer {
	Ok,            // 2xx and not Success:false
	BusinessError, // the service said no: ErrCode with Success:false, at any HTTP status
	Throttled,     // Throttling* code (JSON or text) or HTTP 429
	Refused,       // any other gateway error (signature, key, parameters)
	ServerError,   // 5xx without a throttling code
	NoAnswer,      // transport failure, or not sent (call budget spent)
};

Answer classify(const Exchange &e);

// Why a call gave no usable answer, for an "undetermined (...)" reading:
// "throttled (HTTP 429)", "no answer (Transport.Timeout)", ...
std::string whyNoReading(const Exchange &e);

// Items.RestoreTaskDetail[] of a DescribeRestoreTaskList answer (objects
// only); empty when absent.
std::vector<boost::json::object> restoreItems(const BodyView &b);

// A string member, or "" when absent or not a string.
std::string stringField(const boost::json::object &o, const char *name);
// An integer member (JSON number or decimal string, as the SDKs accept), or nullopt.
std::optional<std::int64_t> numberField(const boost::json::object &o, const char *name);

} // namespace restored::probe
