// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "statemachine/JobEvents.h"

namespace statemachine {

// The machine's internal events: JobMachine makes them from the daemon's
// (JobEvents.h); the daemon never sees them.

// The run (fresh or loaded) enters the machine.
struct Begin {
	std::int64_t nowMs = 0;
	bool resumed = false;
};

enum class PollSubject { RestoreTask, BackupSet };

// One poll's answer for a restore task (RestorePolled) or a full backup set
// (BackupSetPolled), as observed. What it means (RunGuards.h: pollVerdict)
// and whether it is for what the step watches (afterPoll) are the guards'
// questions, so that the table shows every way a poll can go.
struct PollOutcome {
	std::int64_t nowMs = 0;
	PollSubject subject = PollSubject::RestoreTask;
	std::string id; // RestoreTaskId or BackupSetId
	std::string status;
	std::array<int, 4> progress{}; // restore tasks only
	// A restore task's RestoreTaskFinishTime, or a backup set's EndTime; 0 when unset.
	std::int64_t finishTimeMs = 0;
	std::string errMessage;
	std::string backupSetId;  // restore tasks only: the set the task restores, when DBS says
	std::string backupPlanId; // restore tasks only: that set's plan, when DBS says

	static PollOutcome of(const RestorePolled &e)
	{
		return {e.nowMs,       PollSubject::RestoreTask, e.restoreTaskId, e.status,
			e.progress,    e.finishTimeMs,           e.errMessage,    e.backupSetId,
			e.backupPlanId};
	}
	static PollOutcome of(const BackupSetPolled &e)
	{
		return {e.nowMs, PollSubject::BackupSet, e.backupSetId, e.status, {}, e.endTimeMs, e.errMessage, {},
			{}};
	}
};

} // namespace statemachine
