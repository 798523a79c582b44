// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "statemachine/RestoreStatus.h"

namespace statemachine {

// The machine's internal events: JobMachine makes them from the daemon's
// (JobEvents.h); the daemon never sees them.

// The run (fresh or loaded) enters the machine.
struct Begin {
	std::int64_t nowMs = 0;
	bool resumed = false;
};

// A restore or backup-set poll, already classified.
struct PollOutcome {
	std::int64_t nowMs = 0;
	RestoreVerdict verdict = RestoreVerdict::Unknown;
	std::string status;
	std::array<int, 4> progress{};
	std::string errMessage;
	std::string contradiction; // non-empty: the answer contradicts itself (RestoreStatus.h)
};

} // namespace statemachine
