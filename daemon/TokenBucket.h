// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>

namespace restored {

// Classic token bucket: `burst` tokens at most, refilled at `ratePerSecond`.
// Pure: the caller passes the time, so tests drive it with a fake clock.
// Owned by ApiRateLimiter (or a test); not thread-safe, one caller at a time.
class TokenBucket
{
public:
	using Clock = std::chrono::steady_clock;

	// ratePerSecond > 0 and burst >= 1 (asserted). Starts full at `start`.
	TokenBucket(double ratePerSecond, double burst, Clock::time_point start);

	// Takes one token if one is available at `now`.
	bool tryTake(Clock::time_point now);
	// The earliest time at which tryTake will succeed; `now` when it would now.
	Clock::time_point nextAvailable(Clock::time_point now);
	// Tokens available at `now` (fractional).
	double tokens(Clock::time_point now);

private:
	void refill(Clock::time_point now);

	double rate_;
	double burst_;
	double tokens_;
	Clock::time_point last_;
};

} // namespace restored
