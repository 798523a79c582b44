// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "metrics/DrillOutcome.h"

namespace metrics {

// Where a job is, for dbs_restored_jobs{phase}. Each job is in exactly one
// phase: a paused run counts as paused, not as running, so the phases add
// up to the number of jobs.
enum class JobPhase { Queued, Running, Paused, Idle, Finished };

inline constexpr std::array<JobPhase, 5> jobPhases{
	JobPhase::Queued, JobPhase::Running, JobPhase::Paused, JobPhase::Idle, JobPhase::Finished,
};

std::string_view toString(JobPhase p);

// The four DBS progress fields of a restore task, as the `phase` label of
// dbs_restored_job_restore_progress_ratio says them, in the order of
// statemachine::JobRun::lastProgress (FullStruforeRestoreProgress,
// FullDataRestoreProgress, FullStruAfterRestoreProgress,
// ContinuousRestoreProgress).
inline constexpr std::array<std::string_view, 4> progressPhases{
	"full_strufore",
	"full_data",
	"full_stru_after",
	"continuous",
};

// Everything the exposition says about one job, taken from the daemon's
// job table when a scrape asks (daemon/JobSnapshots.h). A plain value:
// times are wall-clock epoch milliseconds, 0 for "never" or "unknown", as
// Prometheus wants a series that may exist exported from the start.
struct JobSnapshot {
	std::string id;
	JobPhase phase = JobPhase::Idle;
	std::int64_t lastRunMs = 0;      // the end of the last finished run, any outcome
	std::int64_t lastSuccessMs = 0;  // the end of the last succeeded run
	std::int64_t lastVerifiedMs = 0; // the end of the last run whose verify hook passed
	// Scheduled jobs only: the next cron time, and the longest gap between
	// cron times (what "overdue" is measured against).
	std::optional<std::int64_t> nextRunMs;
	std::optional<std::int64_t> scheduleIntervalMs;
	std::optional<DrillOutcome> lastOutcome;
	std::array<std::uint64_t, drillOutcomes.size()> runs{}; // finished runs per outcome
	std::int64_t restoreDurationMs = 0;                     // the last succeeded run's restore
	std::int64_t rtoObjectiveMs = 0;                        // 0: the job has none
	std::array<double, progressPhases.size()> progress{};   // 0..1
};

} // namespace metrics
