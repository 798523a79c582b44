// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "daemon/os/Alarm.h"

namespace restored {

namespace os {
class Clock;
} // namespace os

// Wakes scheduled jobs at their cron times: one alarm per job, armed for
// its next cron time. Cron times are on the wall clock, the wait on the
// steady clock; a wake-up that comes before the cron time on the wall
// clock waits for the rest, so a run due at 03:00 never starts at
// 02:59:59.
//
// Owned by JobTable; used only on the daemon's io_context thread. `due`
// runs from the clock's executor, never inside scheduleNext(); the job's
// alarm is gone by then, so `due` may schedule the next time.
class CronScheduler
{
public:
	using TimePoint = std::chrono::system_clock::time_point;
	using Due = std::function<void(const std::string &jobId, TimePoint at)>;

	CronScheduler(os::Clock &clock, Due due);
	~CronScheduler();

	// Arms jobId's timer for the first time of `cron` (a validated cron
	// expression) after both `after` and now, replacing an armed one.
	void scheduleNext(const std::string &jobId, const std::string &cron, TimePoint after = {});
	bool armed(const std::string &jobId) const { return alarms_.count(jobId) > 0; }
	void cancel(const std::string &jobId) { alarms_.erase(jobId); }
	void clear() { alarms_.clear(); }

private:
	void arm(const std::string &jobId, TimePoint at);
	TimePoint now() const;

	os::Clock &clock_;
	Due due_;
	std::map<std::string, std::unique_ptr<os::Alarm>> alarms_;
};

} // namespace restored
