// SPDX-License-Identifier: Apache-2.0
#include "daemon/CronScheduler.h"

#include <algorithm>

#include "config/CronSchedule.h"
#include "daemon/os/Clock.h"

namespace restored {

CronScheduler::CronScheduler(os::Clock &clock, Due due) : clock_(clock), due_(std::move(due)) {}

CronScheduler::~CronScheduler() = default;

void CronScheduler::scheduleNext(const std::string &jobId, const std::string &cron, TimePoint after)
{
	auto parsed = config::CronSchedule::parse(cron);
	auto *schedule = std::get_if<config::CronSchedule>(&parsed);
	if (!schedule)
		return; // validated when the file was read
	if (auto next = schedule->next(std::max(now(), after)))
		arm(jobId, *next);
}

void CronScheduler::arm(const std::string &jobId, TimePoint at)
{
	auto &alarm = alarms_[jobId];
	if (!alarm)
		alarm = clock_.makeAlarm();
	// Rounded up: a run due at 03:00 must not start at 02:59:59.999.
	alarm->after(std::chrono::ceil<std::chrono::milliseconds>(at - now()), [this, jobId, at]() {
		// The alarm runs on the steady clock, the schedule on the wall
		// clock; if the wall clock is still short of the cron time, wait
		// for the rest.
		if (now() < at)
			return arm(jobId, at);
		alarms_.erase(jobId); // an Alarm's callback may destroy it
		due_(jobId, at);
	});
}

CronScheduler::TimePoint CronScheduler::now() const { return TimePoint(std::chrono::milliseconds(clock_.wallMs())); }

} // namespace restored
