// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>

#include "daemon/TokenBucket.h"
#include "daemon/os/Alarm.h"

namespace restored {

namespace os {
class Clock;
} // namespace os

// Spaces out API calls so the daemon as a whole stays under the account's
// request quota, however many jobs are running. Sends wait in one FIFO
// queue and are started, in order, when the token bucket allows.
//
// Owned by the daemon; used only on its single io_context thread. A send is
// never started inside submit(): it always runs later from the clock's
// alarm, so a caller never sees its own callback re-enter it.
class ApiRateLimiter
{
public:
	using Send = std::function<void()>;

	ApiRateLimiter(os::Clock &clock, double ratePerSecond, double burst);

	void submit(Send send);
	// Sends not yet started (for the status line).
	std::size_t queueLength() const { return queue_.size(); }
	// Drops every queued send without running it (shutdown).
	void clear();
	// New limits after a configuration reload. Queued sends keep their
	// order; the bucket starts full, as at startup.
	void setRate(double ratePerSecond, double burst);

private:
	TokenBucket::Clock::time_point now() const;
	void arm();
	void drain();

	os::Clock &clock_;
	TokenBucket bucket_;
	std::deque<Send> queue_;
	std::unique_ptr<os::Alarm> alarm_;
	bool armed_ = false;
};

} // namespace restored
