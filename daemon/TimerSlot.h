// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "statemachine/JobCommand.h"

namespace restored {

// The deadlines one Job keeps on its DeadlineTimer: the state machine's
// four timer kinds, and the daemon's own re-poll after a failed poll (a
// failed poll is the daemon's to retry; see statemachine::WantPoll). A type
// of its own, so that no slot's number depends on the order of TimerKind.
enum class TimerSlot : std::uint8_t { Retry, Poll, Deadline, Stall, Repoll };

inline constexpr std::size_t timerSlotCount = 5;

// Pure.
TimerSlot slotFor(statemachine::TimerKind kind);
// The machine's timer kind of a slot; none for Repoll, which is the daemon's.
std::optional<statemachine::TimerKind> kindOf(TimerSlot slot);

} // namespace restored
