// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RunGuards.h"

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/RunContext.h"

// The decisions JobMachine's guards take before any action runs, asked of
// RunGuards directly: an answer to a call that is not in flight, a success
// that lacks the id the next step needs, a poll or TaskGone for what the
// step does not watch, and how a backup set's status reads. Each was made
// by the JobMachine facade before it reached the table.

namespace statemachine {
namespace {

using namespace test;

ScriptedRandom rng({0.5});

RunContext contextFor(const config::JobSpec &spec)
{
	return RunContext(shared(spec), RunContext::freshRun(spec, "00000000000000cc", t0), rng);
}

PollOutcome restorePolled(std::string id, std::string status, std::int64_t finishTimeMs = 0)
{
	return PollOutcome::of(RestorePolled{t0 + 30'000, std::move(id), std::move(status), {}, finishTimeMs, ""});
}

PollOutcome backupSetPolled(std::string id, std::string status)
{
	return PollOutcome::of(BackupSetPolled{t0 + 30'000, std::move(id), std::move(status), ""});
}

// A backup step whose StartBackupPlan made set "set1" and is now watched.
RunContext watchingBackupSet(bool wait = true)
{
	RunContext c = contextFor(backupThenRestoreSpec(wait));
	c.step().phase = StepPhase::Polling;
	c.step().createdFullBackupSetId = "set1";
	return c;
}

TEST(RunGuards, AnswerToAnotherCallThanTheOneInFlightIsNotInFlight)
{
	RunContext c = contextFor(createRestoreSpec());
	ASSERT_EQ(currentAction(c), ApiAction::CreateRestoreTask);
	EXPECT_EQ(afterCall(c, ApiSucceeded{ApiAction::StartRestoreTask, t0 + 1, "", "rt1", ""}),
		  AfterCall::NotInFlight);
	EXPECT_EQ(afterCall(c, ApiSucceeded{ApiAction::CreateRestoreTask, t0 + 1, "", "rt1", ""}), AfterCall::NextCall);
}

TEST(RunGuards, FailureOfAnotherCallThanTheOneInFlightIsNotInFlight)
{
	RunContext c = contextFor(createRestoreSpec());
	EXPECT_EQ(afterFailure(c, failure(ApiAction::StartRestoreTask, t0 + 1, base::ErrorClass::Permanent, "X")),
		  AfterFailure::NotInFlight);
	EXPECT_EQ(afterFailure(c, failure(ApiAction::CreateRestoreTask, t0 + 1, base::ErrorClass::Permanent, "X")),
		  AfterFailure::Fail);
}

TEST(RunGuards, CreateRestoreTaskSuccessWithoutRestoreTaskIdIsMissingId)
{
	RunContext c = contextFor(createRestoreSpec());
	const ApiSucceeded e{ApiAction::CreateRestoreTask, t0 + 1, "", "", "req-7"};
	EXPECT_EQ(afterCall(c, e), AfterCall::MissingId);
	EXPECT_EQ(missingId(c, e), "RestoreTaskId");
}

TEST(RunGuards, StartBackupPlanWithoutSetIdIsMissingIdOnlyWhenTheStepWaitsForTheSet)
{
	for (const bool wait : {true, false}) {
		SCOPED_TRACE(wait ? "waits" : "does not wait");
		RunContext c = contextFor(backupThenRestoreSpec(wait));
		c.step().backupSetsListed = true; // StartBackupPlan is the call in flight
		ASSERT_EQ(currentAction(c), ApiAction::StartBackupPlan);
		const ApiSucceeded e{ApiAction::StartBackupPlan, t0 + 1, "", "", ""};
		EXPECT_EQ(afterCall(c, e), wait ? AfterCall::MissingId : AfterCall::NextCall);
		EXPECT_EQ(missingId(c, e), wait ? "CreatedFullBackupsetId" : "");
	}
}

TEST(RunGuards, PollForAnotherRestoreTaskIsNotWatched)
{
	RunContext c = contextFor(existingRestoreSpec());
	c.step().phase = StepPhase::Polling;
	EXPECT_EQ(afterPoll(c, restorePolled("rtother", "finish")), AfterPoll::NotWatched);
	EXPECT_EQ(afterPoll(c, restorePolled("rtdemoexisting01", "finish")), AfterPoll::RunDone);
}

TEST(RunGuards, BackupSetPollWhileARestoreIsWatchedIsNotWatched)
{
	RunContext c = contextFor(existingRestoreSpec());
	c.step().phase = StepPhase::Polling;
	EXPECT_EQ(afterPoll(c, backupSetPolled("rtdemoexisting01", "finish")), AfterPoll::NotWatched);
}

TEST(RunGuards, RestorePollOrAnotherSetDuringABackupStepIsNotWatched)
{
	RunContext c = watchingBackupSet();
	EXPECT_EQ(afterPoll(c, restorePolled("set1", "finish")), AfterPoll::NotWatched);
	EXPECT_EQ(afterPoll(c, backupSetPolled("set2", "finish")), AfterPoll::NotWatched);
	EXPECT_EQ(afterPoll(c, backupSetPolled("set1", "finish")), AfterPoll::NextStep);
}

TEST(RunGuards, TaskGoneForAnotherTaskOrDuringABackupStepIsNotWatched)
{
	RunContext c = contextFor(existingRestoreSpec());
	EXPECT_TRUE(watchesTask(c, TaskGone{t0, "rtdemoexisting01", "deleted"}));
	EXPECT_FALSE(watchesTask(c, TaskGone{t0, "rtother", "deleted"}));
	EXPECT_FALSE(watchesTask(watchingBackupSet(), TaskGone{t0, "", "deleted"}));
}

TEST(RunGuards, BackupSetVerdictMapsFinishFailureAndEverythingElse)
{
	EXPECT_EQ(pollVerdict(backupSetPolled("set1", "finish")), RestoreVerdict::Succeeded);
	EXPECT_EQ(pollVerdict(backupSetPolled("set1", "Finish")), RestoreVerdict::Succeeded);
	EXPECT_EQ(pollVerdict(backupSetPolled("set1", "failed")), RestoreVerdict::Failed);
	EXPECT_EQ(pollVerdict(backupSetPolled("set1", "stop")), RestoreVerdict::Failed);
	// A backup set is never paused or unknown: anything else is still running.
	EXPECT_EQ(pollVerdict(backupSetPolled("set1", "pause")), RestoreVerdict::InProgress);
	EXPECT_EQ(pollVerdict(backupSetPolled("set1", "whatever")), RestoreVerdict::InProgress);
	EXPECT_EQ(pollVerdict(backupSetPolled("set1", "")), RestoreVerdict::InProgress);
}

TEST(RunGuards, BackupSetVerdictDecidesTheBackupStepsPoll)
{
	EXPECT_EQ(afterPoll(watchingBackupSet(), backupSetPolled("set1", "failed")), AfterPoll::AskDetail);
	EXPECT_EQ(afterPoll(watchingBackupSet(), backupSetPolled("set1", "running")), AfterPoll::Continue);
	EXPECT_EQ(afterPoll(watchingBackupSet(), backupSetPolled("set1", "pause")), AfterPoll::Continue);
}

TEST(RunGuards, RestoreVerdictAndContradictionComeFromTheStatusRules)
{
	EXPECT_EQ(pollVerdict(restorePolled("rt", "pause")), RestoreVerdict::Paused);
	EXPECT_EQ(pollVerdict(restorePolled("rt", "running", t0)), RestoreVerdict::InProgress);
	EXPECT_FALSE(pollContradiction(restorePolled("rt", "running", t0)).empty());
	EXPECT_TRUE(pollContradiction(restorePolled("rt", "running")).empty());
	// A backup set's answer has no finish time that could contradict its status.
	EXPECT_TRUE(pollContradiction(backupSetPolled("set1", "odd")).empty());
}

} // namespace
} // namespace statemachine
