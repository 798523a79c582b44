// SPDX-License-Identifier: Apache-2.0
#include "daemon/ScheduleCache.h"

#include <algorithm>
#include <stdexcept>

namespace restored {

namespace {

using Clock = std::chrono::system_clock;

std::int64_t epochMs(Clock::time_point t)
{
	return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

} // namespace

std::optional<ScheduleCache::Times> ScheduleCache::times(const std::string &expression, Clock::time_point now)
{
	auto it = entries_.find(expression);
	if (it == entries_.end()) {
		std::optional<config::CronSchedule> schedule;
		try {
			schedule = config::CronSchedule::fromValidated(expression);
		} catch (const std::invalid_argument &) {
			return std::nullopt;
		}
		auto first = schedule->next(now);
		if (!first)
			return std::nullopt;
		std::int64_t interval = 0;
		auto at = *first;
		for (int i = 0; i < gapsMeasured; ++i) {
			auto next = schedule->next(at);
			if (!next)
				break;
			interval = std::max(interval, epochMs(*next) - epochMs(at));
			at = *next;
		}
		it = entries_.emplace(expression, Entry{*schedule, interval, epochMs(*first), false}).first;
	}
	Entry &e = it->second;
	e.used = true;
	if (e.nextMs <= epochMs(now)) {
		auto next = e.schedule.next(now);
		if (!next)
			return std::nullopt;
		e.nextMs = epochMs(*next);
	}
	return Times{e.nextMs, e.intervalMs};
}

void ScheduleCache::sweep()
{
	for (auto it = entries_.begin(); it != entries_.end();) {
		if (!it->second.used) {
			it = entries_.erase(it);
		} else {
			it->second.used = false;
			++it;
		}
	}
}

} // namespace restored
