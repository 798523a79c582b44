// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/CronSchedule.h"

namespace restored {

// A scheduled job's next cron time and its schedule interval, for the
// metrics. Parsing an expression and walking its cron times costs
// microseconds, and a scrape asks for every scheduled job: with 10,000 jobs
// sharing a few schedules, each expression is parsed once and its next
// time recomputed only once it has passed.
//
// Owned by the daemon's MetricsSource; used only on its io_context thread.
// Pure apart from its memory: `now` is passed in.
class ScheduleCache
{
public:
	struct Times {
		std::int64_t nextMs = 0;     // the first cron time after now (epoch ms)
		std::int64_t intervalMs = 0; // the longest gap between consecutive cron times
	};

	// For an expression validated when its job file was read; nullopt if it
	// has no next time after all.
	std::optional<Times> times(const std::string &expression, std::chrono::system_clock::time_point now);
	// Forgets the expressions not asked for since the last sweep.
	void sweep();
	std::size_t size() const { return entries_.size(); }

	// The gaps measured: enough for a weekday schedule to show its weekend.
	static constexpr int gapsMeasured = 8;

private:
	struct Entry {
		config::CronSchedule schedule;
		std::int64_t intervalMs;
		std::int64_t nextMs;
		bool used;
	};
	std::map<std::string, Entry, std::less<>> entries_;
};

} // namespace restored
