// SPDX-License-Identifier: Apache-2.0
// The drill phases of JobMachine: the verify hook after the last restore
// and its verdict, on_failure, the notify hook after the outcome and its
// `when`, the RTO objective, the drill record asked for once, and how each
// phase resumes after a restart.
#include "statemachine/JobMachine.h"

#include <memory>

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/JobRunJson.h"

namespace statemachine {
namespace {

using namespace test;
using config::RunCondition;
using config::VerifyHook;
using Machine = std::unique_ptr<JobMachine>;

ScriptedRandom rng({0.5});

const std::string task = "rtdemoexisting01";
constexpr std::int64_t accepted = t0 + 100; // startExisting's StartRestoreTask answer
constexpr std::int64_t minute = 60'000;

Machine restoring(const config::JobSpec &spec)
{
	Machine m = std::make_unique<JobMachine>(rng);
	startExisting(*m, spec);
	return m;
}

// DBS reports the task finished `took` after it accepted the start.
Commands finishRestore(JobMachine &m, std::int64_t took = 30 * minute)
{
	RestorePolled e = restorePoll(accepted + took + 5000, task, "finish", {100, 100, 100, 100}, accepted + took);
	e.backupSetId = "bsdrill01";
	return m.handle(e);
}

Machine verifying(const config::JobSpec &spec, std::int64_t took = 30 * minute)
{
	Machine m = restoring(spec);
	finishRestore(*m, took);
	return m;
}

// The machine a restart makes from the record on disk.
Machine reloaded(const JobMachine &before)
{
	return std::make_unique<JobMachine>(shared(before.spec()), parseJobRun(serializeJobRun(before.run())), rng);
}

template<class T>
bool has(const Commands &cs)
{
	return first<T>(cs) != nullptr;
}

const std::int64_t later = accepted + 40 * minute;

TEST(JobMachineDrill, TheVerifyHookRunsOnceTheLastRestoreSucceeded)
{
	Machine m = restoring(drillSpec());
	const Commands cs = finishRestore(*m);
	EXPECT_EQ(m->state(), MachineState::Verifying);
	ASSERT_EQ(all<RunHook>(cs).size(), 1u);
	EXPECT_EQ(all<RunHook>(cs)[0].kind, HookKind::Verify);
	EXPECT_LT(indexOf<Persist>(cs), indexOf<RunHook>(cs)) << "the phase is recorded before the hook starts";
	EXPECT_FALSE(has<Finished>(cs));
	EXPECT_FALSE(has<AppendHistory>(cs));
	EXPECT_FALSE(m->decided());
	EXPECT_EQ(m->run().drillPhase, DrillPhase::Verifying);
	EXPECT_EQ(m->run().steps[0].phase, StepPhase::Done);
	// The evidence the drill history keeps.
	EXPECT_EQ(m->run().restoreTaskId, task);
	EXPECT_EQ(m->run().restoreStartedAtMs, accepted);
	EXPECT_EQ(m->run().restoreFinishedAtMs, accepted + 30 * minute);
	EXPECT_EQ(m->run().backupSetId, "bsdrill01");
}

TEST(JobMachineDrill, AJobWithoutAVerifyHookSucceedsAndIsRecordedOnce)
{
	Machine m = restoring(existingRestoreSpec());
	const Commands cs = finishRestore(*m);
	EXPECT_EQ(m->state(), MachineState::Succeeded);
	EXPECT_FALSE(has<RunHook>(cs));
	EXPECT_EQ(all<AppendHistory>(cs).size(), 1u);
	EXPECT_LT(indexOf<AppendHistory>(cs), indexOf<Persist>(cs)) << "appended before the record says so";
	EXPECT_LT(indexOf<Persist>(cs), indexOf<Finished>(cs));
	EXPECT_TRUE(m->finished());
	EXPECT_EQ(m->run().verification, Verification::None);
}

TEST(JobMachineDrill, ExitZeroIsVerifiedAndTheRunSucceeds)
{
	Machine m = verifying(drillSpec());
	const Commands cs = m->handle(hookExited(HookKind::Verify, 0, later));
	EXPECT_EQ(m->state(), MachineState::Succeeded);
	EXPECT_EQ(m->run().verification, Verification::Verified);
	EXPECT_EQ(m->run().verificationDetail, "exit 0");
	ASSERT_NE(findLog(cs, LogKind::Verification), nullptr);
	EXPECT_EQ(findLog(cs, LogKind::Verification)->severity, Severity::Notice);
	EXPECT_NE(m->run().reason.find("verified"), std::string::npos) << m->run().reason;
	// The default `when` leaves a plain success alone.
	EXPECT_FALSE(has<RunHook>(cs));
	EXPECT_EQ(all<AppendHistory>(cs).size(), 1u);
	EXPECT_TRUE(m->finished());
}

TEST(JobMachineDrill, ANonZeroExitIsVerificationFailedAndFailsTheRun)
{
	Machine m = verifying(drillSpec());
	const Commands cs = m->handle(hookExited(HookKind::Verify, 1, later));
	EXPECT_EQ(m->run().outcome, Outcome::Failed);
	EXPECT_EQ(m->run().verification, Verification::VerificationFailed);
	EXPECT_NE(m->run().reason.find("verification_failed: the verify hook exit 1"), std::string::npos)
		<< m->run().reason;
	EXPECT_EQ(findLog(cs, LogKind::Verification)->severity, Severity::Error);
	// The outcome is decided; the notify hook follows before the run is over.
	EXPECT_EQ(m->state(), MachineState::Notifying);
	EXPECT_TRUE(m->decided());
	EXPECT_FALSE(m->finished());
	ASSERT_EQ(all<RunHook>(cs).size(), 1u);
	EXPECT_EQ(all<RunHook>(cs)[0].kind, HookKind::Notify);
	EXPECT_LT(indexOf<Log>(cs), indexOf<RunHook>(cs));
	EXPECT_FALSE(has<Finished>(cs));
	EXPECT_FALSE(has<AppendHistory>(cs));
}

TEST(JobMachineDrill, AHookThatDidNotRunToItsExitCouldNotVerify)
{
	for (const char *detail :
	     {"could not start: No such file or directory", "timed out after 10m", "killed by signal 9"}) {
		SCOPED_TRACE(detail);
		Machine m = verifying(drillSpec());
		m->handle(hookDidNotExit(HookKind::Verify, detail, later));
		EXPECT_EQ(m->run().outcome, Outcome::Failed);
		EXPECT_EQ(m->run().verification, Verification::CouldNotVerify);
		EXPECT_EQ(m->run().verificationDetail, detail);
		EXPECT_NE(m->run().reason.find("could_not_verify"), std::string::npos) << m->run().reason;
	}
}

TEST(JobMachineDrill, OnFailureWarnLetsTheRunSucceedAndKeepsTheVerdict)
{
	Machine m = verifying(drillSpec(VerifyHook::OnFailure::Warn));
	const Commands cs = m->handle(hookExited(HookKind::Verify, 3, later));
	EXPECT_EQ(m->run().outcome, Outcome::Succeeded);
	EXPECT_EQ(m->run().verification, Verification::VerificationFailed);
	EXPECT_EQ(findLog(cs, LogKind::Verification)->severity, Severity::Warning);
	EXPECT_NE(m->run().reason.find("on_failure: warn"), std::string::npos) << m->run().reason;
	// verification_failed is in the default `when`.
	ASSERT_EQ(all<RunHook>(cs).size(), 1u);

	Machine timedOut = verifying(drillSpec(VerifyHook::OnFailure::Warn));
	timedOut->handle(hookDidNotExit(HookKind::Verify, "timed out after 10m", later));
	EXPECT_EQ(timedOut->run().outcome, Outcome::Succeeded);
	EXPECT_EQ(timedOut->run().verification, Verification::CouldNotVerify);
}

TEST(JobMachineDrill, OnlyACommandThatExitedZeroIsEverVerified)
{
	struct Case {
		HookFinished end;
		Verification verdict;
	};
	const Case cases[] = {
		{hookExited(HookKind::Verify, 0, later), Verification::Verified},
		{hookExited(HookKind::Verify, 1, later), Verification::VerificationFailed},
		{hookExited(HookKind::Verify, 255, later), Verification::VerificationFailed},
		{hookDidNotExit(HookKind::Verify, "killed by signal 9", later), Verification::CouldNotVerify},
		// exitCode 0 without an exit (a start that failed) is no pass.
		{HookFinished{later, HookKind::Verify, false, 0, "could not start: Permission denied"},
		 Verification::CouldNotVerify},
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.end.detail);
		// warn: the run succeeds whatever the verdict, so only the verdict can tell.
		Machine m = verifying(drillSpec(VerifyHook::OnFailure::Warn));
		m->handle(c.end);
		EXPECT_EQ(m->run().outcome, Outcome::Succeeded);
		EXPECT_EQ(m->run().verification, c.verdict);
	}
}

// One way to reach each `when:` condition, with every condition it meets.
struct Scenario {
	RunCondition condition;
	std::vector<RunCondition> meets;
	VerifyHook::OnFailure onFailure;
	std::function<Commands(const config::JobSpec &, Machine &)> run;
};

std::vector<Scenario> scenarios()
{
	using enum RunCondition;
	auto verified = [](std::int64_t took, HookFinished end) {
		return [=](const config::JobSpec &spec, Machine &m) {
			m = verifying(spec, took);
			return m->handle(end);
		};
	};
	const auto warn = VerifyHook::OnFailure::Warn;
	const auto fail = VerifyHook::OnFailure::Fail;
	return {
		{Succeeded, {Succeeded}, fail, verified(30 * minute, hookExited(HookKind::Verify, 0, later))},
		{Failed,
		 {Failed},
		 fail,
		 [](const config::JobSpec &spec, Machine &m) {
			 m = restoring(spec);
			 return m->handle(TaskGone{t0 + 30'000, task, "deleted"});
		 }},
		{Cancelled,
		 {Cancelled},
		 fail,
		 [](const config::JobSpec &spec, Machine &m) {
			 m = restoring(spec);
			 return m->handle(CancelRequested{t0 + 30'000, "operator"});
		 }},
		{VerificationFailed,
		 {Succeeded, VerificationFailed},
		 warn,
		 verified(30 * minute, hookExited(HookKind::Verify, 1, later))},
		{CouldNotVerify,
		 {Succeeded, CouldNotVerify},
		 warn,
		 verified(30 * minute, hookDidNotExit(HookKind::Verify, "timed out after 10m", later))},
		{RtoMissed, {Succeeded, RtoMissed}, fail, verified(90 * minute, hookExited(HookKind::Verify, 0, later))},
	};
}

TEST(JobMachineDrill, NotifyRunsAfterTheOutcomeForEveryWhenValueItMatches)
{
	for (const Scenario &s : scenarios()) {
		SCOPED_TRACE(std::string(config::toString(s.condition)));
		Machine m;
		const Commands cs = s.run(drillSpec(s.onFailure, {s.condition}), m);
		ASSERT_EQ(all<RunHook>(cs).size(), 1u);
		EXPECT_EQ(all<RunHook>(cs)[0].kind, HookKind::Notify);
		EXPECT_TRUE(m->decided());
		EXPECT_EQ(m->state(), MachineState::Notifying);
		const Outcome outcome = m->run().outcome;
		const Commands end = m->handle(hookExited(HookKind::Notify, 0, later + minute));
		EXPECT_EQ(all<AppendHistory>(end).size(), 1u);
		ASSERT_EQ(all<Finished>(end).size(), 1u);
		EXPECT_EQ(all<Finished>(end)[0].outcome, outcome);
		EXPECT_TRUE(m->finished());
	}
}

TEST(JobMachineDrill, NotifyDoesNotRunWhenNoneOfItsWhenValuesMatch)
{
	for (const Scenario &s : scenarios()) {
		SCOPED_TRACE(std::string(config::toString(s.condition)));
		std::vector<RunCondition> others;
		for (RunCondition c : config::allRunConditions())
			if (std::find(s.meets.begin(), s.meets.end(), c) == s.meets.end())
				others.push_back(c);
		Machine m;
		const Commands cs = s.run(drillSpec(s.onFailure, others), m);
		EXPECT_FALSE(has<RunHook>(cs));
		EXPECT_EQ(all<AppendHistory>(cs).size(), 1u);
		EXPECT_TRUE(m->finished());
	}
}

TEST(JobMachineDrill, TheNotifyHooksFailureIsLoggedAndNeverChangesTheOutcome)
{
	for (const HookFinished &end :
	     {hookExited(HookKind::Notify, 5, later), hookDidNotExit(HookKind::Notify, "timed out after 1m", later)}) {
		SCOPED_TRACE(end.detail);
		Machine m = verifying(drillSpec());
		m->handle(hookExited(HookKind::Verify, 1, later));
		const std::string reason = m->run().reason;
		const Commands cs = m->handle(end);
		ASSERT_NE(findLog(cs, LogKind::NotifyFailed), nullptr);
		EXPECT_NE(findLog(cs, LogKind::NotifyFailed)->message.find(end.detail), std::string::npos);
		EXPECT_EQ(m->run().outcome, Outcome::Failed);
		EXPECT_EQ(m->run().reason, reason);
		EXPECT_EQ(m->state(), MachineState::Failed);
		EXPECT_TRUE(m->finished());
		EXPECT_EQ(all<Finished>(cs).at(0).outcome, Outcome::Failed);
	}
}

TEST(JobMachineDrill, TheDrillRecordIsAskedForOnceAfterTheLastHook)
{
	Machine m = restoring(drillSpec());
	Commands all_;
	auto take = [&](Commands cs) { all_.insert(all_.end(), cs.begin(), cs.end()); };
	take(finishRestore(*m));
	take(m->handle(hookExited(HookKind::Verify, 1, later)));
	take(m->handle(hookExited(HookKind::Notify, 0, later + minute)));
	// Anything after the end is ignored and asks for nothing.
	take(m->handle(hookExited(HookKind::Notify, 0, later + 2 * minute)));
	take(m->handle(TimerFired{TimerKind::Deadline, t0 + 7 * 3'600'000}));
	EXPECT_EQ(all<AppendHistory>(all_).size(), 1u);
	EXPECT_EQ(all<Finished>(all_).size(), 1u);
	EXPECT_EQ(all<RunHook>(all_).size(), 2u);
	EXPECT_LT(indexOf<RunHook>(all_), indexOf<AppendHistory>(all_));
	EXPECT_LT(indexOf<AppendHistory>(all_), indexOf<Finished>(all_));
}

TEST(JobMachineDrill, ARestoreSlowerThanTheObjectiveIsRtoMissedLoggedAndNotifiedButSucceeds)
{
	Machine m = restoring(drillSpec(VerifyHook::OnFailure::Fail, {RunCondition::RtoMissed}));
	const Commands done = finishRestore(*m, 90 * minute);
	const Log *missed = findLog(done, LogKind::RtoMissed);
	ASSERT_NE(missed, nullptr);
	EXPECT_EQ(missed->severity, Severity::Warning);
	EXPECT_NE(missed->message.find("5400000 ms"), std::string::npos) << missed->message;
	const Commands cs = m->handle(hookExited(HookKind::Verify, 0, later));
	EXPECT_EQ(m->run().outcome, Outcome::Succeeded);
	ASSERT_EQ(all<RunHook>(cs).size(), 1u);
	EXPECT_EQ(all<RunHook>(cs)[0].kind, HookKind::Notify);

	// Within the objective: nothing is logged, and an rto_missed-only notify stays quiet.
	Machine fast = restoring(drillSpec(VerifyHook::OnFailure::Fail, {RunCondition::RtoMissed}));
	EXPECT_EQ(findLog(finishRestore(*fast, 59 * minute), LogKind::RtoMissed), nullptr);
	EXPECT_FALSE(has<RunHook>(fast->handle(hookExited(HookKind::Verify, 0, later))));
}

TEST(JobMachineDrill, ACancelWhileVerifyingCouldNotVerifyAndLeavesNoTaskRunning)
{
	Machine m = verifying(drillSpec());
	const Commands cs = m->handle(CancelRequested{later, "operator"});
	EXPECT_EQ(m->run().outcome, Outcome::Cancelled);
	EXPECT_EQ(m->run().verification, Verification::CouldNotVerify);
	EXPECT_EQ(countLogs(cs, LogKind::RestoreKeepsRunning), 0) << "the restore task had finished";
	ASSERT_EQ(all<RunHook>(cs).size(), 1u);
	EXPECT_EQ(all<RunHook>(cs)[0].kind, HookKind::Notify);
	// The verify hook's late end changes nothing.
	m->handle(hookExited(HookKind::Verify, 0, later + 1));
	EXPECT_EQ(m->run().outcome, Outcome::Cancelled);
	EXPECT_EQ(m->run().verification, Verification::CouldNotVerify);
	EXPECT_EQ(m->state(), MachineState::Notifying);
}

TEST(JobMachineDrill, TheDeadlineStillBoundsAVerifyingRun)
{
	Machine m = verifying(drillSpec());
	m->handle(TimerFired{TimerKind::Deadline, t0 + 6 * 3'600'000});
	EXPECT_EQ(m->run().outcome, Outcome::Failed);
	EXPECT_NE(m->run().reason.find("deadline exceeded"), std::string::npos);
	EXPECT_EQ(m->run().verification, Verification::CouldNotVerify);
}

TEST(JobMachineDrill, EventsAfterTheOutcomeAreIgnoredWhileTheNotifyHookRuns)
{
	Machine m = verifying(drillSpec());
	m->handle(hookExited(HookKind::Verify, 1, later));
	const JobRun before = m->run();
	for (auto event : std::vector<std::function<Commands(JobMachine &)>>{
		     [](JobMachine &j) {
			     return j.handle(TimerFired{TimerKind::Deadline, t0 + 7 * 3'600'000});
		     },
		     [](JobMachine &j) {
			     return j.handle(CancelRequested{later + 1, "operator"});
		     },
		     [](JobMachine &j) { return j.handle(restorePoll(later + 2, task, "stop")); },
		     [](JobMachine &j) { return j.handle(ShutdownRequested{later + 3}); },
	     }) {
		const Commands cs = event(*m);
		EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
		EXPECT_FALSE(has<Finished>(cs));
		EXPECT_EQ(m->state(), MachineState::Notifying);
	}
	EXPECT_EQ(serializeJobRun(m->run()), serializeJobRun(before));
}

TEST(JobMachineDrill, AResumedVerifyingRunRunsItsVerifyHookAgainWithTheSameRunId)
{
	Machine before = verifying(drillSpec());
	Machine m = reloaded(*before);
	const Commands cs = m->resume(later);
	EXPECT_EQ(m->state(), MachineState::Verifying);
	ASSERT_EQ(all<RunHook>(cs).size(), 1u);
	EXPECT_EQ(all<RunHook>(cs)[0].kind, HookKind::Verify);
	EXPECT_EQ(timers(cs, TimerKind::Deadline).size(), 1u);
	EXPECT_FALSE(has<CallApi>(cs) || has<WantPoll>(cs)) << "the restore is not touched again";
	EXPECT_EQ(countLogs(cs, LogKind::RunResumed), 1);
	EXPECT_EQ(m->run().runId, before->run().runId);
	m->handle(hookExited(HookKind::Verify, 0, later + 1));
	EXPECT_EQ(m->run().outcome, Outcome::Succeeded);
	EXPECT_EQ(m->run().verification, Verification::Verified);
}

TEST(JobMachineDrill, AResumedDecidedRunRunsOnlyItsNotifyHookAgain)
{
	Machine before = verifying(drillSpec());
	before->handle(hookExited(HookKind::Verify, 1, later));
	Machine m = reloaded(*before);
	const Commands cs = m->resume(later + minute);
	EXPECT_EQ(m->state(), MachineState::Notifying);
	ASSERT_EQ(all<RunHook>(cs).size(), 1u);
	EXPECT_EQ(all<RunHook>(cs)[0].kind, HookKind::Notify) << "the verify hook's result is recorded";
	EXPECT_FALSE(has<ArmTimer>(cs) || has<CallApi>(cs) || has<WantPoll>(cs));
	const Commands end = m->handle(hookExited(HookKind::Notify, 0, later + 2 * minute));
	EXPECT_EQ(all<AppendHistory>(end).size(), 1u);
	EXPECT_EQ(m->run().outcome, Outcome::Failed);
	EXPECT_EQ(m->run().verification, Verification::VerificationFailed);
	EXPECT_TRUE(m->finished());
}

TEST(JobMachineDrill, ARunThatIsOverIsNeverWrappedUpAgain)
{
	Machine before = verifying(drillSpec());
	before->handle(hookExited(HookKind::Verify, 0, later));
	ASSERT_TRUE(before->finished());
	Machine m = reloaded(*before);
	EXPECT_TRUE(m->finished());
	const Commands cs = m->resume(later + minute);
	EXPECT_FALSE(has<RunHook>(cs) || has<AppendHistory>(cs) || has<Finished>(cs));
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
	EXPECT_TRUE(m->finished());
}

} // namespace
} // namespace statemachine
