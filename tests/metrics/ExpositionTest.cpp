// SPDX-License-Identifier: Apache-2.0
// The exposition model: from job snapshots and API counters to the text,
// with every series of a known job present from the start and a removed
// job's series gone.

#include <gtest/gtest.h>
#include <sstream>
#include <vector>

#include "metrics/ApiCounters.h"
#include "metrics/DaemonFamilies.h"
#include "metrics/Exposition.h"
#include "metrics/ProcessStats.h"

namespace metrics {
namespace {

std::vector<std::string> linesWith(const std::string &text, const std::string &needle)
{
	std::vector<std::string> out;
	std::istringstream in(text);
	for (std::string line; std::getline(in, line);)
		if (line.find(needle) != std::string::npos)
			out.push_back(line);
	return out;
}

bool hasLine(const std::string &text, const std::string &line)
{
	return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

std::string render(std::vector<JobSnapshot> jobs, const ApiCounters *api = nullptr,
		   const ProcessStats *process = nullptr)
{
	MetricsInput in;
	in.version = "0.1.0";
	in.jobs = jobs;
	in.api = api;
	in.process = process;
	return exposition(in);
}

JobSnapshot job(std::string id)
{
	JobSnapshot j;
	j.id = std::move(id);
	return j;
}

TEST(Exposition, AKnownJobHasEverySeriesItCanHaveAtZero)
{
	auto text = render({job("drill")});
	auto lines = linesWith(text, "job=\"drill\"");
	// 3 timestamps, 7 outcomes, 7 run counters, duration, objective, 4 progress fields.
	EXPECT_EQ(lines.size(), 23u) << text;
	for (const auto &line : lines)
		EXPECT_EQ(line.substr(line.size() - 2), " 0") << line;
	for (auto outcome : {"succeeded", "failed", "cancelled", "verified", "verification_failed", "could_not_verify",
			     "rto_missed"}) {
		EXPECT_TRUE(hasLine(text, std::string("dbs_restored_job_last_outcome{job=\"drill\",outcome=\"") +
						  outcome + "\"} 0"));
		EXPECT_TRUE(hasLine(text, std::string("dbs_restored_runs_total{job=\"drill\",outcome=\"") + outcome +
						  "\"} 0"));
	}
	for (auto phase : {"full_strufore", "full_data", "full_stru_after", "continuous"})
		EXPECT_TRUE(
			hasLine(text, std::string("dbs_restored_job_restore_progress_ratio{job=\"drill\",phase=\"") +
					      phase + "\"} 0"));
	// Not scheduled: no next run, no interval.
	EXPECT_TRUE(linesWith(text, "dbs_restored_job_next_run_timestamp_seconds{").empty());
	EXPECT_TRUE(linesWith(text, "dbs_restored_job_schedule_interval_seconds{").empty());
}

TEST(Exposition, ARemovedJobsSeriesAreGone)
{
	auto both = render({job("a-job"), job("b-job")});
	EXPECT_EQ(linesWith(both, "job=\"b-job\"").size(), 23u);
	auto after = render({job("a-job")});
	EXPECT_TRUE(linesWith(after, "job=\"b-job\"").empty()) << after;
	EXPECT_EQ(linesWith(after, "job=\"a-job\"").size(), 23u);
}

TEST(Exposition, LastOutcomeIsOneForTheLastOutcomeAndZeroForTheOthers)
{
	auto j = job("drill");
	j.lastOutcome = DrillOutcome::Failed;
	j.runs[indexOf(DrillOutcome::Succeeded)] = 4;
	j.runs[indexOf(DrillOutcome::Failed)] = 1;
	auto text = render({j});
	auto ones = linesWith(text, "dbs_restored_job_last_outcome{job=\"drill\"");
	int total = 0;
	for (const auto &line : ones)
		total += line.back() - '0';
	EXPECT_EQ(total, 1);
	EXPECT_TRUE(hasLine(text, "dbs_restored_job_last_outcome{job=\"drill\",outcome=\"failed\"} 1"));
	EXPECT_TRUE(hasLine(text, "dbs_restored_runs_total{job=\"drill\",outcome=\"succeeded\"} 4"));
	EXPECT_TRUE(hasLine(text, "dbs_restored_runs_total{job=\"drill\",outcome=\"failed\"} 1"));
}

TEST(Exposition, TimesAreUnixSecondsAndProgressIsARatio)
{
	auto j = job("drill");
	j.lastRunMs = 1767225600123;
	j.lastSuccessMs = 1767225600123;
	j.nextRunMs = 1767312000000;
	j.scheduleIntervalMs = 86400000;
	j.restoreDurationMs = 5400500;
	j.rtoObjectiveMs = 7200000;
	j.progress = {1, 0.5, 0, 0};
	auto text = render({j});
	for (auto line : {"dbs_restored_job_last_run_timestamp_seconds{job=\"drill\"} 1767225600.123",
			  "dbs_restored_job_last_success_timestamp_seconds{job=\"drill\"} 1767225600.123",
			  "dbs_restored_job_next_run_timestamp_seconds{job=\"drill\"} 1767312000",
			  "dbs_restored_job_schedule_interval_seconds{job=\"drill\"} 86400",
			  "dbs_restored_job_restore_duration_seconds{job=\"drill\"} 5400.5",
			  "dbs_restored_job_rto_objective_seconds{job=\"drill\"} 7200",
			  "dbs_restored_job_restore_progress_ratio{job=\"drill\",phase=\"full_data\"} 0.5"})
		EXPECT_TRUE(hasLine(text, line)) << line;
}

TEST(Exposition, PhasesCountEachJobOnceAndEveryPhaseIsExported)
{
	auto a = job("a"), b = job("b"), c = job("c");
	a.phase = JobPhase::Running;
	b.phase = JobPhase::Paused;
	c.phase = JobPhase::Running;
	auto text = render({a, b, c});
	for (auto line : {"dbs_restored_jobs{phase=\"running\"} 2", "dbs_restored_jobs{phase=\"paused\"} 1",
			  "dbs_restored_jobs{phase=\"queued\"} 0", "dbs_restored_jobs{phase=\"idle\"} 0",
			  "dbs_restored_jobs{phase=\"finished\"} 0"})
		EXPECT_TRUE(hasLine(text, line)) << line;
}

TEST(Exposition, EveryApiActionAndResultIsExportedFromTheStart)
{
	ApiCounters api;
	auto text = render({}, &api);
	EXPECT_EQ(linesWith(text, "dbs_restored_api_requests_total{").size(), 36u); // 6 actions x 6 results
	EXPECT_TRUE(
		hasLine(text, "dbs_restored_api_requests_total{action=\"StartRestoreTask\",result=\"throttled\"} 0"));
	EXPECT_TRUE(hasLine(text, "dbs_restored_api_request_duration_seconds_count{action=\"StartBackupPlan\"} 0"));

	api.record("StartRestoreTask", base::ErrorClass::Throttled, 0.2);
	api.record("StartRestoreTask", std::nullopt, 0.3);
	text = render({}, &api);
	EXPECT_TRUE(
		hasLine(text, "dbs_restored_api_requests_total{action=\"StartRestoreTask\",result=\"throttled\"} 1"));
	EXPECT_TRUE(hasLine(text, "dbs_restored_api_requests_total{action=\"StartRestoreTask\",result=\"ok\"} 1"));
	EXPECT_TRUE(hasLine(
		text, "dbs_restored_api_request_duration_seconds_bucket{action=\"StartRestoreTask\",le=\"0.25\"} 1"));
	EXPECT_TRUE(hasLine(text, "dbs_restored_api_request_duration_seconds_sum{action=\"StartRestoreTask\"} 0.5"));
}

TEST(Exposition, ProcessFamiliesOnlyWhenGivenAsTheTextfileLeavesThemOut)
{
	auto text = render({});
	EXPECT_TRUE(linesWith(text, "process_").empty());
	ProcessStats p;
	p.openFds = 12;
	text = render({}, nullptr, &p);
	EXPECT_TRUE(hasLine(text, "process_open_fds 12"));
	EXPECT_TRUE(hasLine(text, "dbs_restored_build_info{version=\"0.1.0\"} 1"));
}

TEST(Exposition, WritesEachRegistryFamilyOnceInRegistryOrder)
{
	ApiCounters api;
	ProcessStats p;
	auto text = render({job("x")}, &api, &p);
	auto help = linesWith(text, "# HELP ");
	const auto &families = daemonRegistry().families();
	ASSERT_EQ(help.size(), families.size());
	for (std::size_t i = 0; i < help.size(); ++i)
		EXPECT_EQ(help[i].substr(7, families[i]->name.size() + 1), std::string(families[i]->name) + " ");
}

} // namespace
} // namespace metrics
