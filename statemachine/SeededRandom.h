// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <random>

#include "statemachine/RandomSource.h"

namespace statemachine {

// A RandomSource over std::mt19937_64. Tests seed it with a constant; the
// daemon seeds it once from std::random_device at startup. Owned by whoever
// created it; not thread-safe (one strand).
class SeededRandom final : public RandomSource
{
public:
	explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
	std::uint64_t next64() override { return engine_(); }

private:
	std::mt19937_64 engine_;
};

} // namespace statemachine
