// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>

#include "config/JobSpec.h"
#include "history/DrillRecord.h"
#include "metrics/JobSnapshot.h"
#include "metrics/RunTally.h"
#include "statemachine/JobRun.h"

namespace restored {

class Job;
class ScheduleCache;

// The metrics' view of one job now, from the Job's read-only accessors and
// what the tally kept of its finished runs (`stats`, null when neither a
// run in this process nor the drill history told it any). The last outcome
// is the tally's when the tally knows the run the state file names (it
// then has the verification and RTO verdict too), else the state file's.
metrics::JobSnapshot jobSnapshot(const Job &job, const metrics::JobRunStats *stats, ScheduleCache &schedules,
				 std::chrono::system_clock::time_point now);

// How the run a Job just finished ended, for the tally.
metrics::RunEnd runEnd(const Job &job);
// The same from the definition the run ran and its record: the verify
// hook's verdict, and whether the restore missed the job's rto_objective
// (statemachine::rtoMissed, the test the rto_missed event uses). Pure.
metrics::RunEnd runEnd(const config::JobSpec &spec, const statemachine::JobRun &run);
// The same from a run's drill-history record, to seed the tally at start.
// Pure.
metrics::RunEnd runEnd(const history::DrillRecord &record);

// A succeeded run's restore time, 0 for any other run: DBS's own, from
// accepting the last restore's StartRestoreTask to its finish time, as
// the drill history and rto_missed measure it; when DBS gave no finish
// time, from the accepted (or adopted) start of the last step with a
// restore task to the run's end, which a poll saw and which is late by at
// most one poll interval. Pure.
std::int64_t restoreDurationMs(const statemachine::JobRun &run);

} // namespace restored
