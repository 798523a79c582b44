// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace statemachine {

// What the daemon can show about a job (`JobMachine::state()`).
enum class MachineState {
	Idle,                // constructed, not started or resumed yet
	Calling,             // a mutating call is due or in flight
	WaitingRetry,        // a call failed; the retry timer is armed
	Polling,             // watching the restore task or the new backup set
	Paused,              // Polling, and DBS reports the task paused
	FetchingErrorDetail, // the task failed; DescribeJobErrorCode is in flight
	Verifying,           // the steps succeeded; the verify hook runs
	Notifying,           // the outcome is decided; the notify hook runs
	Succeeded,
	Failed,
	Cancelled,
};

// "idle", "calling", ..., "fetching-error-detail", "verifying", "notifying", ...
std::string_view toString(MachineState s);

} // namespace statemachine
