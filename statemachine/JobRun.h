// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// What the verify hook said about the restored data (config::VerifyHook).
// None: the job has no verify hook, or the run ended before it ran. A
// verification that could not run is never Verified.
enum class Verification { None, Verified, VerificationFailed, CouldNotVerify };

// Where a run stands once its steps are over (docs/state-machine.md,
// "Drill phases"). Persisted, so that a restart runs a hook that was
// running again (with the same run id), and never one whose result it
// recorded.
enum class DrillPhase {
	Steps,     // the steps run
	Verifying, // the steps succeeded; the verify hook runs, its result not yet recorded
	Notifying, // the outcome is decided; the notify hook runs
	Done,      // notified (when the run matched `when`) and in the drill history
};

// One step's durable state. The tokens are derived when the run starts, so
// a re-send after a crash uses exactly the token of the first send.
struct StepRun {
	StepPhase phase = StepPhase::Pending;
	std::string createToken; // CreateRestoreTask; empty for other steps
	std::string startToken;  // StartBackupPlan / StartRestoreTask
	bool createSent = false; // set and persisted before the first send
	bool startSent = false;
	int failedAttempts = 0;             // failed mutating calls of this step (retry budget)
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
	std::int64_t backupSetEndMs = 0; // backup steps: the new set's EndTime once it finished (RPO evidence)
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

	// Restore drills. The verify hook's verdict, and how it ended ("exit 3",
	// "timed out after 10m", ...).
	DrillPhase drillPhase = DrillPhase::Steps;
	Verification verification = Verification::None;
	std::string verificationDetail;
	// The last restore step's evidence for the drill history: its task,
	// when DBS accepted its start and DBS's own finish time, the backup set
	// it restored, that set's end time and its plan (0 or "" while
	// unknown). The set and plan are noted as soon as the step knows them
	// (statemachine/SetEvidence.h).
	std::string restoreTaskId;
	std::int64_t restoreStartedAtMs = 0;
	std::int64_t restoreFinishedAtMs = 0;
	std::string backupSetId;
	std::int64_t backupSetEndMs = 0;
	std::string backupPlanId;
};

// The run is over: its outcome is decided and its wrap-up (the notify
// hook, the drill history) done. A decided run that is not over resumes.
inline bool runOver(const JobRun &run) { return run.outcome != Outcome::None && run.drillPhase == DrillPhase::Done; }

std::string_view toString(StepPhase p);
std::string_view toString(Outcome o);
std::string_view toString(DrillPhase p);
// "none", "verified", "verification_failed", "could_not_verify": the names
// of the state file, the drill history and the report.
std::string_view toString(Verification v);
std::optional<StepPhase> stepPhaseFromString(std::string_view s);
std::optional<Outcome> outcomeFromString(std::string_view s);
std::optional<DrillPhase> drillPhaseFromString(std::string_view s);
std::optional<Verification> verificationFromString(std::string_view s);

} // namespace statemachine
