// SPDX-License-Identifier: Apache-2.0
#include "daemon/TimerSlot.h"

namespace restored {

using statemachine::TimerKind;

TimerSlot slotFor(TimerKind kind)
{
	switch (kind) {
	case TimerKind::Retry: return TimerSlot::Retry;
	case TimerKind::Poll: return TimerSlot::Poll;
	case TimerKind::Deadline: return TimerSlot::Deadline;
	case TimerKind::Stall: return TimerSlot::Stall;
	}
	return TimerSlot::Retry; // not reached: every kind has its slot
}

std::optional<TimerKind> kindOf(TimerSlot slot)
{
	switch (slot) {
	case TimerSlot::Retry: return TimerKind::Retry;
	case TimerSlot::Poll: return TimerKind::Poll;
	case TimerSlot::Deadline: return TimerKind::Deadline;
	case TimerSlot::Stall: return TimerKind::Stall;
	case TimerSlot::Repoll: return std::nullopt;
	}
	return std::nullopt;
}

} // namespace restored
