// SPDX-License-Identifier: Apache-2.0
// The metrics of restore drills: a run's verify verdict, its restore time
// against the job's rto_objective and its outcome label reach the tally
// when the run ends (a real verify hook, a FakeDbsApi and a ManualClock),
// and at start the drill history in the state directory gives back each
// job's last success, verification and restore time without counting
// those runs again.
#include "daemon/MetricsSource.h"

#include <fstream>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "CoreHarness.h"
#include "JobSpecs.h"
#include "daemon/Job.h"
#include "daemon/JobSnapshots.h"
#include "daemon/ScheduleCache.h"

namespace restored {
namespace {

using namespace std::chrono_literals;
using metrics::DrillOutcome;
using metrics::indexOf;
using statemachine::Outcome;
using test::CoreHarness;

class MetricsDrillTest : public testing::Test
{
protected:
	MetricsDrillTest()
	{
		core_.onRunFinished = [this](Job &job) { source_.runFinished(job); };
	}

	std::string script(const std::string &name, const std::string &body)
	{
		std::string path = (scripts_.path() / name).string();
		std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
		::chmod(path.c_str(), 0755);
		return path;
	}

	// One restore of rt-1 that DBS reports finished `tookMs` after the
	// daemon's start was accepted; the job's drill keys are `keys`.
	std::shared_ptr<Job> runDrill(const std::string &keys, std::int64_t tookMs)
	{
		core_.dbs().addTask("rt-1", "running");
		auto spec = test::jobSpec("a", "  - restore:\n      restore_task_id: rt-1\n", test::shortTiming + keys);
		auto job = std::make_shared<Job>(core_.services, "a");
		job->setDefinition(std::move(spec));
		const std::int64_t startedMs = core_.clock.wallMs();
		job->startRun();
		core_.clock.settle();
		auto &t = core_.dbs().tasks.at("rt-1");
		t.restoreStatus = "finish";
		t.restoreTaskFinishTime = startedMs + tookMs;
		t.backupSetId = "bs-1";
		core_.clock.advance(2s);
		// The verify hook is a real child: the io_context waits on it, at
		// most 20 s; the ManualClock stands still meanwhile.
		const auto deadline = std::chrono::steady_clock::now() + 20s;
		while (core_.finishedRuns.empty() && std::chrono::steady_clock::now() < deadline) {
			core_.io.restart();
			core_.io.run_one_for(100ms);
			core_.clock.settle();
		}
		return job;
	}

	metrics::JobSnapshot snapshot(const Job &job)
	{
		return jobSnapshot(
			job, source_.tally().find(job.id()), schedules_,
			std::chrono::system_clock::time_point(std::chrono::milliseconds(core_.clock.wallMs())));
	}

	CoreHarness core_;
	test::TempDir scripts_;
	MetricsSource source_{"test"};
	ScheduleCache schedules_;
};

TEST_F(MetricsDrillTest, AVerifiedRunShowsItsVerifiedTimeOutcomeRestoreTimeAndObjective)
{
	auto job = runDrill("rto_objective: 1h\nverify: {command: [" + script("verify", "exit 0") + "]}\n", 90'000);
	ASSERT_EQ(core_.finishedRuns.size(), 1u) << core_.log.str();
	ASSERT_EQ(job->lastOutcome(), Outcome::Succeeded);

	auto s = snapshot(*job);
	EXPECT_EQ(s.lastOutcome, DrillOutcome::Verified);
	EXPECT_EQ(s.runs[indexOf(DrillOutcome::Verified)], 1u);
	EXPECT_EQ(s.runs[indexOf(DrillOutcome::Succeeded)], 0u) << "one label per run";
	EXPECT_EQ(s.lastVerifiedMs, job->lastFinishedAtMs());
	EXPECT_EQ(s.lastSuccessMs, job->lastFinishedAtMs());
	EXPECT_EQ(s.rtoObjectiveMs, 3'600'000);
	EXPECT_EQ(s.restoreDurationMs, 90'000) << "DBS's own restore time, as rto_missed measures it";
}

TEST_F(MetricsDrillTest, ARejectingVerifyHookIsVerificationFailedAndLeavesLastVerifiedAtZero)
{
	auto job = runDrill("verify: {command: [" + script("verify", "exit 1") + "]}\n", 1000);
	ASSERT_EQ(core_.finishedRuns.size(), 1u) << core_.log.str();

	auto s = snapshot(*job);
	EXPECT_EQ(s.lastOutcome, DrillOutcome::VerificationFailed);
	EXPECT_EQ(s.runs[indexOf(DrillOutcome::VerificationFailed)], 1u);
	EXPECT_EQ(s.lastVerifiedMs, 0);
	EXPECT_EQ(s.rtoObjectiveMs, 0) << "no objective";
}

TEST_F(MetricsDrillTest, ARestoreSlowerThanTheObjectiveIsRtoMissed)
{
	auto job = runDrill("rto_objective: 1m\n", 90'000);
	ASSERT_EQ(core_.finishedRuns.size(), 1u) << core_.log.str();

	auto s = snapshot(*job);
	EXPECT_EQ(s.lastOutcome, DrillOutcome::RtoMissed);
	EXPECT_EQ(s.runs[indexOf(DrillOutcome::RtoMissed)], 1u);
	EXPECT_EQ(s.restoreDurationMs, 90'000);
	EXPECT_EQ(s.rtoObjectiveMs, 60'000);
	EXPECT_GT(s.restoreDurationMs, s.rtoObjectiveMs) << "what DbsRestoreRtoObjectiveMissed compares";
}

history::DrillRecord drill(std::int64_t finishedMs, history::DrillOutcome outcome, history::Verification verification)
{
	history::DrillRecord r;
	r.jobId = "a";
	r.runId = "run-" + std::to_string(finishedMs);
	r.startedAtMs = finishedMs - 100'000;
	r.finishedAtMs = finishedMs;
	r.outcome = outcome;
	r.verification = verification;
	r.restoreStartedAtMs = finishedMs - 80'000;
	r.restoreFinishedAtMs = finishedMs - 5'000;
	r.rtoObjectiveMs = 3'600'000;
	return r;
}

TEST_F(MetricsDrillTest, AfterARestartTheHistoryGivesBackLastSuccessVerificationAndRestoreTimeButNoCounts)
{
	// The previous daemon's runs: verified, then a plain success, then a failure.
	const std::int64_t t0 = 1'780'000'000'000;
	for (const auto &r : {drill(t0, history::DrillOutcome::Succeeded, history::Verification::Verified),
			      drill(t0 + 86'400'000, history::DrillOutcome::Succeeded, history::Verification::None),
			      drill(t0 + 2 * 86'400'000, history::DrillOutcome::Failed, history::Verification::None)})
		ASSERT_FALSE(core_.history.append(r, r.finishedAtMs).error);

	EXPECT_EQ(source_.seedFromHistory(core_.dir.path()), 1u);
	// The job as the state file brings it back: only its last outcome.
	auto job = std::make_shared<Job>(core_.services, "a");
	job->setDefinition(test::startExistingJob("a", "rt-1"));
	job->setLastOutcome(Outcome::Failed, job->definition()->specHash, t0 + 2 * 86'400'000);

	auto s = snapshot(*job);
	EXPECT_EQ(s.lastSuccessMs, t0 + 86'400'000) << "not 0 although the last run failed";
	EXPECT_EQ(s.lastVerifiedMs, t0);
	EXPECT_EQ(s.restoreDurationMs, 75'000) << "the last success's, from DBS's times";
	EXPECT_EQ(s.lastOutcome, DrillOutcome::Failed);
	for (auto n : s.runs)
		EXPECT_EQ(n, 0u) << "a counter starts at 0 with its process";
}

TEST_F(MetricsDrillTest, ASeededVerificationOutcomeShowsWhenTheStateFileNamesThatRun)
{
	const std::int64_t t0 = 1'780'000'000'000;
	ASSERT_FALSE(
		core_.history.append(drill(t0, history::DrillOutcome::Succeeded, history::Verification::Verified), t0)
			.error);
	source_.seedFromHistory(core_.dir.path());
	auto job = std::make_shared<Job>(core_.services, "a");
	job->setDefinition(test::startExistingJob("a", "rt-1"));
	job->setLastOutcome(Outcome::Succeeded, job->definition()->specHash, t0);
	EXPECT_EQ(snapshot(*job).lastOutcome, DrillOutcome::Verified);
	// A state file that names a newer run than the history holds: its own outcome.
	job->setLastOutcome(Outcome::Succeeded, job->definition()->specHash, t0 + 1000);
	EXPECT_EQ(snapshot(*job).lastOutcome, DrillOutcome::Succeeded);
}

} // namespace
} // namespace restored
