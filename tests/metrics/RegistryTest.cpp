// SPDX-License-Identifier: Apache-2.0
// Family declarations follow Prometheus's naming rules, and the daemon's
// registry holds every family issue 12 names, each valid.

#include <array>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>

#include "metrics/DaemonFamilies.h"
#include "metrics/Registry.h"

namespace metrics {
namespace {

constexpr std::array<std::string_view, 1> leLabel{"le"};
constexpr std::array<std::string_view, 1> camelLabel{"jobId"};
constexpr std::array<double, 2> descending{2, 1};

std::string problem(const Family &f) { return familyProblem(f).value_or(""); }

TEST(FamilyProblem, AcceptsWellNamedFamilies)
{
	EXPECT_EQ(problem({"a_runs_total", "Runs.", MetricType::Counter}), "");
	EXPECT_EQ(problem({"a_wait_seconds_total", "Wait.", MetricType::Counter, "seconds"}), "");
	EXPECT_EQ(problem({"a_size_bytes", "Size.", MetricType::Gauge, "bytes"}), "");
}

TEST(FamilyProblem, RejectsWhatPromtoolWouldLint)
{
	EXPECT_NE(problem({"a_runs", "Runs.", MetricType::Counter}), "");                // counter without _total
	EXPECT_NE(problem({"a_runs_total", "Runs.", MetricType::Gauge}), "");            // _total on a gauge
	EXPECT_NE(problem({"aRuns_total", "Runs.", MetricType::Counter}), "");           // camel case
	EXPECT_NE(problem({"a_size", "Size.", MetricType::Gauge, "bytes"}), "");         // unit not the suffix
	EXPECT_NE(problem({"a_size_bytes", "", MetricType::Gauge, "bytes"}), "");        // no help
	EXPECT_NE(problem({"a_x", "X.", MetricType::Gauge, "", leLabel}), "");           // reserved label
	EXPECT_NE(problem({"a_x", "X.", MetricType::Gauge, "", camelLabel}), "");        // label case
	EXPECT_NE(problem({"a_x_seconds", "X.", MetricType::Histogram, "seconds"}), ""); // no buckets
	EXPECT_NE(problem({"a_x_seconds", "X.", MetricType::Histogram, "seconds", {}, descending}), ""); // order
}

TEST(DaemonRegistry, HoldsEveryFamilyOfIssue12InExpositionOrder)
{
	const auto &r = daemonRegistry();
	for (auto name : {"process_resident_memory_bytes",
			  "process_cpu_seconds_total",
			  "process_start_time_seconds",
			  "process_open_fds",
			  "process_max_fds",
			  "dbs_restored_build_info",
			  "dbs_restored_jobs",
			  "dbs_restored_invalid_job_files",
			  "dbs_restored_job_last_run_timestamp_seconds",
			  "dbs_restored_job_last_success_timestamp_seconds",
			  "dbs_restored_job_last_verified_timestamp_seconds",
			  "dbs_restored_job_next_run_timestamp_seconds",
			  "dbs_restored_job_last_outcome",
			  "dbs_restored_runs_total",
			  "dbs_restored_job_restore_duration_seconds",
			  "dbs_restored_job_rto_objective_seconds",
			  "dbs_restored_job_restore_progress_ratio",
			  "dbs_restored_api_requests_total",
			  "dbs_restored_api_request_duration_seconds",
			  "dbs_restored_api_queued_requests",
			  "dbs_restored_state_write_errors_total"})
		EXPECT_NE(r.find(name), nullptr) << name;
	for (const Family *f : r.families())
		EXPECT_EQ(problem(*f), "") << f->name;
	EXPECT_EQ(r.families().front()->name, "process_cpu_seconds_total");
	EXPECT_EQ(r.families().back()->name, "dbs_restored_state_write_errors_total");
}

} // namespace
} // namespace metrics

namespace metrics {
namespace {

TEST(DaemonRegistry, OperationsDocListsEveryFamily)
{
	const char *path = std::getenv("DBS_OPERATIONS_MD");
	if (!path)
		GTEST_SKIP() << "DBS_OPERATIONS_MD not set (meson sets it)";
	std::ifstream in(path);
	std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	ASSERT_FALSE(doc.empty()) << path;
	for (const Family *f : daemonRegistry().families())
		EXPECT_NE(doc.find("| `" + std::string(f->name) + "` | " + std::string(toString(f->type)) + " |"),
			  std::string::npos)
			<< f->name << " is not in the metrics table of docs/operations.md with its type";
}

} // namespace
} // namespace metrics
