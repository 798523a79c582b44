// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "statemachine/JobRun.h"

namespace history {

// How a drill run ended (the run's outcome, whatever the verification
// said): the state machine's Outcome and its names; a record never holds
// Outcome::None, and drillOutcomeFromString refuses it.
using DrillOutcome = statemachine::Outcome;

// The verify hook's verdict, as the run record keeps it (one enum and one
// set of names for the state file, the history and the report).
using statemachine::toString;
using statemachine::Verification;
using statemachine::verificationFromString;

// One finished drill run, as kept in the drill history and printed by
// `--history` and `--report` (docs/operations.md, "Restore drills"). Only
// measured values are stored; durations, the backup set's age and whether
// the RTO was met are derived from them below, so they can never disagree.
// Times are epoch milliseconds. A plain value.
struct DrillRecord {
	std::string jobId;
	std::string runId;
	std::int64_t startedAtMs = 0;
	std::int64_t finishedAtMs = 0;
	DrillOutcome outcome = DrillOutcome::Failed;
	Verification verification = Verification::None;
	std::string verificationDetail; // "exit 3", "timed out after 10m", ...
	// The run's last restore step: when DBS accepted its StartRestoreTask,
	// and DBS's own finish time for the task.
	std::optional<std::int64_t> restoreStartedAtMs;
	std::optional<std::int64_t> restoreFinishedAtMs;
	std::optional<std::int64_t> backupSetEndMs; // the restored backup set's end time (RPO evidence)
	std::optional<std::int64_t> rtoObjectiveMs;
	std::string restoreTaskId;
	std::string backupPlanId;
	std::string backupSetId;
	std::string reason; // why it failed or was cancelled
};

// Restore duration: StartRestoreTask accepted to DBS's finish time.
std::optional<std::int64_t> restoreDurationMs(const DrillRecord &r);
std::int64_t endToEndMs(const DrillRecord &r);
// How old the backup set was when its restore started.
std::optional<std::int64_t> backupSetAgeMs(const DrillRecord &r);
// Whether the restore finished within the objective; nullopt without an
// objective or without a finished restore (a failed run shows in its outcome).
std::optional<bool> rtoMet(const DrillRecord &r);

std::optional<DrillOutcome> drillOutcomeFromString(std::string_view s);

} // namespace history
