// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

namespace config {
class YamlMap;
}

namespace emulator {

// What a second StartRestoreTask on an already started task gets (when its
// ClientToken is not a replay). The service's answer is undocumented.
enum class AlreadyStarted { InvalidStatus, InvalidJobId, InvalidParameterValid, QuietSuccess };

// The shape of the throttling answers the faults file asks for.
struct ThrottleShape {
	int httpStatus = 400;  // a fault rule's explicit http_status wins
	bool textBody = false; // text/plain "Code: Message" instead of the gateway JSON
	bool retryHint = true; // x-acs-retry-after and x-ratelimit-user-api when configured
};

// One reading of the points the DBS documentation leaves open (see the table
// in docs/emulator.md). Every default is the emulator's historical behaviour,
// so a fixture without "dialect:" plays exactly what it always did. A plain
// value, parsed once at start-up; the model and handler keep a copy.
struct Dialect {
	std::string successStatus = "finish";
	bool finishTimeWhileRunning = false; // seed 002's sample response
	bool checkPassPhase = false;         // "check_pass" for the first 5 % of a run
	AlreadyStarted alreadyStarted = AlreadyStarted::InvalidStatus;
	std::optional<std::int64_t> tokenTtlMs; // nullopt: ClientTokens never expire
	int businessErrorStatus = 400;          // 400 | 403 | 200
	int pageBase = 0;                       // 0 | 1
	bool refuseUnknownIds = false;          // unknown_ids_in_list: refuse
	std::int64_t maxIdsPerList = 100;
	ThrottleShape throttle;
};

// Reads the fixture's "dialect:" mapping (absent: the defaults). Unknown
// keys and bad values are reported to the fixture's diagnostics.
Dialect readDialect(config::YamlMap &fixture);

std::string_view toString(AlreadyStarted a);
// The effective dialect as /_emulator/state shows it, in the fixture's own words.
boost::json::object dialectJson(const Dialect &d);

} // namespace emulator
