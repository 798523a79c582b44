// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobMachine.h"

#include <functional>

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/ClientToken.h"

// The successful paths through the machine, and the lifetime events
// (pause, unknown status, deadline, stall, cancel, shutdown, file changes,
// events the table has no row for).

namespace statemachine {
namespace {

using namespace test;

TEST(JobMachine, ExistingRestorePersistsThenStartsWithTheDerivedToken)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	const config::JobSpec spec = existingRestoreSpec();
	EXPECT_EQ(m.state(), MachineState::Idle);
	const Commands cs = m.handle(JobStarted{shared(spec), t0, "00000000000000aa"});
	EXPECT_EQ(m.state(), MachineState::Calling);
	const CallApi *call = first<CallApi>(cs);
	ASSERT_NE(call, nullptr);
	EXPECT_EQ(call->action, ApiAction::StartRestoreTask);
	EXPECT_EQ(call->clientToken, clientToken("existing", "00000000000000aa", 0, ApiAction::StartRestoreTask));
	EXPECT_EQ(call->stepIndex, 0);
	EXPECT_TRUE(persistPrecedesEveryMutatingCall(cs));
	EXPECT_LT(indexOf<Persist>(cs), indexOf<CallApi>(cs));
	EXPECT_TRUE(m.run().steps[0].startSent);
	EXPECT_EQ(m.run().steps[0].restoreTaskId, "rtdemoexisting01");
	ASSERT_EQ(timers(cs, TimerKind::Deadline).size(), 1u);
	EXPECT_EQ(timers(cs, TimerKind::Deadline)[0].atMs, t0 + 6 * 3'600'000);
	EXPECT_EQ(countLogs(cs, LogKind::RunStarted), 1);
}

TEST(JobMachine, StartedRestoreIsPolledUntilFinish)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	const config::JobSpec spec = existingRestoreSpec();
	Commands cs = startExisting(m, spec);
	EXPECT_EQ(m.state(), MachineState::Polling);
	ASSERT_NE(first<WantPoll>(cs), nullptr);
	EXPECT_EQ(first<WantPoll>(cs)->restoreTaskId, "rtdemoexisting01");
	ASSERT_EQ(timers(cs, TimerKind::Stall).size(), 1u);
	EXPECT_EQ(timers(cs, TimerKind::Stall)[0].atMs, t0 + 100 + 30 * 60'000);

	cs = m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "running", {100, 10, 0, 0}));
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_EQ(countLogs(cs, LogKind::Progress), 1);
	EXPECT_NE(first<Persist>(cs), nullptr) << "progress changes are durable (stall detection survives restarts)";
	ASSERT_EQ(timers(cs, TimerKind::Poll).size(), 1u);
	EXPECT_EQ(timers(cs, TimerKind::Poll)[0].atMs, t0 + 60'000);
	EXPECT_EQ(m.run().lastProgress, (std::array<int, 4>{100, 10, 0, 0}));

	cs = m.handle(TimerFired{TimerKind::Poll, t0 + 60'000});
	EXPECT_EQ(cs.size(), 1u);
	ASSERT_NE(first<WantPoll>(cs), nullptr);

	cs = m.handle(restorePoll(t0 + 60'000, "rtdemoexisting01", "running", {100, 10, 0, 0}));
	EXPECT_EQ(countLogs(cs, LogKind::Progress), 0);
	EXPECT_EQ(first<Persist>(cs), nullptr) << "an unchanged poll writes nothing";

	cs = m.handle(restorePoll(t0 + 90'000, "rtdemoexisting01", "finish", {100, 100, 100, 100}, t0 + 89'000));
	EXPECT_EQ(m.state(), MachineState::Succeeded);
	EXPECT_TRUE(m.finished());
	const Finished *f = first<Finished>(cs);
	ASSERT_NE(f, nullptr);
	EXPECT_EQ(f->outcome, Outcome::Succeeded);
	EXPECT_LT(indexOf<Persist>(cs), indexOf<Finished>(cs));
	EXPECT_EQ(m.run().outcome, Outcome::Succeeded);
	EXPECT_EQ(m.run().steps[0].phase, StepPhase::Done);
}

TEST(JobMachine, CreateRestoreCreatesThenStartsTheNewTask)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	Commands cs = m.handle(JobStarted{shared(createRestoreSpec()), t0, "00000000000000bb"});
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::CreateRestoreTask);
	EXPECT_EQ(first<CallApi>(cs)->clientToken, m.run().steps[0].createToken);

	cs = m.handle(ApiSucceeded{ApiAction::CreateRestoreTask, t0 + 1, "", "rtemu7", "req"});
	EXPECT_EQ(m.state(), MachineState::Calling);
	EXPECT_EQ(m.run().steps[0].restoreTaskId, "rtemu7");
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::StartRestoreTask);
	EXPECT_EQ(first<CallApi>(cs)->clientToken, m.run().steps[0].startToken);
	EXPECT_TRUE(persistPrecedesEveryMutatingCall(cs));

	cs = m.handle(ApiSucceeded{ApiAction::StartRestoreTask, t0 + 2, "", "rtemu7", "req"});
	EXPECT_EQ(m.state(), MachineState::Polling);
	ASSERT_NE(first<WantPoll>(cs), nullptr);
	EXPECT_EQ(first<WantPoll>(cs)->restoreTaskId, "rtemu7");
}

TEST(JobMachine, BackupWaitsForTheSetThenRestoresFromIt)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	Commands cs = m.handle(JobStarted{shared(backupThenRestoreSpec(true)), t0, "00000000000000cc"});
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::ListBackupSets) << "the plan's sets before the start";
	cs = listBackupSets(m, t0, {"older1"});
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::StartBackupPlan);
	EXPECT_TRUE(persistPrecedesEveryMutatingCall(cs));

	cs = m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 1, "1h7set", "", "req"});
	EXPECT_EQ(m.state(), MachineState::Polling);
	const WantBackupSetPoll *p = first<WantBackupSetPoll>(cs);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->backupPlanId, "dbsplandemo01");
	EXPECT_EQ(p->backupSetId, "1h7set");

	cs = m.handle(BackupSetPolled{t0 + 60'000, "1h7set", "running", ""});
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_EQ(timers(cs, TimerKind::Poll).size(), 1u);

	cs = m.handle(BackupSetPolled{t0 + 1'200'000, "1h7set", "finish", ""});
	EXPECT_EQ(m.state(), MachineState::Calling);
	EXPECT_EQ(m.run().stepIndex, 1);
	EXPECT_EQ(m.run().steps[0].phase, StepPhase::Done);
	EXPECT_EQ(m.run().steps[0].createdFullBackupSetId, "1h7set");
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::CreateRestoreTask);
	EXPECT_EQ(first<CallApi>(cs)->stepIndex, 1);
	EXPECT_TRUE(persistPrecedesEveryMutatingCall(cs));
	EXPECT_EQ(countLogs(cs, LogKind::StepSucceeded), 1);
}

TEST(JobMachine, BackupWithoutWaitGoesStraightToTheNextStep)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(backupThenRestoreSpec(false)), t0, "00000000000000cc"});
	listBackupSets(m, t0);
	const Commands cs = m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 1, "1h7set", "", "req"});
	EXPECT_EQ(m.state(), MachineState::Calling);
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::CreateRestoreTask);
	EXPECT_EQ(first<WantBackupSetPoll>(cs), nullptr);
}

TEST(JobMachine, LastBackupStepWithoutWaitSucceedsOnTheCall)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	config::JobSpec spec = baseSpec("backup-only");
	spec.steps.push_back({config::BackupStep{"dbsplandemo01", false}});
	m.handle(JobStarted{shared(spec), t0, "00000000000000dd"});
	listBackupSets(m, t0);
	const Commands cs = m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 1, "", "", "req"});
	EXPECT_EQ(m.state(), MachineState::Succeeded);
	ASSERT_NE(first<Finished>(cs), nullptr);
}

TEST(JobMachine, PauseIsShownStillPolledAndBoundByTheDeadline)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	Commands cs = m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "pause", {100, 50, 0, 0}));
	EXPECT_EQ(m.state(), MachineState::Paused);
	EXPECT_FALSE(m.finished());
	EXPECT_EQ(countLogs(cs, LogKind::Paused), 1);
	EXPECT_EQ(timers(cs, TimerKind::Poll).size(), 1u) << "a paused task is still polled";
	EXPECT_TRUE(m.run().paused);

	// A stall timer does not fire while paused: the pause is deliberate.
	cs = m.handle(TimerFired{TimerKind::Stall, t0 + 31 * 60'000});
	EXPECT_EQ(m.state(), MachineState::Paused);

	cs = m.handle(restorePoll(t0 + 60'000, "rtdemoexisting01", "pause", {100, 50, 0, 0}));
	EXPECT_EQ(countLogs(cs, LogKind::Paused), 0) << "logged on the change only";

	cs = m.handle(restorePoll(t0 + 90'000, "rtdemoexisting01", "running", {100, 50, 0, 0}));
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_EQ(countLogs(cs, LogKind::Unpaused), 1);
	EXPECT_EQ(m.run().lastProgressChangeMs, t0 + 90'000) << "time paused does not count towards a stall";

	m.handle(restorePoll(t0 + 120'000, "rtdemoexisting01", "pause", {100, 50, 0, 0}));
	m.handle(TimerFired{TimerKind::Deadline, t0 + 6 * 3'600'000});
	EXPECT_EQ(m.state(), MachineState::FetchingErrorDetail) << "DBS is asked why first";
	cs = m.handle(JobErrorCodeAnswered{t0 + 6 * 3'600'000 + 100, JobErrorDetail{}, std::nullopt});
	EXPECT_EQ(m.state(), MachineState::Failed);
	ASSERT_NE(first<Finished>(cs), nullptr);
	EXPECT_NE(first<Finished>(cs)->reason.find("deadline exceeded"), std::string::npos);
}

TEST(JobMachine, UnknownStatusIsLoggedOncePerRunAndPolledOn)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	Commands cs = m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "restoring"));
	EXPECT_EQ(countLogs(cs, LogKind::UnknownStatus), 1);
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_EQ(timers(cs, TimerKind::Poll).size(), 1u);
	cs = m.handle(restorePoll(t0 + 60'000, "rtdemoexisting01", "verifying"));
	EXPECT_EQ(countLogs(cs, LogKind::UnknownStatus), 0);
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_TRUE(m.run().unknownStatusLogged);
}

TEST(JobMachine, RunningWithAFinishTimeAsInSeed002IsNeverASuccess)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	Commands cs =
		m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "running", {100, 100, 100, 100}, 1554560477000));
	EXPECT_EQ(m.state(), MachineState::Polling) << "not a success, even at 100 %";
	EXPECT_EQ(countLogs(cs, LogKind::UnknownStatus), 1) << "the contradiction is reported once";
	cs = m.handle(restorePoll(t0 + 60'000, "rtdemoexisting01", "init", {}, 1554560477000));
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_EQ(countLogs(cs, LogKind::UnknownStatus), 0);
	cs = m.handle(restorePoll(t0 + 90'000, "rtdemoexisting01", "completed", {100, 100, 100, 100}, 0));
	EXPECT_EQ(m.state(), MachineState::Succeeded) << "an explicit success status decides";
}

TEST(JobMachine, DeadlineFailsTheRunOnlyOnceReached)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	Commands cs = m.handle(TimerFired{TimerKind::Deadline, t0 + 6 * 3'600'000 - 1});
	EXPECT_EQ(m.state(), MachineState::Polling) << "an early deadline timer is a guard reject";
	EXPECT_TRUE(cs.empty());
	cs = m.handle(TimerFired{TimerKind::Deadline, t0 + 6 * 3'600'000});
	EXPECT_EQ(m.state(), MachineState::FetchingErrorDetail) << "DBS is asked why first";
	cs = m.handle(JobErrorCodeAnswered{t0 + 6 * 3'600'000 + 100, JobErrorDetail{}, std::nullopt});
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_EQ(m.run().outcome, Outcome::Failed);
	EXPECT_NE(m.run().reason.find("deadline exceeded"), std::string::npos);
	EXPECT_EQ(countLogs(cs, LogKind::DeadlineExceeded), 1);
	EXPECT_EQ(countLogs(cs, LogKind::RestoreKeepsRunning), 1);
	EXPECT_LT(indexOf<Persist>(cs), indexOf<Finished>(cs));
}

TEST(JobMachine, DeadlineAlsoEndsARunThatIsWaitingToRetry)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(existingRestoreSpec()), t0, "00000000000000aa"});
	m.handle(failure(ApiAction::StartRestoreTask, t0 + 1, base::ErrorClass::Transient, "ServiceUnavailable"));
	ASSERT_EQ(m.state(), MachineState::WaitingRetry);
	m.handle(TimerFired{TimerKind::Deadline, t0 + 6 * 3'600'000});
	EXPECT_EQ(m.state(), MachineState::Failed);
}

TEST(JobMachine, StallFailsAfterNoProgressForTheStallTimeout)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	Commands cs = m.handle(restorePoll(t0 + 60'000, "rtdemoexisting01", "running", {100, 20, 0, 0}));
	ASSERT_EQ(timers(cs, TimerKind::Stall).size(), 1u);
	EXPECT_EQ(timers(cs, TimerKind::Stall)[0].atMs, t0 + 60'000 + 30 * 60'000);

	// A stall timer armed earlier, firing before the timeout since the last change: ignored.
	m.handle(TimerFired{TimerKind::Stall, t0 + 30 * 60'000});
	EXPECT_EQ(m.state(), MachineState::Polling);

	m.handle(restorePoll(t0 + 20 * 60'000, "rtdemoexisting01", "running", {100, 20, 0, 0}));
	m.handle(TimerFired{TimerKind::Stall, t0 + 60'000 + 30 * 60'000});
	EXPECT_EQ(m.state(), MachineState::FetchingErrorDetail) << "DBS is asked why first";
	cs = m.handle(JobErrorCodeAnswered{t0 + 60'000 + 30 * 60'000 + 100, JobErrorDetail{}, std::nullopt});
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_NE(m.run().reason.find("stalled"), std::string::npos);
	EXPECT_EQ(countLogs(cs, LogKind::Stalled), 1);
}

TEST(JobMachine, CancelFromEveryLiveStateEndsCancelled)
{
	struct Case {
		const char *name;
		std::function<void(JobMachine &)> reach;
		MachineState before;
		bool restoreKeepsRunning;
	};
	const config::JobSpec spec = existingRestoreSpec();
	const Case cases[] = {
		{"Idle (no run yet)", [](JobMachine &) {}, MachineState::Idle, false},
		{"Calling",
		 [&](JobMachine &m) {
			 m.handle(JobStarted{shared(spec), t0, "r"});
		 },
		 MachineState::Calling, true},
		{"WaitingRetry",
		 [&](JobMachine &m) {
			 m.handle(JobStarted{shared(spec), t0, "r"});
			 m.handle(failure(ApiAction::StartRestoreTask, t0 + 1, base::ErrorClass::Transient,
					  "InternalError"));
		 },
		 MachineState::WaitingRetry, true},
		{"Polling", [&](JobMachine &m) { startExisting(m, spec); }, MachineState::Polling, true},
		{"Paused",
		 [&](JobMachine &m) {
			 startExisting(m, spec);
			 m.handle(restorePoll(t0 + 1000, "rtdemoexisting01", "pause"));
		 },
		 MachineState::Paused, true},
		{"FetchingErrorDetail",
		 [&](JobMachine &m) {
			 startExisting(m, spec);
			 m.handle(restorePoll(t0 + 1000, "rtdemoexisting01", "stop"));
		 },
		 MachineState::FetchingErrorDetail, false},
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.name);
		ScriptedRandom rng({0.5});
		JobMachine m(rng);
		c.reach(m);
		if (c.before == MachineState::Idle) {
			// An idle fresh machine has no run to cancel: nothing happens.
			const Commands cs = m.handle(CancelRequested{t0, "operator"});
			EXPECT_EQ(m.state(), MachineState::Idle);
			EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
			continue;
		}
		ASSERT_EQ(m.state(), c.before);
		const Commands cs = m.handle(CancelRequested{t0 + 5000, "operator asked"});
		EXPECT_EQ(m.state(), MachineState::Cancelled);
		ASSERT_NE(first<Finished>(cs), nullptr);
		EXPECT_EQ(first<Finished>(cs)->outcome, Outcome::Cancelled);
		EXPECT_EQ(m.run().outcome, Outcome::Cancelled);
		EXPECT_EQ(countLogs(cs, LogKind::RestoreKeepsRunning), c.restoreKeepsRunning ? 1 : 0);
		EXPECT_LT(indexOf<Persist>(cs), indexOf<Finished>(cs));
	}
}

TEST(JobMachine, RemovedFileCancelsAndSaysTheRestoreKeepsRunning)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	const Commands cs = m.handle(FileRemoved{t0 + 1000});
	EXPECT_EQ(m.state(), MachineState::Cancelled);
	EXPECT_NE(m.run().reason.find("job file was removed"), std::string::npos);
	const Log *l = findLog(cs, LogKind::RestoreKeepsRunning);
	ASSERT_NE(l, nullptr);
	EXPECT_NE(l->message.find("rtdemoexisting01 keeps running"), std::string::npos);
	EXPECT_NE(l->message.find("no call to stop"), std::string::npos);
}

TEST(JobMachine, ShutdownPersistsWithoutEndingTheRun)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	const Commands cs = m.handle(ShutdownRequested{t0 + 1000});
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_FALSE(m.finished());
	EXPECT_NE(first<Persist>(cs), nullptr);
	EXPECT_EQ(first<Finished>(cs), nullptr);
	EXPECT_EQ(countLogs(cs, LogKind::ShutdownSaved), 1);
	EXPECT_EQ(m.run().outcome, Outcome::None);
}

TEST(JobMachine, ChangedFileIsLoggedAndTheRunKeepsItsSpec)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec());
	const Commands cs = m.handle(FileChanged{t0 + 1000, "newhash"});
	EXPECT_EQ(m.state(), MachineState::Polling);
	EXPECT_EQ(countLogs(cs, LogKind::SpecChanged), 1);
	EXPECT_EQ(m.run().specHash, "hash-existing");
}

TEST(JobMachine, EventsWithoutATransitionAreLoggedNotFatal)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	// Before any run.
	Commands cs = m.handle(TimerFired{TimerKind::Poll, t0});
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);

	startExisting(m, existingRestoreSpec());
	// A call answer while polling has no row: no_transition logs it.
	cs = m.handle(ApiSucceeded{ApiAction::StartRestoreTask, t0 + 5, "", "", ""});
	EXPECT_EQ(m.state(), MachineState::Polling);
	ASSERT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
	EXPECT_NE(findLog(cs, LogKind::EventIgnored)->message.find("ApiSucceeded in state Polling"), std::string::npos);

	// An answer to a lookup the machine did not make.
	cs = m.handle(TaskGone{t0 + 6, "rtother", "not watched"});
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
	EXPECT_EQ(m.state(), MachineState::Polling);

	// A poll for a task this step does not watch.
	cs = m.handle(restorePoll(t0 + 7, "rtother", "stop"));
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
	EXPECT_EQ(m.state(), MachineState::Polling);

	// After the end, everything is ignored (and said so).
	m.handle(CancelRequested{t0 + 8, "x"});
	cs = m.handle(restorePoll(t0 + 9, "rtdemoexisting01", "finish"));
	EXPECT_EQ(m.state(), MachineState::Cancelled);
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
}

TEST(JobMachine, StaleCallAnswersAreIgnored)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(createRestoreSpec()), t0, "r"});
	const Commands cs = m.handle(ApiSucceeded{ApiAction::StartRestoreTask, t0 + 1, "", "x", ""});
	EXPECT_EQ(m.state(), MachineState::Calling);
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
	EXPECT_TRUE(m.run().steps[0].restoreTaskId.empty());
}

} // namespace
} // namespace statemachine
