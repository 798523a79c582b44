// SPDX-License-Identifier: Apache-2.0
#include "daemon/ApiRateLimiter.h"

#include <algorithm>
#include <utility>

#include "daemon/os/Clock.h"

namespace restored {

ApiRateLimiter::ApiRateLimiter(os::Clock &clock, double ratePerSecond, double burst)
	: clock_(clock), bucket_(ratePerSecond, burst, now()), alarm_(clock.makeAlarm())
{}

TokenBucket::Clock::time_point ApiRateLimiter::now() const
{
	return TokenBucket::Clock::time_point(std::chrono::milliseconds(clock_.steadyMs()));
}

void ApiRateLimiter::submit(Send send)
{
	queue_.push_back(std::move(send));
	if (!armed_)
		arm();
}

void ApiRateLimiter::clear()
{
	queue_.clear();
	alarm_->cancel();
	armed_ = false;
}

void ApiRateLimiter::setRate(double ratePerSecond, double burst)
{
	bucket_ = TokenBucket(ratePerSecond, burst, now());
	// The pending wait was computed from the old rate.
	if (armed_) {
		alarm_->cancel();
		arm();
	}
}

void ApiRateLimiter::arm()
{
	armed_ = true;
	// Rounded up to the clock's millisecond: a wait that ends early finds
	// no token and would only arm again.
	auto wait = std::chrono::ceil<std::chrono::milliseconds>(bucket_.nextAvailable(now()) - now());
	alarm_->after(std::max(wait, std::chrono::milliseconds(0)), [this]() {
		armed_ = false;
		drain();
	});
}

void ApiRateLimiter::drain()
{
	while (!queue_.empty() && bucket_.tryTake(now())) {
		Send send = std::move(queue_.front());
		queue_.pop_front();
		send();
	}
	if (!queue_.empty() && !armed_)
		arm();
}

} // namespace restored
