// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>

#include "emulator/FaultPlan.h"

namespace emulator {

// The fault chosen for one call, with the rule's parameters.
struct FaultDecision {
	FaultKind kind = FaultKind::Ok;
	std::optional<int> throttleHttpStatus; // the rule's explicit http_status
	std::optional<std::int64_t> retryAfterMs;
	std::int64_t delayMs = 0;
};

// Decides, call by call, which fault an action gets. Deterministic for a
// given plan and seed. Owned by ApiHandler; called on the server thread only.
class FaultInjector
{
public:
	FaultInjector(FaultPlan plan, std::uint64_t seed);

	// Counts one call of action and returns what to do with it.
	FaultDecision next(const std::string &action);

private:
	FaultPlan plan_;
	std::mt19937_64 rng_;
	std::map<std::string, std::uint64_t> calls_;
};

} // namespace emulator
