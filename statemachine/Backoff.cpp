// SPDX-License-Identifier: Apache-2.0
#include "statemachine/Backoff.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace statemachine {

using std::chrono::milliseconds;

milliseconds Backoff::ceiling(int retry, base::ErrorClass errorClass) const
{
	assert(retry >= 0);
	const double cap = static_cast<double>(policy_.maxBackoff.count());
	double base = static_cast<double>(policy_.initialBackoff.count());
	if (errorClass == base::ErrorClass::Throttled)
		base *= policy_.throttleFactor;
	// Computed in double so that a large retry number saturates at the cap
	// instead of overflowing an integer shift.
	const double exp = base * std::ldexp(1.0, std::min(retry, 1000));
	return milliseconds(static_cast<milliseconds::rep>(std::max(0.0, std::min(cap, exp))));
}

milliseconds Backoff::delay(int retry, base::ErrorClass errorClass, std::optional<milliseconds> retryAfter,
			    RandomSource &random) const
{
	const milliseconds top = ceiling(retry, errorClass);
	milliseconds d = top;
	if (policy_.jitter == config::RetryPolicy::Jitter::Full) {
		const double u = random.uniform01();
		d = milliseconds(static_cast<milliseconds::rep>(std::floor(u * static_cast<double>(top.count()))));
	}
	if (retryAfter)
		d = std::max(d, std::min(*retryAfter, policy_.maxBackoff));
	return d;
}

} // namespace statemachine
