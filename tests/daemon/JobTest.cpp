// SPDX-License-Identifier: Apache-2.0
// Job, the imperative shell around one run, against a FakeDbsApi and a
// ManualClock: what it sends and when, what it writes to its state file
// and in which order, and how it retries the polls that fail.
#include "daemon/Job.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "CoreHarness.h"
#include "JobSpecs.h"

namespace restored {
namespace {

using namespace std::chrono_literals;
using statemachine::MachineState;
using statemachine::Outcome;
using test::CoreHarness;

std::shared_ptr<Job> startJob(CoreHarness &core, config::JobSpecPtr spec)
{
	auto job = std::make_shared<Job>(core.services, spec->id);
	job->setDefinition(std::move(spec));
	job->startRun();
	return job;
}

void finishTask(test::FakeDbsApi &dbs, const std::string &id, std::int64_t atMs)
{
	dbs.tasks.at(id).restoreStatus = "finish";
	dbs.tasks.at(id).restoreTaskFinishTime = atMs;
	for (auto &p : {&dbs.tasks.at(id).fullDataRestoreProgress, &dbs.tasks.at(id).fullStruforeRestoreProgress,
			&dbs.tasks.at(id).fullStruAfterRestoreProgress, &dbs.tasks.at(id).continuousRestoreProgress})
		*p = 100;
}

// The steady times of the calls of one action.
struct CallTimes {
	std::vector<std::int64_t> at;
	std::vector<std::int64_t> gaps() const
	{
		std::vector<std::int64_t> out;
		for (std::size_t i = 1; i < at.size(); ++i)
			out.push_back(at[i] - at[i - 1]);
		return out;
	}
};

base::ApiError transient()
{
	return base::ApiError::local(base::ErrorClass::Transient, "ServiceUnavailable", "try later");
}

TEST(Job, TheTokenIsOnDiskBeforeTheCallCarryingItIsSent)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	std::optional<JobRecord> seen;
	bool unflushed = true;
	core.dbs().onCall = [&](const test::FakeDbsApi::Call &call) {
		if (call.action == "StartRestoreTask") {
			seen = core.recordOnDisk("a");
			unflushed = core.store.unflushed("a");
		}
	};
	auto job = startJob(core, test::startExistingJob("a", "rt-1"));
	EXPECT_EQ(core.dbs().count("StartRestoreTask"), 0) << "a call leaves when the rate limiter lets it";
	core.clock.settle();

	ASSERT_EQ(core.dbs().count("StartRestoreTask"), 1);
	const std::string token = core.dbs().calls.at(0).clientToken;
	ASSERT_FALSE(token.empty());
	ASSERT_TRUE(seen) << "the live state file existed when the call was sent";
	EXPECT_EQ(seen->run.steps.at(0).startToken, token);
	EXPECT_TRUE(seen->run.steps.at(0).startSent);
	EXPECT_FALSE(unflushed) << "and it was flushed, not only written into its slot";
}

TEST(Job, TheJobFlushesTheTokenItselfWhenTheCallLeavesBeforeTheGroupCommit)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	std::optional<JobRecord> seen;
	core.dbs().onCall = [&](const test::FakeDbsApi::Call &call) {
		if (call.action == "StartRestoreTask")
			seen = core.recordOnDisk("a");
	};
	auto job = startJob(core, test::startExistingJob("a", "rt-1"));
	ASSERT_TRUE(core.store.unflushed("a")) << "the group commit is posted, not run yet";
	// The rate limiter lets the call leave before the posted group commit.
	core.clock.fireDueAlarms();
	ASSERT_EQ(core.dbs().count("StartRestoreTask"), 1);
	ASSERT_TRUE(seen);
	EXPECT_EQ(seen->run.steps.at(0).startToken, core.dbs().calls.at(0).clientToken);
	EXPECT_FALSE(core.store.unflushed("a"));
}

TEST(Job, AStateWriteFailureKeepsTheCallFromLeavingAndTheRunRetriesIt)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	// A directory where the record's slot file goes: every save fails.
	auto slot = core.dir.path() / ("." + os::StateStore::fileNameFor("a") + ".tmp");
	std::filesystem::create_directory(slot);
	auto job = startJob(core, test::startExistingJob("a", "rt-1"));
	core.clock.settle();
	EXPECT_EQ(core.dbs().count("StartRestoreTask"), 0);
	EXPECT_FALSE(core.eventLines("state_write_failed").empty());
	EXPECT_TRUE(core.eventLines("api_call_sent").empty()) << "a call held back is not logged as sent";
	EXPECT_EQ(job->machineState(), MachineState::WaitingRetry);

	std::filesystem::remove(slot);
	core.clock.advance(2s); // the retry backoff is at most 2 s
	ASSERT_EQ(core.dbs().count("StartRestoreTask"), 1);
	auto record = core.recordOnDisk("a");
	ASSERT_TRUE(record);
	EXPECT_EQ(record->run.steps.at(0).startToken, core.dbs().calls.at(0).clientToken);
}

TEST(Job, ARunPollsItsTaskUntilDbsReportsItFinishedAndEndsSucceeded)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	auto job = startJob(core, test::startExistingJob("a", "rt-1"));
	core.clock.settle();
	ASSERT_EQ(job->machineState(), MachineState::Polling);
	core.clock.advance(3s);
	EXPECT_GE(core.dbs().count("DescribeRestoreTaskList", "rt-1"), 2) << "polled about every second";
	EXPECT_TRUE(core.finishedRuns.empty());

	finishTask(core.dbs(), "rt-1", core.clock.wallMs());
	core.clock.advance(2s);
	EXPECT_EQ(core.finishedRuns, std::vector<std::string>{"a"});
	EXPECT_EQ(job->phase(), Job::Phase::Finished);
	EXPECT_EQ(job->lastOutcome(), Outcome::Succeeded);
	EXPECT_FALSE(core.store.flush());
	auto record = core.recordOnDisk("a");
	ASSERT_TRUE(record);
	EXPECT_EQ(record->run.outcome, Outcome::Succeeded);
}

TEST(Job, AFailedPollIsAskedAgainAfterTheLongerOfThePollIntervalAndTheRetryBackoff)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	CallTimes polls;
	core.dbs().onCall = [&](const test::FakeDbsApi::Call &call) {
		if (call.action == "DescribeRestoreTaskList")
			polls.at.push_back(core.clock.steadyMs());
	};
	// Backoff 300 ms doubling up to 5 s, no jitter; polls every second.
	auto timing = "retry: {max_attempts: 4, initial_backoff: 300ms, max_backoff: 5s, jitter: none}\n"
		      "poll_interval: 1s\nstall_timeout: 1h\ndeadline: 6h\n";
	auto job = startJob(core, test::startExistingJob("a", "rt-1", timing));
	core.clock.settle();
	for (int i = 0; i < 5; ++i)
		core.dbs().failures["DescribeRestoreTaskList"].push_back(transient());
	core.clock.advance(12s);

	// A re-poll is wanted max(1 s, 300 ms * 2^n) after the n-th failure in
	// a row (n = 0..4) and leaves the poller's 200 ms coalescing window
	// later; the sixth poll is answered.
	ASSERT_GE(polls.at.size(), 6u);
	auto gaps = polls.gaps();
	EXPECT_EQ(std::vector<std::int64_t>(gaps.begin(), gaps.begin() + 5),
		  (std::vector<std::int64_t>{1000 + 200, 1000 + 200, 1200 + 200, 2400 + 200, 4800 + 200}));
	EXPECT_EQ(core.eventLines("api_call_failed").size(), 5u);
	EXPECT_EQ(job->machineState(), MachineState::Polling)
		<< "a failed poll is the daemon's to retry, not a failed step";

	// A server's retry hint is a floor; a successful poll started the count
	// again, so the backoff alone would be 1.2 s (throttled: 300 ms x 4).
	polls.at.clear();
	base::ApiError throttled = base::ApiError::local(base::ErrorClass::Throttled, "Throttling.User", "slow down");
	throttled.retryAfter = 3s;
	core.dbs().failures["DescribeRestoreTaskList"].push_back(throttled);
	core.clock.advance(5s);
	ASSERT_GE(polls.at.size(), 2u);
	EXPECT_EQ(polls.at[1] - polls.at[0], 3000 + 200)
		<< "the first poll here failed throttled, the second is its re-poll";
}

TEST(Job, ABackupStepPollsItsNewSetAndAnUnlistedSetIsPolledAgain)
{
	CoreHarness core;
	auto job = startJob(core, test::backupJob("b", "plan-1"));
	core.clock.settle();
	ASSERT_EQ(core.dbs().count("StartBackupPlan", "plan-1"), 1);
	// The plan does not list its new set yet.
	auto sets = std::exchange(core.dbs().backupSets["plan-1"], {});
	core.clock.advance(2s);
	EXPECT_GE(core.dbs().count("DescribeFullBackupList", "plan-1/set-1"), 1);
	auto failed = core.eventLines("api_call_failed");
	ASSERT_FALSE(failed.empty());
	EXPECT_NE(failed.front().find("Local.BackupSetNotListed"), std::string::npos) << failed.front();
	EXPECT_EQ(job->machineState(), MachineState::Polling);

	sets.at(0).backupStatus = "finish";
	core.dbs().backupSets["plan-1"] = sets;
	core.clock.advance(3s);
	EXPECT_EQ(job->lastOutcome(), Outcome::Succeeded);
}

TEST(Job, CancellingARunningJobEndsItsRunAndItsPolls)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	auto job = startJob(core, test::startExistingJob("a", "rt-1"));
	core.clock.advance(2s);
	ASSERT_EQ(job->machineState(), MachineState::Polling);
	job->cancel("its job file was removed");
	core.clock.settle();
	EXPECT_EQ(core.finishedRuns, std::vector<std::string>{"a"});
	EXPECT_EQ(job->lastOutcome(), Outcome::Cancelled);
	EXPECT_FALSE(core.eventLines("cancelled").empty());
	// A poll wanted before the cancel may still leave with its batch (the
	// poller serves every job); its answer is not fed to the ended run.
	core.clock.advance(1s);
	auto calls = core.dbs().calls.size();
	core.clock.advance(1min);
	EXPECT_EQ(core.dbs().calls.size(), calls) << "no poll is wanted after the run ended";
	EXPECT_EQ(job->lastOutcome(), Outcome::Cancelled);
}

TEST(Job, AJobGoneWhileItsCallIsInFlightIsNotAnswered)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	core.dbs().hold = true;
	auto job = startJob(core, test::startExistingJob("a", "rt-1"));
	core.clock.settle();
	ASSERT_EQ(core.dbs().heldAnswers(), 1u);
	std::weak_ptr<Job> gone = job;
	job.reset();
	ASSERT_TRUE(gone.expired());
	core.dbs().release();
	core.clock.advance(1min);
	EXPECT_TRUE(core.eventLines("restore_started").empty());
	EXPECT_EQ(core.dbs().count("DescribeRestoreTaskList"), 0);
}

TEST(Job, AtShutdownTheRunIsSavedResumable)
{
	CoreHarness core;
	core.dbs().addTask("rt-1", "init");
	auto job = startJob(core, test::startExistingJob("a", "rt-1"));
	core.clock.advance(2s);
	job->shutdown();
	EXPECT_FALSE(core.store.flush());
	auto record = core.recordOnDisk("a");
	ASSERT_TRUE(record);
	EXPECT_EQ(record->run.outcome, Outcome::None);
	EXPECT_EQ(record->run.steps.at(0).restoreTaskId, "rt-1");
	EXPECT_EQ(record->run.steps.at(0).phase, statemachine::StepPhase::Polling)
		<< "resumes by polling, not starting again";
	EXPECT_FALSE(core.eventLines("shutdown").empty());
}

} // namespace
} // namespace restored
