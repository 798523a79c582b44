// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace restored {

// Wakes scheduled jobs at their cron times: one timer per job, armed for
// its next cron time. Cron times are on the wall clock, the wait on the
// steady clock; a wake-up that comes before the cron time on the wall
// clock waits for the rest, so a run due at 03:00 never starts at
// 02:59:59.
//
// Owned by JobTable; used only on the daemon's io_context thread. `due`
// runs from the io_context, never inside scheduleNext(); the job's timer
// is disarmed by then, so `due` may schedule the next time.
class CronScheduler
{
public:
	using TimePoint = std::chrono::system_clock::time_point;
	using Due = std::function<void(const std::string &jobId, TimePoint at)>;

	CronScheduler(boost::asio::any_io_executor ex, Due due);
	~CronScheduler();

	// Arms jobId's timer for the first time of `cron` (a validated cron
	// expression) after both `after` and now, replacing an armed one.
	void scheduleNext(const std::string &jobId, const std::string &cron, TimePoint after = {});
	bool armed(const std::string &jobId) const { return timers_.count(jobId) > 0; }
	void cancel(const std::string &jobId) { timers_.erase(jobId); }
	void clear() { timers_.clear(); }

private:
	void arm(const std::string &jobId, TimePoint at);

	boost::asio::any_io_executor ex_;
	Due due_;
	std::map<std::string, std::unique_ptr<boost::asio::steady_timer>> timers_;
};

} // namespace restored
