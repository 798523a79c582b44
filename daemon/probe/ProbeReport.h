// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace restored::probe {

// Whether the daemon's current defaults fit what was seen.
enum class Fit { Yes, No, Unknown };

// One undocumented point of dbs-readings.md as the live service answered it.
struct Finding {
	std::string key;   // stable identifier, e.g. "pageBase" (docs/operations.md)
	std::string title; // "Page base"
	bool determined = false;
	std::string reading; // "0-based", or "undetermined (why)"
	boost::json::object details;
	std::string dependsOn; // the daemon behaviour that relies on this point
	Fit fit = Fit::Unknown;
	std::string fitNote; // "matches the default", ...
};

// The probe's whole report. A plain value built by ProbeSession, redacted
// in place by Redactor, printed by toText/toJson. Pure.
struct ProbeReport {
	std::string endpoint; // URL the probe sent to
	std::string accessKeyId;
	std::string plan; // backup plan probed ("" = none found)
	int callBudget = 0;
	int callsMade = 0;
	std::map<std::string, int> callsByAction;
	std::vector<Finding> findings;
	bool redacted = false;

	const Finding *find(const std::string &key) const;
};

inline constexpr const char *probeSchema = "dbs-restored-probe/1";

boost::json::object toJson(const ProbeReport &r);
std::string toText(const ProbeReport &r);
std::string_view toString(Fit f);

} // namespace restored::probe
