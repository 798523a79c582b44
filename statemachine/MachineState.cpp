// SPDX-License-Identifier: Apache-2.0
#include "statemachine/MachineState.h"

namespace statemachine {

std::string_view toString(MachineState s)
{
	switch (s) {
	case MachineState::Idle: return "idle";
	case MachineState::Calling: return "calling";
	case MachineState::WaitingRetry: return "waiting-retry";
	case MachineState::Polling: return "polling";
	case MachineState::Paused: return "paused";
	case MachineState::FetchingErrorDetail: return "fetching-error-detail";
	case MachineState::Verifying: return "verifying";
	case MachineState::Notifying: return "notifying";
	case MachineState::Succeeded: return "succeeded";
	case MachineState::Failed: return "failed";
	case MachineState::Cancelled: return "cancelled";
	}
	return "?";
}

} // namespace statemachine
