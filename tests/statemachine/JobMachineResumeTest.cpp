// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobMachine.h"

#include <functional>

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/JobRunJson.h"

// Crash safety: a machine rebuilt from the persisted record (through the
// JSON codec, as the daemon does) continues where the old one stopped.

namespace statemachine {
namespace {

using namespace test;
using base::ErrorClass;

// What the daemon would have on disk after executing `cs`: the record as of
// the last Persist. The daemon writes JobMachine::run() when it executes a
// Persist command, after handle() returned, so this is run() itself.
JobRun onDisk(const JobMachine &m, const Commands &cs)
{
	EXPECT_NE(first<Persist>(cs), nullptr);
	return parseJobRun(serializeJobRun(m.run()));
}

TEST(JobMachineResume, EveryPersistedPhaseResumesIntoTheRightState)
{
	struct Case {
		const char *name;
		config::JobSpec spec;
		std::function<Commands(JobMachine &)> drive; // returns the batch whose Persist is the crash point
		MachineState expected;
		std::function<void(const Commands &, const JobRun &)> check;
	};
	const Case cases[] = {
		{"creating, sent and unanswered", createRestoreSpec(),
		 [](JobMachine &m) {
			 return m.handle(JobStarted{shared(createRestoreSpec()), t0, "0000000000000001"});
		 },
		 MachineState::Calling,
		 [](const Commands &cs, const JobRun &) {
			 // The lost create may have happened: the run's task is looked for by
			 // name first (JobMachineEvidenceTest follows it to the re-send).
			 ASSERT_NE(first<CallApi>(cs), nullptr);
			 EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::FindRestoreTask);
			 EXPECT_TRUE(first<CallApi>(cs)->clientToken.empty());
		 }},
		{"starting a created task, sent and unanswered", createRestoreSpec(),
		 [](JobMachine &m) {
			 m.handle(JobStarted{shared(createRestoreSpec()), t0, "0000000000000002"});
			 return m.handle(ApiSucceeded{ApiAction::CreateRestoreTask, t0 + 1, "", "rtemu3", ""});
		 },
		 MachineState::Calling,
		 [](const Commands &cs, const JobRun &r) {
			 ASSERT_NE(first<CallApi>(cs), nullptr);
			 EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::StartRestoreTask);
			 EXPECT_EQ(first<CallApi>(cs)->clientToken, r.steps[0].startToken);
			 EXPECT_EQ(r.steps[0].restoreTaskId, "rtemu3");
		 }},
		{"waiting to retry", existingRestoreSpec(),
		 [](JobMachine &m) {
			 m.handle(JobStarted{shared(existingRestoreSpec()), t0, "0000000000000003"});
			 return m.handle(
				 failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Transient, "InternalError"));
		 },
		 MachineState::Calling,
		 [](const Commands &cs, const JobRun &r) {
			 ASSERT_NE(first<CallApi>(cs), nullptr);
			 EXPECT_EQ(first<CallApi>(cs)->clientToken, r.steps[0].startToken);
			 EXPECT_EQ(r.steps[0].failedAttempts, 1) << "the retry budget survives the restart";
		 }},
		{"polling a running restore", existingRestoreSpec(),
		 [](JobMachine &m) {
			 startExisting(m, existingRestoreSpec());
			 return m.handle(restorePoll(t0 + 60'000, "rtdemoexisting01", "running", {100, 40, 0, 0}));
		 },
		 MachineState::Polling,
		 [](const Commands &cs, const JobRun &r) {
			 EXPECT_EQ(first<CallApi>(cs), nullptr) << "a running restore is polled, not started again";
			 ASSERT_NE(first<WantPoll>(cs), nullptr);
			 EXPECT_EQ(first<WantPoll>(cs)->restoreTaskId, "rtdemoexisting01");
			 ASSERT_EQ(timers(cs, TimerKind::Stall).size(), 1u);
			 EXPECT_EQ(timers(cs, TimerKind::Stall)[0].atMs, r.lastProgressChangeMs + 30 * 60'000);
		 }},
		{"paused", existingRestoreSpec(),
		 [](JobMachine &m) {
			 startExisting(m, existingRestoreSpec());
			 return m.handle(restorePoll(t0 + 60'000, "rtdemoexisting01", "pause"));
		 },
		 MachineState::Paused,
		 [](const Commands &cs, const JobRun &) {
			 ASSERT_NE(first<WantPoll>(cs), nullptr);
			 EXPECT_TRUE(timers(cs, TimerKind::Stall).empty());
		 }},
		{"waiting for the backup set", backupThenRestoreSpec(true),
		 [](JobMachine &m) {
			 m.handle(JobStarted{shared(backupThenRestoreSpec(true)), t0, "0000000000000004"});
			 listBackupSets(m, t0);
			 return m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 1, "1h7set", "", ""});
		 },
		 MachineState::Polling,
		 [](const Commands &cs, const JobRun &) {
			 ASSERT_NE(first<WantBackupSetPoll>(cs), nullptr);
			 EXPECT_EQ(first<WantBackupSetPoll>(cs)->backupSetId, "1h7set");
		 }},
		{"fetching the error code (re-polls, sees stop again)", existingRestoreSpec("rtdemofail01"),
		 [](JobMachine &m) {
			 startExisting(m, existingRestoreSpec("rtdemofail01"));
			 return m.handle(restorePoll(t0 + 60'000, "rtdemofail01", "stop"));
		 },
		 MachineState::Polling,
		 [](const Commands &cs, const JobRun &) { ASSERT_NE(first<WantPoll>(cs), nullptr); }},
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.name);
		ScriptedRandom rng({0.5});
		JobMachine before(rng);
		const Commands last = c.drive(before);
		const JobRun saved = onDisk(before, last);

		JobMachine after(shared(c.spec), saved, rng);
		EXPECT_EQ(after.state(), MachineState::Idle);
		const Commands cs = after.resume(t0 + 3'600'000);
		EXPECT_EQ(after.state(), c.expected);
		EXPECT_EQ(countLogs(cs, LogKind::RunResumed), 1);
		EXPECT_TRUE(persistPrecedesEveryMutatingCall(cs));
		ASSERT_EQ(timers(cs, TimerKind::Deadline).size(), 1u);
		EXPECT_EQ(timers(cs, TimerKind::Deadline)[0].atMs, saved.deadlineAtMs) << "the deadline stays absolute";
		EXPECT_EQ(after.run().runId, saved.runId);
		c.check(cs, after.run());
	}
}

TEST(JobMachineResume, ResentStartRefusedAsRunningIsTreatedAsStarted)
{
	ScriptedRandom rng({0.5});
	JobMachine before(rng);
	const Commands cs0 = before.handle(JobStarted{shared(existingRestoreSpec()), t0, "0000000000000005"});
	const JobRun saved = onDisk(before, cs0); // crash: the reply to StartRestoreTask is lost

	JobMachine after(shared(existingRestoreSpec()), saved, rng);
	const Commands cs1 = after.resume(t0 + 60'000);
	ASSERT_NE(first<CallApi>(cs1), nullptr);
	EXPECT_EQ(first<CallApi>(cs1)->clientToken, first<CallApi>(cs0)->clientToken);
	const Commands cs2 = after.handle(failure(ApiAction::StartRestoreTask, t0 + 61'000, ErrorClass::Business,
						  "InvalidStatus", "cannot be started in status running"));
	EXPECT_EQ(after.state(), MachineState::Polling);
	EXPECT_EQ(countLogs(cs2, LogKind::StartAdopted), 0) << "the poll decides, not the code";
	const Commands cs3 = after.handle(restorePoll(t0 + 90'000, "rtdemoexisting01", "finish", {}, t0 + 89'000));
	EXPECT_EQ(countLogs(cs3, LogKind::StartAdopted), 1);
	EXPECT_EQ(after.state(), MachineState::Succeeded);
}

TEST(JobMachineResume, ChangedSpecFailsTheOldRunClearly)
{
	ScriptedRandom rng({0.5});
	JobMachine before(rng);
	const Commands cs0 = startExisting(before, existingRestoreSpec());
	const JobRun saved = onDisk(before, cs0);
	config::JobSpec edited = existingRestoreSpec();
	edited.specHash = "hash-edited";
	JobMachine after(shared(edited), saved, rng);
	const Commands cs = after.resume(t0 + 1000);
	EXPECT_EQ(after.state(), MachineState::Failed);
	EXPECT_NE(after.run().reason.find("job file changed"), std::string::npos);
	EXPECT_EQ(countLogs(cs, LogKind::RestoreKeepsRunning), 1);
	EXPECT_EQ(first<CallApi>(cs), nullptr);
}

TEST(JobMachineResume, DeadlinePassedWhileDownFailsOnTheFirstTimer)
{
	ScriptedRandom rng({0.5});
	JobMachine before(rng);
	const Commands cs0 = startExisting(before, existingRestoreSpec());
	JobMachine after(shared(existingRestoreSpec()), onDisk(before, cs0), rng);
	const Commands cs = after.resume(t0 + 7 * 3'600'000);
	// The deadline timer is armed in the past; the daemon fires it at once.
	ASSERT_EQ(timers(cs, TimerKind::Deadline).size(), 1u);
	after.handle(TimerFired{TimerKind::Deadline, t0 + 7 * 3'600'000});
	EXPECT_EQ(after.state(), MachineState::FetchingErrorDetail) << "DBS is asked why first";
	after.handle(JobErrorCodeAnswered{t0 + 7 * 3'600'000 + 100, std::nullopt, std::nullopt});
	EXPECT_EQ(after.state(), MachineState::Failed);
}

} // namespace
} // namespace statemachine
