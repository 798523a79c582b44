// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

#include "base/ApiError.h"
#include "daemon/os/JobEventKind.h"
#include "daemon/os/JobEventLog.h"
#include "statemachine/JobCommand.h"

namespace restored {

class Job;

// The journald event kind (and so the MESSAGE_ID) of a machine log command.
os::JobEventKind eventKindFor(statemachine::LogKind kind);

// The syslog PRIORITY of a machine log command: its severity decides, so a
// throttled retry's warning reaches the journal as a warning (4) while a
// transient one stays a notice (5).
int priorityFor(statemachine::Severity severity);

// The structured fields of a job event: who (JOB_ID), where (STEP, STATE,
// RESTORE_TASK_ID, BACKUP_PLAN_ID, PROGRESS), which try (ATTEMPT) and what
// went wrong (ERROR_CODE, ERROR_CLASS, REQUEST_ID). Fields a Log command
// carries override those derived from the run. Pure apart from reading job.
os::JobEventFields eventFields(const Job &job, const std::optional<base::ApiError> &lastError,
			       const statemachine::Log *log = nullptr);

// Overall restore progress in percent: the mean of the four DBS progress
// fields, so it only reaches 100 when every phase has.
int overallProgress(const std::array<int, 4> &progress);

} // namespace restored
