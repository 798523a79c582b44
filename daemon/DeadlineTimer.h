// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "daemon/TimerSlot.h"
#include "daemon/os/Alarm.h"
#include "daemon/os/Clock.h"

namespace restored {

// A few named deadlines (TimerSlot) on one Alarm: a Job's Retry,
// Poll, Deadline and Stall (statemachine::TimerKind) and its re-poll after
// a failed poll.
// At 10,000 jobs, five asio timers per job were a measurable share of the
// daemon's memory (bench/RESULTS.md).
//
// Deadlines are wall-clock epoch ms (what the state machine computes); the
// wait itself is on the clock's steady time, re-measured at each arm.
//
// Owned by one Job; used only on the daemon's io_context thread. `due` runs
// from the clock's executor, never inside set() or cancel(), earliest
// deadline first; it may set new deadlines, or destroy the owner of this
// object.
class DeadlineTimer
{
public:
	using Due = std::function<void(TimerSlot slot)>;

	DeadlineTimer(os::Clock &clock, Due due);
	~DeadlineTimer();
	DeadlineTimer(const DeadlineTimer &) = delete;
	DeadlineTimer &operator=(const DeadlineTimer &) = delete;

	// Replaces the slot's deadline.
	void set(TimerSlot slot, std::int64_t atMs);
	void cancel(TimerSlot slot);
	void cancelAll();

private:
	void rearm();
	void onTimer();

	os::Clock &clock_;
	Due due_;
	std::array<std::optional<std::int64_t>, timerSlotCount> at_;
	std::optional<std::int64_t> waitingFor_; // what alarm_ waits for now
	std::unique_ptr<os::Alarm> alarm_;
	// Tells onTimer() that a handler destroyed this object.
	std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace restored
