// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobMachine.h"

#include <gtest/gtest.h>

#include "TestSupport.h"

// Failed calls (retry, throttling, clock, exhaustion, permanent and business
// errors) and failed tasks (stop -> DescribeJobErrorCode -> Failed).

namespace statemachine {
namespace {

using namespace test;
using base::ErrorClass;

TEST(JobMachineFailure, TransientErrorRetriesWithTheSameToken)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	const Commands start = m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"});
	const std::string token = first<CallApi>(start)->clientToken;

	Commands cs =
		m.handle(failure(ApiAction::StartRestoreTask, t0 + 10, ErrorClass::Transient, "ServiceUnavailable"));
	EXPECT_EQ(m.state(), MachineState::WaitingRetry);
	ASSERT_EQ(timers(cs, TimerKind::Retry).size(), 1u);
	EXPECT_EQ(timers(cs, TimerKind::Retry)[0].atMs, t0 + 10 + 500) << "u=0.5 of ceiling 1000 ms";
	EXPECT_NE(first<Persist>(cs), nullptr) << "the attempt counter is durable";
	EXPECT_EQ(countLogs(cs, LogKind::RetryScheduled), 1);
	EXPECT_EQ(m.run().steps[0].failedAttempts, 1);

	// A poll timer is not the retry timer: the guard rejects it silently.
	cs = m.handle(TimerFired{TimerKind::Poll, t0 + 20});
	EXPECT_EQ(m.state(), MachineState::WaitingRetry);

	cs = m.handle(TimerFired{TimerKind::Retry, t0 + 510});
	EXPECT_EQ(m.state(), MachineState::Calling);
	ASSERT_NE(first<CallApi>(cs), nullptr);
	EXPECT_EQ(first<CallApi>(cs)->clientToken, token);
	EXPECT_TRUE(persistPrecedesEveryMutatingCall(cs));

	cs = m.handle(failure(ApiAction::StartRestoreTask, t0 + 600, ErrorClass::Transient, "InternalError"));
	ASSERT_EQ(timers(cs, TimerKind::Retry).size(), 1u);
	EXPECT_EQ(timers(cs, TimerKind::Retry)[0].atMs, t0 + 600 + 1000) << "second retry: u=0.5 of 2000 ms";
}

TEST(JobMachineFailure, ThrottledBacksOffFurtherThanTransient)
{
	for (ErrorClass cls : {ErrorClass::Transient, ErrorClass::Throttled}) {
		ScriptedRandom rng({0.5});
		JobMachine m(rng);
		m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"});
		const Commands cs = m.handle(failure(ApiAction::StartRestoreTask, t0, cls, "X"));
		ASSERT_EQ(timers(cs, TimerKind::Retry).size(), 1u);
		// initialBackoff 1 s, throttleFactor 4 (the RetryPolicy default).
		EXPECT_EQ(timers(cs, TimerKind::Retry)[0].atMs - t0, cls == ErrorClass::Throttled ? 2000 : 500);
		const Log *l = findLog(cs, LogKind::RetryScheduled);
		ASSERT_NE(l, nullptr);
		EXPECT_EQ(l->severity, cls == ErrorClass::Throttled ? Severity::Warning : Severity::Notice);
	}
}

TEST(JobMachineFailure, ServerRetryAfterHintIsHonoured)
{
	ScriptedRandom rng({0.0});
	JobMachine m(rng);
	m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"});
	ApiFailed f = failure(ApiAction::StartRestoreTask, t0, ErrorClass::Throttled, "Throttling.User");
	f.error.retryAfter = std::chrono::milliseconds(12'000);
	const Commands cs = m.handle(f);
	ASSERT_EQ(timers(cs, TimerKind::Retry).size(), 1u);
	EXPECT_EQ(timers(cs, TimerKind::Retry)[0].atMs, t0 + 12'000);
}

TEST(JobMachineFailure, ClockErrorRetriesAndLogsLoudly)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"});
	const Commands cs =
		m.handle(failure(ApiAction::StartRestoreTask, t0, ErrorClass::Clock, "InvalidTimeStamp.Expired"));
	EXPECT_EQ(m.state(), MachineState::WaitingRetry);
	const Log *l = findLog(cs, LogKind::ClockSkew);
	ASSERT_NE(l, nullptr);
	EXPECT_EQ(l->severity, Severity::Error);
	EXPECT_NE(l->message.find("clock"), std::string::npos);
}

TEST(JobMachineFailure, ExhaustedRetriesFailWithTheLastError)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"}); // maxAttempts 4
	std::int64_t now = t0;
	for (int attempt = 1; attempt < 4; ++attempt) {
		m.handle(failure(ApiAction::StartRestoreTask, now, ErrorClass::Transient, "ServiceUnavailable"));
		ASSERT_EQ(m.state(), MachineState::WaitingRetry) << "attempt " << attempt;
		now += 100'000;
		m.handle(TimerFired{TimerKind::Retry, now});
		ASSERT_EQ(m.state(), MachineState::Calling);
	}
	const Commands cs = m.handle(failure(ApiAction::StartRestoreTask, now, ErrorClass::Transient,
					     "ServiceUnavailable", "temporary failure", "req-last"));
	EXPECT_EQ(m.state(), MachineState::Failed);
	ASSERT_NE(first<Finished>(cs), nullptr);
	const std::string &reason = m.run().reason;
	EXPECT_NE(reason.find("after 4 attempts"), std::string::npos) << reason;
	EXPECT_NE(reason.find("ServiceUnavailable"), std::string::npos);
	EXPECT_NE(reason.find("req-last"), std::string::npos);
	EXPECT_EQ(m.run().errCode, "ServiceUnavailable");
	EXPECT_EQ(m.run().requestId, "req-last");
	EXPECT_EQ(m.run().steps[0].phase, StepPhase::Failed);
}

TEST(JobMachineFailure, PermanentAndBusinessErrorsFailAtOnce)
{
	for (ErrorClass cls : {ErrorClass::Permanent, ErrorClass::Business}) {
		ScriptedRandom rng({0.5});
		JobMachine m(rng);
		m.handle(JobStarted{shared(createRestoreSpec()), t0, "r"});
		const Commands cs = m.handle(failure(ApiAction::CreateRestoreTask, t0 + 1, cls, "InvalidParameter",
						     "BackupPlanId is invalid", "req-42"));
		EXPECT_EQ(m.state(), MachineState::Failed);
		EXPECT_EQ(timers(cs, TimerKind::Retry).size(), 0u);
		EXPECT_EQ(m.run().errCode, "InvalidParameter");
		EXPECT_EQ(m.run().errMessage, "BackupPlanId is invalid");
		EXPECT_EQ(m.run().requestId, "req-42");
		EXPECT_NE(m.run().reason.find("CreateRestoreTask failed"), std::string::npos);
		EXPECT_NE(m.run().reason.find("req-42"), std::string::npos);
		EXPECT_EQ(countLogs(cs, LogKind::Failed), 1);
	}
}

TEST(JobMachineFailure, FirstStartRefusedForItsStatusIsAFailureNotAnAdoption)
{
	// The task was never started by us: InvalidStatus means someone else's
	// run, or a finished task. Adopting it would watch the wrong thing.
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"});
	m.handle(failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Business, "InvalidStatus",
			 "cannot be started in status running"));
	EXPECT_EQ(m.state(), MachineState::Failed);
}

TEST(JobMachineFailure, RetriedStartRefusedForItsStatusIsAdopted)
{
	// The first StartRestoreTask timed out (its reply was lost); the retry
	// gets InvalidStatus because the first one did start the task.
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(existingRestoreSpec()), t0, "r"});
	m.handle(failure(ApiAction::StartRestoreTask, t0 + 1, ErrorClass::Transient, "Transport.Timeout"));
	m.handle(TimerFired{TimerKind::Retry, t0 + 2000});
	const Commands cs = m.handle(failure(ApiAction::StartRestoreTask, t0 + 2100, ErrorClass::Business,
					     "InvalidStatus", "cannot be started in status running"));
	EXPECT_EQ(m.state(), MachineState::Polling);
	ASSERT_NE(first<WantPoll>(cs), nullptr);
	const Commands polled = m.handle(restorePoll(t0 + 30'000, "rtdemoexisting01", "running", {5, 0, 0, 0}));
	EXPECT_EQ(countLogs(polled, LogKind::StartAdopted), 1);
}

TEST(JobMachineFailure, StoppedRestoreFetchesTheErrorCodeThenFails)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec("rtdemofail01"));
	Commands cs = m.handle(restorePoll(t0 + 60'000, "rtdemofail01", "stop", {100, 30, 0, 0}, 0,
					   "Restore failed: destination disk full"));
	EXPECT_EQ(m.state(), MachineState::FetchingErrorDetail);
	const CallApi *call = first<CallApi>(cs);
	ASSERT_NE(call, nullptr);
	EXPECT_EQ(call->action, ApiAction::DescribeJobErrorCode);
	EXPECT_TRUE(call->clientToken.empty()) << "reads carry no token";

	cs = m.handle(JobErrorCodeAnswered{
		t0 + 61'000, JobErrorDetail{"failed", "disk full on target", "rtdemofail01", "stop", "RESTORE"},
		std::nullopt});
	EXPECT_EQ(m.state(), MachineState::Failed);
	ASSERT_NE(first<Finished>(cs), nullptr);
	const std::string &reason = m.run().reason;
	EXPECT_NE(reason.find("restore task rtdemofail01 failed (status stop)"), std::string::npos) << reason;
	EXPECT_NE(reason.find("Restore failed: destination disk full"), std::string::npos);
	EXPECT_NE(reason.find("disk full on target"), std::string::npos);
	EXPECT_EQ(m.run().jobError.jobState, "stop");
	EXPECT_EQ(countLogs(cs, LogKind::RestoreKeepsRunning), 0);
}

TEST(JobMachineFailure, FailedErrorCodeLookupStillFailsWithWhatIsKnown)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec("rtdemofail01"));
	m.handle(restorePoll(t0 + 60'000, "rtdemofail01", "stop", {}, 0, "Restore failed: destination disk full"));
	base::ApiError err{ErrorClass::Transient, "Transport.Timeout", "no answer", "", 0, std::nullopt};
	// A transient failure of the lookup is asked again, a bounded number of times.
	std::int64_t now = t0 + 61'000;
	for (int i = 1; i < 5; ++i) {
		Commands cs = m.handle(JobErrorCodeAnswered{now, std::nullopt, err});
		ASSERT_EQ(m.state(), MachineState::FetchingErrorDetail) << "lookup " << i;
		ASSERT_EQ(timers(cs, TimerKind::Retry).size(), 1u);
		now = timers(cs, TimerKind::Retry)[0].atMs;
		cs = m.handle(TimerFired{TimerKind::Retry, now});
		ASSERT_NE(first<CallApi>(cs), nullptr);
		EXPECT_EQ(first<CallApi>(cs)->action, ApiAction::DescribeJobErrorCode);
	}
	m.handle(JobErrorCodeAnswered{now + 100, std::nullopt, err});
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_NE(m.run().reason.find("destination disk full"), std::string::npos);
	EXPECT_NE(m.run().reason.find("DescribeJobErrorCode failed too: Transport.Timeout"), std::string::npos);
}

TEST(JobMachineFailure, GenericAnswersToTheErrorCodeLookupDoNotHang)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, existingRestoreSpec("rtdemofail01"));
	m.handle(restorePoll(t0 + 60'000, "rtdemofail01", "stop", {}, 0, "disk full"));
	m.handle(failure(ApiAction::DescribeJobErrorCode, t0 + 61'000, ErrorClass::Permanent, "Forbidden.RAM"));
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_NE(m.run().reason.find("DescribeJobErrorCode failed too: Forbidden.RAM"), std::string::npos);

	JobMachine n(rng);
	startExisting(n, existingRestoreSpec("rtdemofail01"));
	n.handle(restorePoll(t0 + 60'000, "rtdemofail01", "stop", {}, 0, "disk full"));
	n.handle(ApiSucceeded{ApiAction::DescribeJobErrorCode, t0 + 61'000, "", "", ""});
	EXPECT_EQ(n.state(), MachineState::Failed);
	EXPECT_NE(n.run().reason.find("disk full"), std::string::npos);
}

TEST(JobMachineFailure, FailedBackupSetFailsTheRun)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(backupThenRestoreSpec(true)), t0, "r"});
	listBackupSets(m, t0);
	m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 1, "1h7set", "", ""});
	m.handle(BackupSetPolled{t0 + 60'000, "1h7set", "failed", "source unreachable"});
	EXPECT_EQ(m.state(), MachineState::FetchingErrorDetail);
	m.handle(JobErrorCodeAnswered{t0 + 61'000, std::nullopt, std::nullopt});
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_NE(m.run().reason.find("full backup set 1h7set failed"), std::string::npos);
	EXPECT_NE(m.run().reason.find("source unreachable"), std::string::npos);
}

TEST(JobMachineFailure, SuccessWithoutTheNeededIdIsAPermanentFailure)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(createRestoreSpec()), t0, "r"});
	m.handle(ApiSucceeded{ApiAction::CreateRestoreTask, t0 + 1, "", "", "req-7"});
	EXPECT_EQ(m.state(), MachineState::Failed);
	EXPECT_EQ(m.run().errCode, "Response.MissingField");
	EXPECT_NE(m.run().reason.find("RestoreTaskId"), std::string::npos);

	JobMachine b(rng);
	b.handle(JobStarted{shared(backupThenRestoreSpec(true)), t0, "r"});
	listBackupSets(b, t0);
	b.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 1, "", "", "req-8"});
	EXPECT_EQ(b.state(), MachineState::Failed);
	EXPECT_NE(b.run().reason.find("CreatedFullBackupsetId"), std::string::npos);
}

} // namespace
} // namespace statemachine
