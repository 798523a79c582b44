// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>

namespace config {

// How one step retries a failed API call. Counted per step.
struct RetryPolicy {
	enum class Jitter { Full, None };
	int maxAttempts = 8;
	std::chrono::milliseconds initialBackoff{std::chrono::seconds(1)};
	std::chrono::milliseconds maxBackoff{std::chrono::seconds(120)};
	// Throttling errors start from initialBackoff * throttleFactor.
	double throttleFactor = 4.0;
	Jitter jitter = Jitter::Full;
};

} // namespace config
