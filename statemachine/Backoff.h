// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>

#include "base/ApiError.h"
#include "config/RetryPolicy.h"
#include "statemachine/RandomSource.h"

namespace statemachine {

// Retry delay policy: capped exponential backoff with "full jitter"
// (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015):
//
//   ceiling(n) = min(maxBackoff, base * 2^n)          n = 0 for the first retry
//   delay(n)   = floor(u * ceiling(n)), u ~ U[0, 1)    (Jitter::None: ceiling(n))
//   base       = initialBackoff                        transient / clock errors
//              = initialBackoff * throttleFactor       throttled errors
//
// A server hint (ApiError::retryAfter) is a floor: delay = max(delay,
// min(hint, maxBackoff)). The hint is clamped to the cap because the cap is
// the operator's statement of the longest pause a job may take between two
// attempts; an unbounded hint from a misbehaving gateway could otherwise
// stall a job until its deadline. The next attempt may then still be
// throttled, which simply backs off again.
//
// Pure and immutable; any thread may call it. Randomness comes only from the
// RandomSource passed in.
class Backoff
{
public:
	explicit Backoff(config::RetryPolicy policy) : policy_(policy) {}

	// The upper bound for retry number `retry` (0-based) before jitter.
	std::chrono::milliseconds ceiling(int retry, base::ErrorClass errorClass) const;

	std::chrono::milliseconds delay(int retry, base::ErrorClass errorClass,
					std::optional<std::chrono::milliseconds> retryAfter,
					RandomSource &random) const;

	std::chrono::milliseconds delay(int retry, const base::ApiError &error, RandomSource &random) const
	{
		return delay(retry, error.errorClass, error.retryAfter, random);
	}

	const config::RetryPolicy &policy() const { return policy_; }

private:
	config::RetryPolicy policy_;
};

} // namespace statemachine
