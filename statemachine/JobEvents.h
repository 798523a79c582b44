// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/ApiError.h"
#include "config/JobSpec.h"
#include "statemachine/ApiAction.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobRun.h"

namespace statemachine {

// What the daemon tells a JobMachine. Every event carries the time at which
// the daemon observed it (epoch ms): the machine has no clock of its own.

// Start a new run of this job. runId comes from newRunId().
struct JobStarted {
	config::JobSpecPtr spec; // never null
	std::int64_t nowMs = 0;
	std::string runId;
};

struct ApiSucceeded {
	ApiAction action;
	std::int64_t nowMs = 0;
	std::string createdFullBackupSetId; // StartBackupPlan
	std::string restoreTaskId;          // CreateRestoreTask / StartRestoreTask / FindRestoreTask
	std::string requestId;
	std::vector<std::string> backupSetIds = {}; // ListBackupSets / FindBackupSet: every set of the plan
};

struct ApiFailed {
	ApiAction action;
	std::int64_t nowMs = 0;
	base::ApiError error;
};

// One DescribeRestoreTaskList item for the task the machine asked about.
struct RestorePolled {
	std::int64_t nowMs = 0;
	std::string restoreTaskId;
	std::string status;            // RestoreStatus
	std::array<int, 4> progress{}; // Strufore, FullData, StruAfter, Continuous
	std::int64_t finishTimeMs = 0; // RestoreTaskFinishTime
	std::string errMessage;
	std::string backupSetId = {};  // the set the task restores, when DBS says
	std::string backupPlanId = {}; // the plan of that set, when DBS says
};

// One DescribeFullBackupList item for the set the machine asked about.
struct BackupSetPolled {
	std::int64_t nowMs = 0;
	std::string backupSetId;
	std::string status; // BackupStatus
	std::string errMessage;
	std::int64_t endTimeMs = 0; // EndTime, once the set finished
};

// The answer to LookUpBackupSet: the set's EndTime (0 while it has none),
// or why it could not be read (error non-empty).
struct BackupSetDescribed {
	std::int64_t nowMs = 0;
	std::string backupSetId;
	std::int64_t endTimeMs = 0;
	std::string error;
};

// The answer to CallApi{DescribeJobErrorCode}: either the Item or the error.
struct JobErrorCodeAnswered {
	std::int64_t nowMs = 0;
	std::optional<JobErrorDetail> detail;
	std::optional<base::ApiError> error;
};

// The restore task the machine watches no longer exists on DBS: a
// single-id DescribeRestoreTaskList confirmed it (not listed, or the query
// refused). Never sent on a batch's word alone.
struct TaskGone {
	std::int64_t nowMs = 0;
	std::string restoreTaskId;
	std::string reason;
};

struct TimerFired {
	TimerKind kind;
	std::int64_t nowMs = 0;
};

// The job file changed while this run was active: the run keeps the spec it
// started with (JobSpec is copied at start); the change applies next run.
struct FileChanged {
	std::int64_t nowMs = 0;
	std::string newSpecHash;
};

// The job file was removed: the run is cancelled.
struct FileRemoved {
	std::int64_t nowMs = 0;
};

struct CancelRequested {
	std::int64_t nowMs = 0;
	std::string reason;
};

// A hook that RunHook started has ended. Only a command that ran and
// exited 0 passes a verification: not started, timed out and killed by a
// signal are "could not verify", never a pass.
struct HookFinished {
	std::int64_t nowMs = 0;
	HookKind kind = HookKind::Verify;
	bool exited = false; // it ran and exited, with exitCode
	int exitCode = 0;
	std::string detail; // how it ended, for the record: "exit 3", "timed out after 10m", ...
};

// The daemon is stopping: save, keep the run resumable.
struct ShutdownRequested {
	std::int64_t nowMs = 0;
};

} // namespace statemachine
