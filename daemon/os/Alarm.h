// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>

namespace restored::os {

// One pending wake-up, made by a Clock. Setting it again replaces the
// pending one; cancelling or destroying it means its callback never runs,
// even when the wait had already ended and the call was queued.
//
// Owned by the object that waits; used only on the thread of its Clock's
// executor. `due` runs from that executor, never inside after(), and may
// destroy the Alarm.
class Alarm
{
public:
	using Due = std::function<void()>;

	virtual ~Alarm() = default;

	// Calls `due` once, `delay` from now on the clock's steady time.
	virtual void after(std::chrono::milliseconds delay, Due due) = 0;
	virtual void cancel() = 0;
};

} // namespace restored::os
