// SPDX-License-Identifier: Apache-2.0
#include "daemon/TokenBucket.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace restored {

namespace {
// Absorbs floating-point error so that waking at nextAvailable() always finds a token.
constexpr double epsilon = 1e-9;
} // namespace

TokenBucket::TokenBucket(double ratePerSecond, double burst, Clock::time_point start)
	: rate_(ratePerSecond), burst_(burst), tokens_(burst), last_(start)
{
	assert(ratePerSecond > 0);
	assert(burst >= 1);
}

void TokenBucket::refill(Clock::time_point now)
{
	// A clock that seems to go back (callers mixing time points) must not
	// drain tokens; just ignore the interval.
	if (now <= last_)
		return;
	std::chrono::duration<double> dt = now - last_;
	tokens_ = std::min(burst_, tokens_ + dt.count() * rate_);
	last_ = now;
}

bool TokenBucket::tryTake(Clock::time_point now)
{
	refill(now);
	if (tokens_ < 1.0 - epsilon)
		return false;
	tokens_ -= 1.0;
	return true;
}

TokenBucket::Clock::time_point TokenBucket::nextAvailable(Clock::time_point now)
{
	refill(now);
	if (tokens_ >= 1.0 - epsilon)
		return now;
	double seconds = (1.0 - tokens_) / rate_;
	// Round up so that waking at the returned time always finds a token.
	auto wait = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
	if (std::chrono::duration<double>(wait).count() < seconds)
		wait += Clock::duration(1);
	return std::max(now, last_) + wait;
}

double TokenBucket::tokens(Clock::time_point now)
{
	refill(now);
	return tokens_;
}

} // namespace restored
