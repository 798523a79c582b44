// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace statemachine {

// Where one step stands. Persisted; resuming maps each value back to a
// machine state (docs/state-machine.md, "Resume").
enum class StepPhase {
	Pending,  // not reached yet
	Creating, // CreateRestoreTask is due (or sent and unanswered)
	Starting, // StartBackupPlan / StartRestoreTask is due (or sent and unanswered)
	Polling,  // the restore task or the new backup set is being watched
	Done,
	Failed,
};

enum class Outcome { None, Succeeded, Failed, Cancelled };

// One step's durable state. The tokens are derived when the run starts, so
// a re-send after a crash uses exactly the token of the first send.
struct StepRun {
	StepPhase phase = StepPhase::Pending;
	std::string createToken; // CreateRestoreTask; empty for other steps
	std::string startToken;  // StartBackupPlan / StartRestoreTask
	bool createSent = false; // set and persisted before the first send
	bool startSent = false;
	int failedAttempts = 0;  // failed mutating calls of this step (retry budget)
	std::string createdFullBackupSetId; // StartBackupPlan's CreatedFullBackupsetId
	std::string restoreTaskId;          // from the spec (existing task) or CreateRestoreTask
	std::string backupPlanId;           // the plan a backup step started (for backup-set polls)
	// DBS refused a StartRestoreTask: whether the task started is decided by
	// the next poll, never by the refusal's code (docs/state-machine.md).
	bool startUnconfirmed = false;
	std::int64_t startAcceptedMs = 0; // when the start was accepted or adopted (precheck clock)
	int initPolls = 0;                // polls in a row that saw `init` after that
	// Backup steps: the plan's full backup sets before StartBackupPlan was
	// first sent, so a set an unanswered start made is told from the others
	// by its id alone (timestamps are not reliable: dbs-readings.md).
	// Cleared once the step knows its set.
	bool backupSetsListed = false;
	std::vector<std::string> knownBackupSets;
};

// DescribeJobErrorCode's Item, kept verbatim for the failure report.
struct JobErrorDetail {
	std::string errorCode;
	std::string errorMessage;
	std::string jobId;
	std::string jobState;
	std::string jobType;
};

// Everything needed to resume a run after a crash or restart, and to report
// its end. No secrets: parameters are rebuilt from the spec, and errors hold
// only what the server said. Written by the daemon whenever the machine
// emits Persist; read back at startup (JobRunJson.h). A plain value owned by
// the JobMachine that runs it.
struct JobRun {
	std::string jobId;
	std::string runId;
	std::string specHash;
	int stepIndex = 0;
	std::vector<StepRun> steps;

	std::int64_t startedAtMs = 0;
	std::int64_t deadlineAtMs = 0; // absolute: startedAtMs + spec.deadline

	// Stall detection: the last seen progress and when it last changed.
	std::array<int, 4> lastProgress{}; // Strufore, FullData, StruAfter, Continuous
	std::int64_t lastProgressChangeMs = 0;
	std::string lastStatus;
	bool paused = false;
	bool unknownStatusLogged = false; // a contradictory or unknown answer is logged once per step's task

	Outcome outcome = Outcome::None;
	std::string reason;
	std::string errCode;
	std::string errMessage;
	std::string requestId;
	JobErrorDetail jobError;
	std::int64_t finishedAtMs = 0;
};

std::string_view toString(StepPhase p);
std::string_view toString(Outcome o);

} // namespace statemachine
