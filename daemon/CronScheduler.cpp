// SPDX-License-Identifier: Apache-2.0
#include "daemon/CronScheduler.h"

#include <algorithm>

#include "config/CronSchedule.h"

namespace restored {

CronScheduler::CronScheduler(boost::asio::any_io_executor ex, Due due) : ex_(std::move(ex)), due_(std::move(due)) {}

CronScheduler::~CronScheduler() = default;

void CronScheduler::scheduleNext(const std::string &jobId, const std::string &cron, TimePoint after)
{
	auto parsed = config::CronSchedule::parse(cron);
	auto *schedule = std::get_if<config::CronSchedule>(&parsed);
	if (!schedule)
		return; // validated when the file was read
	if (auto next = schedule->next(std::max(std::chrono::system_clock::now(), after)))
		arm(jobId, *next);
}

void CronScheduler::arm(const std::string &jobId, TimePoint at)
{
	auto &timer = timers_[jobId];
	if (!timer)
		timer = std::make_unique<boost::asio::steady_timer>(ex_);
	// Rounded up: a run due at 03:00 must not start at 02:59:59.999.
	timer->expires_after(std::chrono::ceil<std::chrono::milliseconds>(at - std::chrono::system_clock::now()));
	timer->async_wait([this, jobId, at](const boost::system::error_code &ec) {
		if (ec)
			return; // cancelled, replaced, or the scheduler is gone
		// The timer runs on the steady clock, the schedule on the wall
		// clock; if the wall clock is still short of the cron time, wait
		// for the rest.
		if (std::chrono::system_clock::now() < at)
			return arm(jobId, at);
		timers_.erase(jobId);
		due_(jobId, at);
	});
}

} // namespace restored
