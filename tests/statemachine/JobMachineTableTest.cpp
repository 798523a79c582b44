// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobMachine.h"

#include <functional>
#include <memory>

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/JobRunJson.h"

// One case per row of the transition table in JobMachine.cpp (numbered as in
// docs/state-machine.md: 1 to 29, the drill rows 30 to 35, the drops D1 to
// D4, and the decided states' wrap-up row W1): reach the row's source
// state, send its event, check the target state and the command that row
// exists to produce. The other test files look at each behaviour in depth.

namespace statemachine {
namespace {

using namespace test;
using base::ErrorClass;
using Machine = std::unique_ptr<JobMachine>;

ScriptedRandom rng({0.5});

Machine fresh() { return std::make_unique<JobMachine>(rng); }

Machine started(const config::JobSpec &spec)
{
	Machine m = fresh();
	m->handle(JobStarted{shared(spec), t0, "00000000000000ee"});
	return m;
}

Machine polling()
{
	Machine m = fresh();
	startExisting(*m, existingRestoreSpec());
	return m;
}

// A re-sent start (the first reply lost) was refused, and the poll that
// followed found the task still init: the machine asked DescribeJobErrorCode.
Machine refusedStartStillInit(config::JobSpec spec)
{
	Machine m = started(spec);
	m->handle(failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Transient, "Transport.Timeout"));
	m->handle(TimerFired{TimerKind::Retry, t0 + 2000});
	m->handle(failure(ApiAction::StartRestoreTask, t0 + 2100, ErrorClass::Permanent, "InvalidJobId"));
	m->handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "init"));
	return m;
}

Machine loaded(config::JobSpec spec, std::function<void(JobRun &)> edit = {})
{
	Machine before = polling();
	JobRun run = parseJobRun(serializeJobRun(before->run()));
	if (edit)
		edit(run);
	return std::make_unique<JobMachine>(shared(std::move(spec)), std::move(run), rng);
}

template<class T>
bool has(const Commands &cs)
{
	return first<T>(cs) != nullptr;
}

struct Row {
	int number;
	std::function<Machine()> source;
	MachineState sourceState;
	std::function<Commands(JobMachine &)> event;
	MachineState target;
	std::function<bool(const Commands &)> produced;
};

// Reaches the row's source state, sends its event, and checks the target
// and what the row exists to produce; the commands, for more checks.
Commands take(const Row &row)
{
	Machine m = row.source();
	EXPECT_EQ(m->state(), row.sourceState);
	if (m->state() != row.sourceState)
		return {};
	const Commands cs = row.event(*m);
	EXPECT_EQ(m->state(), row.target) << toString(m->state());
	EXPECT_TRUE(row.produced(cs));
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 0);
	return cs;
}

TEST(JobMachineTable, EveryRowTakesItsTransition)
{
	const config::JobSpec existing = existingRestoreSpec();
	const auto failed = [](ErrorClass c, const char *code) {
		return [=](JobMachine &m) { return m.handle(failure(ApiAction::StartRestoreTask, t0 + 5, c, code)); };
	};
	const Row rows[] = {
		{1, fresh, MachineState::Idle,
		 [&](JobMachine &m) {
			 return m.handle(JobStarted{shared(existing), t0, "r"});
		 },
		 MachineState::Calling, has<CallApi>},
		{2, [&] { return loaded(existing); }, MachineState::Idle,
		 [](JobMachine &m) { return m.resume(t0 + 10); }, MachineState::Polling, has<WantPoll>},
		{3, [&] { return loaded(existing, [](JobRun &r) { r.specHash = "other"; }); }, MachineState::Idle,
		 [](JobMachine &m) { return m.resume(t0 + 10); }, MachineState::Failed, has<Finished>},
		{4, [] { return started(createRestoreSpec()); }, MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(ApiSucceeded{ApiAction::CreateRestoreTask, t0 + 5, "", "rt1", ""});
		 },
		 MachineState::Calling, has<CallApi>},
		{5, [&] { return started(existing); }, MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(ApiSucceeded{ApiAction::StartRestoreTask, t0 + 5, "", "", ""});
		 },
		 MachineState::Polling, has<WantPoll>},
		{6,
		 [] {
			 config::JobSpec s = baseSpec("b");
			 s.steps.push_back({config::BackupStep{"dbsplandemo01", false}});
			 Machine m = started(s);
			 listBackupSets(*m, t0);
			 return m;
		 },
		 MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 5, "set", "", ""});
		 },
		 MachineState::Succeeded, has<Finished>},
		{7, [] { return started(createRestoreSpec()); }, MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(ApiSucceeded{ApiAction::CreateRestoreTask, t0 + 5, "", "", "req"});
		 },
		 MachineState::Failed, has<Finished>},
		{8, [&] { return started(existing); }, MachineState::Calling,
		 failed(ErrorClass::Transient, "InternalError"), MachineState::WaitingRetry, has<ArmTimer>},
		{9,
		 [&] {
			 Machine m = started(existing);
			 m->handle(failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Transient,
					   "Transport.Timeout"));
			 m->handle(TimerFired{TimerKind::Retry, t0 + 2000});
			 return m;
		 },
		 MachineState::Calling, failed(ErrorClass::Business, "InvalidStatus"), MachineState::Polling,
		 has<WantPoll>},
		{10, [&] { return started(existing); }, MachineState::Calling,
		 failed(ErrorClass::Permanent, "Forbidden.RAM"), MachineState::Failed, has<Finished>},
		{11,
		 [&] {
			 Machine m = started(existing);
			 m->handle(
				 failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Transient, "InternalError"));
			 return m;
		 },
		 MachineState::WaitingRetry,
		 [](JobMachine &m) {
			 return m.handle(TimerFired{TimerKind::Retry, t0 + 600});
		 },
		 MachineState::Calling, has<CallApi>},
		{12, polling, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(TimerFired{TimerKind::Poll, t0 + 30'000});
		 },
		 MachineState::Polling, has<WantPoll>},
		{13, polling, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(TimerFired{TimerKind::Deadline, t0 + 6 * 3'600'000});
		 },
		 MachineState::FetchingErrorDetail, has<CallApi>},
		{14, polling, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "running", {1, 0, 0, 0}));
		 },
		 MachineState::Polling, has<ArmTimer>},
		{15, polling, MachineState::Polling,
		 [](JobMachine &m) { return m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "stop")); },
		 MachineState::FetchingErrorDetail, has<CallApi>},
		{16,
		 [] {
			 Machine m = started(backupThenRestoreSpec(true));
			 listBackupSets(*m, t0);
			 m->handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 1, "set", "", ""});
			 return m;
		 },
		 MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(BackupSetPolled{t0 + 60'000, "set", "finish", ""});
		 },
		 MachineState::Calling, has<CallApi>},
		{17, polling, MachineState::Polling,
		 [](JobMachine &m) { return m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "finish")); },
		 MachineState::Succeeded, has<Finished>},
		{18,
		 [] {
			 Machine m = polling();
			 for (int i = 1; i <= 3; ++i)
				 m->handle(restorePoll(t0 + i * 30'000, "rtdemoexisting01", "init"));
			 return m;
		 },
		 MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(JobErrorCodeAnswered{t0 + 91'000, JobErrorDetail{}, std::nullopt});
		 },
		 MachineState::Polling, [](const Commands &cs) { return cs.empty(); }},
		{19,
		 [] {
			 Machine m = polling();
			 for (int i = 1; i <= 3; ++i)
				 m->handle(restorePoll(t0 + i * 30'000, "rtdemoexisting01", "init"));
			 return m;
		 },
		 MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(JobErrorCodeAnswered{
				 t0 + 91'000, JobErrorDetail{"PRECHECK", "no route", "", "", ""}, std::nullopt});
		 },
		 MachineState::Failed, has<Finished>},
		{20, [&] { return refusedStartStillInit(existing); }, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(JobErrorCodeAnswered{t0 + 31'000, JobErrorDetail{}, std::nullopt});
		 },
		 MachineState::WaitingRetry, has<ArmTimer>},
		{21,
		 [&] {
			 config::JobSpec once = existing;
			 once.retry.maxAttempts = 2;
			 return refusedStartStillInit(once);
		 },
		 MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(JobErrorCodeAnswered{t0 + 31'000, JobErrorDetail{}, std::nullopt});
		 },
		 MachineState::Failed, has<Finished>},
		{22, polling, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(TaskGone{t0 + 30'000, "rtdemoexisting01", "deleted"});
		 },
		 MachineState::Failed, has<Finished>},
		{23,
		 [] {
			 Machine m = polling();
			 m->handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "stop"));
			 return m;
		 },
		 MachineState::FetchingErrorDetail,
		 [](JobMachine &m) {
			 return m.handle(JobErrorCodeAnswered{t0 + 31'000, std::nullopt,
							      base::ApiError{ErrorClass::Transient, "InternalError",
									     "x", "", 500, std::nullopt}});
		 },
		 MachineState::FetchingErrorDetail, has<ArmTimer>},
		{24,
		 [] {
			 Machine m = polling();
			 m->handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "stop"));
			 m->handle(JobErrorCodeAnswered{t0 + 31'000, std::nullopt,
							base::ApiError{ErrorClass::Transient, "InternalError", "x", "",
								       500, std::nullopt}});
			 return m;
		 },
		 MachineState::FetchingErrorDetail,
		 [](JobMachine &m) {
			 return m.handle(TimerFired{TimerKind::Retry, t0 + 40'000});
		 },
		 MachineState::FetchingErrorDetail, has<CallApi>},
		{25,
		 [] {
			 Machine m = polling();
			 m->handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "stop"));
			 return m;
		 },
		 MachineState::FetchingErrorDetail,
		 [](JobMachine &m) {
			 return m.handle(JobErrorCodeAnswered{t0 + 31'000, JobErrorDetail{}, std::nullopt});
		 },
		 MachineState::Failed, has<Finished>},
		{26, polling, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(CancelRequested{t0 + 1, "operator"});
		 },
		 MachineState::Cancelled, has<Finished>},
		{27, [&] { return started(existing); }, MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(TimerFired{TimerKind::Deadline, t0 + 6 * 3'600'000});
		 },
		 MachineState::Failed, has<Finished>},
		{28, polling, MachineState::Polling, [](JobMachine &m) { return m.handle(ShutdownRequested{t0 + 1}); },
		 MachineState::Polling, has<Persist>},
		{29, polling, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(FileChanged{t0 + 1, "h2"});
		 },
		 MachineState::Polling, has<Log>},
	};
	int number = 0;
	for (const Row &row : rows) {
		SCOPED_TRACE("row " + std::to_string(row.number));
		EXPECT_EQ(row.number, ++number) << "one case per row, in table order";
		const Commands cs = take(row);
		EXPECT_TRUE(persistPrecedesEveryMutatingCall(cs));
	}
	EXPECT_EQ(number, 29);
}

struct Drop {
	const char *name;
	std::function<Machine()> source;
	MachineState state;
	std::function<Commands(JobMachine &)> event;
	const char *logged;
};

TEST(JobMachineTable, EveryDrillRowTakesItsTransition)
{
	const config::JobSpec drill = drillSpec();
	config::JobSpec verifyOnly = drillSpec();
	verifyOnly.notify.reset();
	const auto pollingDrill = [&] {
		Machine m = fresh();
		startExisting(*m, drill);
		return m;
	};
	const auto finishPoll = [](JobMachine &m) {
		return m.handle(
			restorePoll(t0 + 60'000, "rtdemoexisting01", "finish", {100, 100, 100, 100}, t0 + 50'000));
	};
	const auto verifying = [finishPoll](const config::JobSpec &spec) {
		return [spec, finishPoll] {
			Machine m = fresh();
			startExisting(*m, spec);
			finishPoll(*m);
			return m;
		};
	};
	const auto reloaded = [](std::function<Machine()> before) {
		return [before] {
			Machine m = before();
			return std::make_unique<JobMachine>(shared(m->spec()), parseJobRun(serializeJobRun(m->run())),
							    rng);
		};
	};
	const auto notifying = [&] {
		Machine m = verifying(drill)();
		m->handle(hookExited(HookKind::Verify, 1, t0 + 70'000));
		return m;
	};
	const auto runs = [](HookKind kind) {
		return [kind](const Commands &cs) {
			const RunHook *h = first<RunHook>(cs);
			return h && h->kind == kind;
		};
	};
	const auto resume = [](JobMachine &m) { return m.resume(t0 + 80'000); };
	const Row rows[] = {
		{30, reloaded(verifying(drill)), MachineState::Idle, resume, MachineState::Verifying,
		 runs(HookKind::Verify)},
		{31, reloaded(notifying), MachineState::Idle, resume, MachineState::Notifying, runs(HookKind::Notify)},
		{32,
		 [&] {
			 config::JobSpec s = drillSpec();
			 s.steps = {{config::BackupStep{"dbsplandemo01", false}}};
			 Machine m = started(s);
			 listBackupSets(*m, t0);
			 return m;
		 },
		 MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 5, "set", "", ""});
		 },
		 MachineState::Verifying, runs(HookKind::Verify)},
		{33, pollingDrill, MachineState::Polling, finishPoll, MachineState::Verifying, runs(HookKind::Verify)},
		{34, verifying(drill), MachineState::Verifying,
		 [](JobMachine &m) { return m.handle(hookExited(HookKind::Verify, 0, t0 + 70'000)); },
		 MachineState::Succeeded, has<Finished>},
		{35, verifying(verifyOnly), MachineState::Verifying,
		 [](JobMachine &m) { return m.handle(hookExited(HookKind::Verify, 1, t0 + 70'000)); },
		 MachineState::Failed, has<Finished>},
	};
	for (const Row &row : rows) {
		SCOPED_TRACE("row " + std::to_string(row.number));
		take(row);
	}
	// W1: a decided state's own row. The notify hook ended: the run is
	// recorded and over.
	Machine decided = notifying();
	ASSERT_EQ(decided->state(), MachineState::Notifying);
	const Commands end = decided->handle(hookExited(HookKind::Notify, 0, t0 + 90'000));
	EXPECT_EQ(decided->state(), MachineState::Failed);
	EXPECT_TRUE(has<AppendHistory>(end));
	EXPECT_TRUE(has<Finished>(end));
	EXPECT_TRUE(decided->finished());
}

TEST(JobMachineTable, EveryDropRowIsLoggedAndChangesNothing)
{
	const Drop drops[] = {
		{"Calling drops an answer to another call", [] { return started(createRestoreSpec()); },
		 MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(ApiSucceeded{ApiAction::StartRestoreTask, t0 + 5, "", "rtx", ""});
		 },
		 "answer to StartRestoreTask while waiting for CreateRestoreTask"},
		{"Calling drops a failure of another call", [] { return started(createRestoreSpec()); },
		 MachineState::Calling,
		 [](JobMachine &m) {
			 return m.handle(
				 failure(ApiAction::StartRestoreTask, t0 + 5, ErrorClass::Permanent, "InvalidJobId"));
		 },
		 "failure of StartRestoreTask while waiting for CreateRestoreTask"},
		{"Polling drops a poll for another task", polling, MachineState::Polling,
		 [](JobMachine &m) { return m.handle(restorePoll(t0 + 30'000, "rtother", "stop")); },
		 "poll result for restore task rtother, which this step does not watch"},
		{"Polling drops TaskGone for another task", polling, MachineState::Polling,
		 [](JobMachine &m) {
			 return m.handle(TaskGone{t0 + 30'000, "rtother", "deleted"});
		 },
		 "restore task rtother is gone, but this step does not watch it"},
	};
	for (const Drop &drop : drops) {
		SCOPED_TRACE(drop.name);
		Machine m = drop.source();
		ASSERT_EQ(m->state(), drop.state);
		const JobRun before = m->run();
		const Commands cs = drop.event(*m);
		EXPECT_EQ(m->state(), drop.state);
		ASSERT_EQ(cs.size(), 1u);
		ASSERT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
		EXPECT_EQ(findLog(cs, LogKind::EventIgnored)->message, drop.logged);
		EXPECT_EQ(serializeJobRun(m->run()), serializeJobRun(before));
	}
}

TEST(JobMachineTable, AnEventWithoutARowIsLoggedAndChangesNothing)
{
	Machine m = started(existingRestoreSpec());
	const JobRun before = m->run();
	const Commands cs = m->handle(JobErrorCodeAnswered{t0 + 1, std::nullopt, std::nullopt});
	EXPECT_EQ(m->state(), MachineState::Calling);
	ASSERT_EQ(cs.size(), 1u);
	ASSERT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
	EXPECT_NE(findLog(cs, LogKind::EventIgnored)->message.find("JobErrorCodeAnswered in state Calling"),
		  std::string::npos);
	EXPECT_EQ(serializeJobRun(m->run()), serializeJobRun(before));
}

} // namespace
} // namespace statemachine
