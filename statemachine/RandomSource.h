// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace statemachine {

// The only source of randomness the pure core sees (backoff jitter, run ids).
// Injected so that tests can pin exact sequences. Implementations are not
// required to be thread-safe: each owner (a job's machine, or a test) calls
// it from the one thread or strand that owns it.
class RandomSource
{
public:
	virtual ~RandomSource() = default;
	virtual std::uint64_t next64() = 0;

	// Uniform in [0, 1): the top 53 bits of next64(), so every value is exact.
	double uniform01() { return static_cast<double>(next64() >> 11) * 0x1.0p-53; }
};

} // namespace statemachine
