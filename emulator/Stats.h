// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>

#include <boost/json/object.hpp>

namespace emulator {

// Call counters for /_emulator/state: per action, how many arrived and how
// each ended, plus a bounded log of (wall ms, action) so a benchmark can
// compute calls per poll round. Owned by ApiHandler; server thread only.
class Stats
{
public:
	static constexpr std::size_t callLogLimit = 100'000;

	// Every request that named an action, before anything else happens.
	void received(const std::string &action, std::int64_t wallMs);
	// One outcome per request: "ok", "replayed", "gateway_error",
	// "business_error", or "fault_<kind>".
	void outcome(const std::string &action, const std::string &outcome);
	void describeIds(std::size_t count);

	boost::json::object toJson() const;

private:
	struct ActionCounts {
		std::int64_t received = 0;
		std::map<std::string, std::int64_t> outcomes;
	};
	std::map<std::string, ActionCounts> actions_;
	std::deque<std::pair<std::int64_t, std::string>> callLog_;
	std::int64_t callLogDropped_ = 0;
	std::int64_t describeCalls_ = 0;
	std::int64_t describeIdsSum_ = 0;
	std::int64_t describeIdsMax_ = 0;
};

} // namespace emulator
