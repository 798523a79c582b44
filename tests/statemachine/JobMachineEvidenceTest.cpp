// SPDX-License-Identifier: Apache-2.0
// The evidence rules (docs/state-machine.md): a refused start is judged by
// the task's status, never by the refusal's code; a task that stays init
// gets DBS's own reason; stall and deadline ask DBS why; a gone task fails
// its job; a re-sent create looks for the run's task by name first.
#include "statemachine/JobMachine.h"

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/ClientToken.h"

namespace statemachine {
namespace {

using namespace test;
using base::ErrorClass;

const std::string task = "rtdemoexisting01";

// A start whose reply was lost, re-sent, and refused with `code`.
Commands refusedResend(JobMachine &m, const config::JobSpec &spec, ErrorClass cls, const std::string &code,
		       int httpStatus = 400)
{
	m.handle(JobStarted{shared(spec), t0, "00000000000000aa"});
	m.handle(failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Transient, "Transport.Reset"));
	m.handle(TimerFired{TimerKind::Retry, t0 + 2000});
	ApiFailed refusal = failure(ApiAction::StartRestoreTask, t0 + 2100, cls, code, "refused");
	refusal.error.httpStatus = httpStatus;
	return m.handle(refusal);
}

JobErrorCodeAnswered detail(std::int64_t now, std::string code, std::string message)
{
	return JobErrorCodeAnswered{now, JobErrorDetail{std::move(code), std::move(message), task, "", "RESTORE"},
				    std::nullopt};
}

struct Refusal {
	ErrorClass cls;
	const char *code;
	int httpStatus;
};

const Refusal everyReading[] = {
	{ErrorClass::Permanent, "InvalidStatus", 400},         {ErrorClass::Permanent, "InvalidStatus", 403},
	{ErrorClass::Permanent, "InvalidJobId", 400},          {ErrorClass::Permanent, "InvalidJobId", 403},
	{ErrorClass::Permanent, "InvalidParameterValid", 400}, {ErrorClass::Permanent, "Request.Forbidden", 403},
	{ErrorClass::Business, "InvalidJobId", 200},           {ErrorClass::Permanent, "SomethingNoOneDocumented", 400},
};

TEST(Evidence, ARefusedResentStartIsAdoptedWhenThePollShowsTheTaskStartedWhateverTheCode)
{
	for (const Refusal &r : everyReading) {
		ScriptedRandom rng({0.5});
		JobMachine m(rng);
		Commands cs = refusedResend(m, existingRestoreSpec(), r.cls, r.code, r.httpStatus);
		EXPECT_EQ(m.state(), MachineState::Polling) << r.code;
		ASSERT_NE(first<WantPoll>(cs), nullptr) << r.code;
		EXPECT_TRUE(m.run().steps[0].startUnconfirmed);
		cs = m.handle(restorePoll(t0 + 30'000, task, "running", {10, 0, 0, 0}));
		EXPECT_EQ(countLogs(cs, LogKind::StartAdopted), 1) << r.code;
		EXPECT_FALSE(m.run().steps[0].startUnconfirmed);
		cs = m.handle(restorePoll(t0 + 60'000, task, "finish", {100, 100, 100, 100}, t0 + 59'000));
		EXPECT_EQ(m.state(), MachineState::Succeeded) << r.code;
	}
}

TEST(Evidence, ARefusedResentStartWhoseTaskIsStillInitIsSentAgainWithTheSameToken)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	refusedResend(m, existingRestoreSpec(), ErrorClass::Permanent, "InvalidJobId");
	const std::string token = m.run().steps[0].startToken;
	Commands cs = m.handle(restorePoll(t0 + 30'000, task, "init"));
	EXPECT_EQ(m.state(), MachineState::Polling);
	ASSERT_NE(first<CallApi>(cs), nullptr) << "first: does DBS name an error for the task?";
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::DescribeJobErrorCode);
	cs = m.handle(detail(t0 + 30'500, "", ""));
	EXPECT_EQ(m.state(), MachineState::WaitingRetry);
	ASSERT_EQ(timers(cs, TimerKind::Retry).size(), 1u);
	cs = m.handle(TimerFired{TimerKind::Retry, timers(cs, TimerKind::Retry)[0].atMs});
	const CallApi *call = first<CallApi>(cs);
	ASSERT_NE(call, nullptr);
	EXPECT_EQ(call->action, ApiAction::StartRestoreTask);
	EXPECT_EQ(call->clientToken, token);
	cs = m.handle(ApiSucceeded{ApiAction::StartRestoreTask, t0 + 90'000, "", task, "req"});
	EXPECT_EQ(m.state(), MachineState::Polling);
}

TEST(Evidence, StartsRefusedUntilTheBudgetEndsFailWithTheRefusalAndDbsReason)
{
	config::JobSpec spec = existingRestoreSpec();
	spec.retry.maxAttempts = 2;
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	refusedResend(m, spec, ErrorClass::Permanent, "InvalidParameterValid");
	Commands cs = m.handle(restorePoll(t0 + 30'000, task, "init"));
	const CallApi *call = first<CallApi>(cs);
	ASSERT_NE(call, nullptr);
	EXPECT_EQ(call->action, ApiAction::DescribeJobErrorCode);
	m.handle(JobErrorCodeAnswered{t0 + 31'000, std::nullopt,
				      base::ApiError{ErrorClass::Throttled, "Throttling", "slow down", "", 429,
						     std::nullopt}});
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_NE(m.run().reason.find("InvalidParameterValid"), std::string::npos) << m.run().reason;
	EXPECT_NE(m.run().reason.find("after 2 attempts"), std::string::npos) << m.run().reason;
}

TEST(Evidence, ARefusedStartWhoseTaskStaysInitWithAnErrorIsAPrecheckFailureNotARetry)
{
	// The start had taken effect (its reply lost) and the precheck failed:
	// the task stays init, which alone looks like "the start did not take".
	// DBS's error for the task tells them apart.
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	refusedResend(m, existingRestoreSpec(), ErrorClass::Permanent, "InvalidStatus");
	m.handle(restorePoll(t0 + 30'000, task, "init"));
	m.handle(detail(t0 + 31'000, "precheck_failed", "Precheck failed: destination instance unreachable"));
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_EQ(m.run().steps[0].failedAttempts, 1) << "no start was sent again";
	EXPECT_NE(m.run().reason.find("Precheck failed: destination instance unreachable"), std::string::npos)
		<< m.run().reason;
}

TEST(Evidence, AFirstStartRefusedIsNotOursToAdopt)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"});
	m.handle(failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Permanent, "InvalidJobId"));
	EXPECT_EQ(m.state(), MachineState::Failed);
}

TEST(Evidence, PrecheckFailureIsReadFromDescribeJobErrorCodeWhileTheTaskStaysInit)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	int asked = 0;
	for (int i = 1; i <= 3; ++i) {
		Commands cs = m.handle(restorePoll(t0 + i * 30'000, task, "init"));
		for (const CallApi &c : all<CallApi>(cs))
			asked += c.action == ApiAction::DescribeJobErrorCode;
	}
	EXPECT_EQ(asked, 1) << "asked after the third init poll";
	EXPECT_EQ(m.state(), MachineState::Polling);
	m.handle(detail(t0 + 91'000, "PRECHECK_FAILED", "Precheck failed: destination instance unreachable"));
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_EQ(m.run().errCode, "PRECHECK_FAILED");
	EXPECT_NE(m.run().reason.find("Precheck failed: destination instance unreachable"), std::string::npos)
		<< m.run().reason;
}

TEST(Evidence, AnEmptyErrorCodeKeepsAnInitTaskPollingAndIsAskedAgainAtABoundedRate)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	int asked = 0;
	for (int i = 1; i <= 13; ++i) {
		Commands cs = m.handle(restorePoll(t0 + i * 30'000, task, "init"));
		for (const CallApi &c : all<CallApi>(cs))
			asked += c.action == ApiAction::DescribeJobErrorCode;
		if (!all<CallApi>(cs).empty())
			m.handle(detail(t0 + i * 30'000 + 500, "", ""));
		ASSERT_EQ(m.state(), MachineState::Polling) << "poll " << i;
	}
	EXPECT_EQ(asked, 3) << "polls 3, 8 and 13";
}

TEST(Evidence, AnErrorCodeOnceTheTaskRunsIsNoPrecheckFailure)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	for (int i = 1; i <= 3; ++i)
		m.handle(restorePoll(t0 + i * 30'000, task, "init"));
	m.handle(restorePoll(t0 + 100'000, task, "running", {5, 0, 0, 0}));
	m.handle(detail(t0 + 101'000, "SOME_CODE", "stale"));
	EXPECT_EQ(m.state(), MachineState::Polling);
}

TEST(Evidence, ATaskThatNeverLeavesInitFailsAtThePrecheckTimeoutWithDbsReason)
{
	config::JobSpec spec = existingRestoreSpec();
	spec.precheckTimeout = std::chrono::minutes(10);
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, spec);
	m.handle(restorePoll(t0 + 9 * 60'000, task, "init"));
	EXPECT_EQ(m.state(), MachineState::Polling);
	Commands cs = m.handle(restorePoll(t0 + 10 * 60'000 + 100, task, "init"));
	EXPECT_EQ(m.state(), MachineState::FetchingErrorDetail);
	m.handle(detail(t0 + 10 * 60'000 + 200, "", ""));
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_NE(m.run().reason.find("did not leave 'init'"), std::string::npos) << m.run().reason;
	EXPECT_NE(m.run().reason.find("precheck_timeout"), std::string::npos) << m.run().reason;
}

TEST(Evidence, StallAndDeadlineAskDbsForItsReasonBeforeFailing)
{
	for (TimerKind kind : {TimerKind::Stall, TimerKind::Deadline}) {
		ScriptedRandom rng({0.5});
		JobMachine m(rng);
		startExisting(m, existingRestoreSpec());
		m.handle(restorePoll(t0 + 30'000, task, "running", {10, 0, 0, 0}));
		const std::int64_t at = kind == TimerKind::Stall ? t0 + 30'000 + 30 * 60'000 : t0 + 6 * 3'600'000;
		Commands cs = m.handle(TimerFired{kind, at});
		EXPECT_EQ(m.state(), MachineState::FetchingErrorDetail);
		ASSERT_NE(first<CallApi>(cs), nullptr);
		EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::DescribeJobErrorCode);
		cs = m.handle(detail(at + 100, "DataSyncHang", "the data sync has not moved"));
		EXPECT_EQ(m.state(), MachineState::Failed);
		EXPECT_NE(m.run().reason.find(kind == TimerKind::Stall ? "stalled" : "deadline exceeded"),
			  std::string::npos);
		EXPECT_NE(m.run().reason.find("the data sync has not moved"), std::string::npos) << m.run().reason;
		EXPECT_EQ(countLogs(cs, LogKind::RestoreKeepsRunning), 1);
	}
}

TEST(Evidence, AGoneTaskFailsItsJobWithTheReason)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	m.handle(TaskGone{t0 + 40'000, "another-task", "not ours"});
	EXPECT_EQ(m.state(), MachineState::Polling) << "only the watched task counts";
	m.handle(TaskGone{t0 + 60'000, task, "two DescribeRestoreTaskList calls for this id alone did not list it"});
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_NE(m.run().reason.find("did not list it"), std::string::npos);
}

TEST(Evidence, AResentCreateFirstLooksForTheRunsTaskByName)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(createRestoreSpec()), t0, "3fa2b1c0deadbeef"});
	const std::string token = m.run().steps[0].createToken;
	m.handle(failure(ApiAction::CreateRestoreTask, t0 + 1, ErrorClass::Transient, "Transport.Reset"));
	Commands cs = m.handle(TimerFired{TimerKind::Retry, t0 + 5000});
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::FindRestoreTask);

	// Not found: the create is re-sent with its token.
	cs = m.handle(ApiSucceeded{ApiAction::FindRestoreTask, t0 + 5100, "", "", ""});
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::CreateRestoreTask);
	EXPECT_EQ(first<CallApi>(cs)->clientToken, token);

	// Lost again; this time the task is on the plan: it is started, not made twice.
	m.handle(failure(ApiAction::CreateRestoreTask, t0 + 5200, ErrorClass::Transient, "Transport.Reset"));
	cs = m.handle(TimerFired{TimerKind::Retry, t0 + 9000});
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::FindRestoreTask);
	cs = m.handle(ApiSucceeded{ApiAction::FindRestoreTask, t0 + 9100, "", "rtemu00000042", ""});
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::StartRestoreTask);
	EXPECT_EQ(m.run().steps[0].restoreTaskId, "rtemu00000042");
	EXPECT_EQ(countLogs(cs, LogKind::StartAdopted), 1);
}

TEST(Evidence, AResentStartBackupPlanFindsTheSetTheLostOneMadeByItsId)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	Commands cs = m.handle(JobStarted{shared(backupThenRestoreSpec(true)), t0, "00000000000000bb"});
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::ListBackupSets);
	cs = listBackupSets(m, t0 + 1, {"bsold1", "bsold2"});
	EXPECT_EQ(m.run().steps[0].knownBackupSets, (std::vector<std::string>{"bsold1", "bsold2"}));
	const std::string token = m.run().steps[0].startToken;
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::StartBackupPlan);

	// The reply is lost; nothing new on the plan yet: the start is re-sent with its token.
	m.handle(failure(ApiAction::StartBackupPlan, t0 + 2, ErrorClass::Transient, "Transport.Reset"));
	cs = m.handle(TimerFired{TimerKind::Retry, t0 + 3000});
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::FindBackupSet);
	ApiSucceeded none{ApiAction::FindBackupSet, t0 + 3100, "", "", ""};
	none.backupSetIds = {"bsold2", "bsold1"};
	cs = m.handle(none);
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::StartBackupPlan);
	EXPECT_EQ(first<CallApi>(cs)->clientToken, token);

	// Lost again, and this time a new set is there: it is the step's set.
	m.handle(failure(ApiAction::StartBackupPlan, t0 + 3200, ErrorClass::Transient, "Transport.Reset"));
	cs = m.handle(TimerFired{TimerKind::Retry, t0 + 9000});
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::FindBackupSet);
	ApiSucceeded found{ApiAction::FindBackupSet, t0 + 9100, "", "", ""};
	found.backupSetIds = {"bsold1", "bsnew3", "bsold2"};
	cs = m.handle(found);
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_EQ(m.run().steps[0].createdFullBackupSetId, "bsnew3");
	EXPECT_TRUE(m.run().steps[0].knownBackupSets.empty()) << "not kept once the set is known";
	ASSERT_NE(first<WantBackupSetPoll>(cs), nullptr);
	EXPECT_EQ(first<WantBackupSetPoll>(cs)->backupSetId, "bsnew3");
	EXPECT_EQ(countLogs(cs, LogKind::StartAdopted), 1);
}

TEST(Evidence, ARecordFromBeforeTheListingResendsItsStartAsBefore)
{
	ScriptedRandom rng({0.5});
	JobMachine before(rng);
	before.handle(JobStarted{shared(backupThenRestoreSpec(true)), t0, "00000000000000bc"});
	listBackupSets(before, t0 + 1);
	JobRun run = before.run();
	run.steps[0].backupSetsListed = false; // an older daemon's record: no snapshot
	JobMachine after(shared(backupThenRestoreSpec(true)), run, rng);
	const Commands cs = after.resume(t0 + 60'000);
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::StartBackupPlan);
	EXPECT_EQ(first<CallApi>(cs)->clientToken, run.steps[0].startToken);
}

TEST(Evidence, TheRunsTaskNameIsTheConfiguredNameWithARunAndStepSuffix)
{
	EXPECT_EQ(runTaskName("nightly", "3fa2b1c0deadbeef", 0), "nightly-3fa2b1c0s1");
	EXPECT_EQ(runTaskName("nightly", "3fa2b1c0deadbeef", 1), "nightly-3fa2b1c0s2");
	EXPECT_NE(runTaskName("nightly", "3fa2b1c0deadbeef", 0), runTaskName("nightly", "0000000000000001", 0));
}

} // namespace
} // namespace statemachine
