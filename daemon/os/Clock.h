// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>

#include "daemon/os/Alarm.h"

namespace restored::os {

// Where the daemon core reads the time and waits for it: Job deadlines,
// poll coalescing, cron times. Injected, so the core's unit tests drive
// time by hand (tests/daemon/ManualClock.h) and never wait on the real
// clock. AsioClock is the daemon's.
//
// Owned by the Daemon (or a test), which outlives everything that holds
// it; used only on the thread of its executor.
class Clock
{
public:
	virtual ~Clock() = default;

	// Epoch ms: what the state machine computes deadlines in, and cron.
	virtual std::int64_t wallMs() const = 0;
	// Monotonic ms from an arbitrary origin, for spans that must not jump
	// with the wall clock.
	virtual std::int64_t steadyMs() const = 0;
	virtual std::unique_ptr<Alarm> makeAlarm() = 0;
};

} // namespace restored::os
