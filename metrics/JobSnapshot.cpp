// SPDX-License-Identifier: Apache-2.0
#include "metrics/JobSnapshot.h"

namespace metrics {

std::string_view toString(JobPhase p)
{
	switch (p) {
	case JobPhase::Queued: return "queued";
	case JobPhase::Running: return "running";
	case JobPhase::Paused: return "paused";
	case JobPhase::Idle: return "idle";
	case JobPhase::Finished: return "finished";
	}
	return "?";
}

} // namespace metrics
