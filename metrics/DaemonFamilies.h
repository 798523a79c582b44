// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <string_view>

#include "metrics/Family.h"
#include "metrics/Registry.h"

namespace metrics {

// Every family dbs-restored exposes, with its help text: the names the
// alert rules (examples/prometheus/dbs-restored.rules.yml) and
// docs/operations.md use. Constants; any thread.
namespace families {

inline constexpr std::array<std::string_view, 1> jobLabel{"job"};
inline constexpr std::array<std::string_view, 2> jobOutcomeLabels{"job", "outcome"};
inline constexpr std::array<std::string_view, 2> jobPhaseLabels{"job", "phase"};
inline constexpr std::array<std::string_view, 1> phaseLabel{"phase"};
inline constexpr std::array<std::string_view, 1> versionLabel{"version"};
inline constexpr std::array<std::string_view, 1> actionLabel{"action"};
inline constexpr std::array<std::string_view, 2> actionResultLabels{"action", "result"};
// From a fast read call on loopback to api.timeouts.total's default (1m).
inline constexpr std::array<double, 11> apiDurationBuckets{0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

// The process, as every Prometheus client library names it.
inline constexpr Family processCpu{"process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
				   MetricType::Counter, "seconds"};
inline constexpr Family processResident{"process_resident_memory_bytes", "Resident memory size in bytes.",
					MetricType::Gauge, "bytes"};
inline constexpr Family processVirtual{"process_virtual_memory_bytes", "Virtual memory size in bytes.",
				       MetricType::Gauge, "bytes"};
inline constexpr Family processStart{"process_start_time_seconds",
				     "Start time of the process since unix epoch in seconds.", MetricType::Gauge,
				     "seconds"};
inline constexpr Family processOpenFds{"process_open_fds", "Number of open file descriptors.", MetricType::Gauge};
inline constexpr Family processMaxFds{"process_max_fds", "Maximum number of open file descriptors.", MetricType::Gauge};

inline constexpr Family buildInfo{"dbs_restored_build_info",
				  "Always 1; the version label says which dbs-restored runs.", MetricType::Gauge, "",
				  versionLabel};
inline constexpr Family jobs{"dbs_restored_jobs",
			     "Jobs by phase: queued, running, paused, idle or finished; each job is in one phase.",
			     MetricType::Gauge, "", phaseLabel};
inline constexpr Family invalidJobFiles{
	"dbs_restored_invalid_job_files",
	"Job files that failed validation (their jobs keep their last good definition).", MetricType::Gauge};

inline constexpr Family jobLastRun{
	"dbs_restored_job_last_run_timestamp_seconds",
	"When the job's last run ended, whatever its outcome, as a Unix time in seconds; 0 before the first.",
	MetricType::Gauge, "seconds", jobLabel};
inline constexpr Family jobLastSuccess{
	"dbs_restored_job_last_success_timestamp_seconds",
	"When the job's last succeeded run ended, as a Unix time in seconds; 0 if none is known.", MetricType::Gauge,
	"seconds", jobLabel};
inline constexpr Family jobLastVerified{
	"dbs_restored_job_last_verified_timestamp_seconds",
	"When the job's last run whose verify hook passed ended, as a Unix time in seconds; 0 if none is known.",
	MetricType::Gauge, "seconds", jobLabel};
inline constexpr Family jobNextRun{"dbs_restored_job_next_run_timestamp_seconds",
				   "Scheduled jobs: the next cron time, as a Unix time in seconds.", MetricType::Gauge,
				   "seconds", jobLabel};
inline constexpr Family jobScheduleInterval{
	"dbs_restored_job_schedule_interval_seconds",
	"Scheduled jobs: the longest gap between two cron times, in seconds (what overdue is measured against).",
	MetricType::Gauge, "seconds", jobLabel};
inline constexpr Family jobLastOutcome{"dbs_restored_job_last_outcome",
				       "1 for the outcome of the job's last finished run, 0 for the others.",
				       MetricType::Gauge, "", jobOutcomeLabels};
inline constexpr Family runs{"dbs_restored_runs_total",
			     "Finished runs of the job by outcome, since the daemon started.", MetricType::Counter, "",
			     jobOutcomeLabels};
inline constexpr Family jobRestoreDuration{
	"dbs_restored_job_restore_duration_seconds",
	"The last succeeded run's restore time in seconds, StartRestoreTask accepted to the task's end; 0 if unknown.",
	MetricType::Gauge, "seconds", jobLabel};
inline constexpr Family jobRtoObjective{"dbs_restored_job_rto_objective_seconds",
					"The job's recovery time objective in seconds; 0 when it has none.",
					MetricType::Gauge, "seconds", jobLabel};
inline constexpr Family jobRestoreProgress{"dbs_restored_job_restore_progress_ratio",
					   "The current or last restore task's four DBS progress fields, 0 to 1.",
					   MetricType::Gauge, "ratio", jobPhaseLabels};

inline constexpr Family apiRequests{
	"dbs_restored_api_requests_total",
	"DBS API requests by action and result: ok, transient, throttled, clock, permanent or business.",
	MetricType::Counter, "", actionResultLabels};
inline constexpr Family apiRequestDuration{
	"dbs_restored_api_request_duration_seconds",
	"DBS API request time in seconds, from sending the signed request to its parsed answer.",
	MetricType::Histogram,
	"seconds",
	actionLabel,
	apiDurationBuckets};
inline constexpr Family apiQueued{"dbs_restored_api_queued_requests",
				  "API calls waiting for the client-side rate limit (api.rate_limit).",
				  MetricType::Gauge};
inline constexpr Family stateWriteErrors{"dbs_restored_state_write_errors_total",
					 "Failed writes or flushes of the state directory.", MetricType::Counter};

} // namespace families

// The families above in exposition order. Built once.
const Registry &daemonRegistry();

} // namespace metrics
