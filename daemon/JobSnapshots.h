// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>

#include "metrics/JobSnapshot.h"
#include "metrics/RunTally.h"
#include "statemachine/JobRun.h"

namespace restored {

class Job;
class ScheduleCache;

// The metrics' view of one job now, from the Job's read-only accessors and
// what the tally kept of its finished runs (`stats`, null before its first
// run in this process). Times the state file does not keep (the last
// success before a failed last run, the restore duration of a run that
// ended before a restart) are 0 until a run ends in this process.
metrics::JobSnapshot jobSnapshot(const Job &job, const metrics::JobRunStats *stats, ScheduleCache &schedules,
				 std::chrono::system_clock::time_point now);

// How the run a Job just finished ended, for the tally. Verification and
// RTO are not known yet (issue 11's hooks): NotRun and not missed.
metrics::RunEnd runEnd(const Job &job);

// A run's restore time: from StartRestoreTask accepted (or adopted), in the
// last step that has a restore task, to the run's end, when the run
// succeeded; 0 otherwise. The end is when a poll saw the task finish, so
// it is late by at most one poll interval. Pure.
std::int64_t restoreDurationMs(const statemachine::JobRun &run);

} // namespace restored
