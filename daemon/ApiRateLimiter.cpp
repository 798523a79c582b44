// SPDX-License-Identifier: Apache-2.0
#include "daemon/ApiRateLimiter.h"

#include <utility>

namespace restored {

ApiRateLimiter::ApiRateLimiter(boost::asio::any_io_executor ex, double ratePerSecond, double burst)
	: bucket_(ratePerSecond, burst, TokenBucket::Clock::now()), timer_(std::move(ex))
{
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
	timer_.cancel();
	armed_ = false;
}

void ApiRateLimiter::setRate(double ratePerSecond, double burst)
{
	bucket_ = TokenBucket(ratePerSecond, burst, TokenBucket::Clock::now());
	// The pending wait was computed from the old rate.
	if (armed_) {
		timer_.cancel();
		arm();
	}
}

void ApiRateLimiter::arm()
{
	armed_ = true;
	timer_.expires_at(bucket_.nextAvailable(TokenBucket::Clock::now()));
	timer_.async_wait([this](boost::system::error_code ec) {
		// Aborted means cleared or destroyed: `this` may be gone.
		if (ec)
			return;
		armed_ = false;
		drain();
	});
}

void ApiRateLimiter::drain()
{
	while (!queue_.empty() && bucket_.tryTake(TokenBucket::Clock::now())) {
		Send send = std::move(queue_.front());
		queue_.pop_front();
		send();
	}
	if (!queue_.empty() && !armed_)
		arm();
}

} // namespace restored
