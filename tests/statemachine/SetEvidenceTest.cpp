// SPDX-License-Identifier: Apache-2.0
// The restored backup set's end time (the drill record's RPO evidence): a
// set the run did not make itself is read once with LookUpBackupSet as soon
// as the run knows it, the answer lands in the run until it is recorded,
// and a failed read is logged and changes nothing else.
#include "statemachine/SetEvidence.h"

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/JobMachine.h"

namespace statemachine {
namespace {

using namespace test;

const std::string task = "rtdemoexisting01";
constexpr std::int64_t setEnd = t0 - 7'200'000;

config::JobSpec givenSetSpec()
{
	config::JobSpec s = baseSpec("given-set");
	s.steps.push_back({config::RestoreStep{createRestore(config::BackupSetById{"bsgiven01"})}});
	return s;
}

RestorePolled pollNaming(std::int64_t now, std::string status, std::int64_t finish = 0)
{
	RestorePolled e = restorePoll(now, task, std::move(status), {}, finish);
	e.backupSetId = "bsfromdbs01";
	e.backupPlanId = "dbsplanfromdbs";
	return e;
}

// Created, started and polling: the task id comes from CreateRestoreTask.
void createAndStart(JobMachine &m)
{
	m.handle(ApiSucceeded{ApiAction::CreateRestoreTask, t0 + 100, "", task, "req-c"});
	m.handle(ApiSucceeded{ApiAction::StartRestoreTask, t0 + 200, "", task, "req-s"});
}

TEST(SetEvidence, ARestoreFromASetGivenByIdAsksForItsEndOnceWithItsFirstCall)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	Commands cs = m.handle(JobStarted{shared(givenSetSpec()), t0, "00000000000000aa"});
	ASSERT_EQ(all<LookUpBackupSet>(cs).size(), 1u);
	EXPECT_EQ(first<LookUpBackupSet>(cs)->backupPlanId, "dbsplandemo01");
	EXPECT_EQ(first<LookUpBackupSet>(cs)->backupSetId, "bsgiven01");
	EXPECT_EQ(m.run().backupSetId, "bsgiven01");

	m.handle(failure(ApiAction::CreateRestoreTask, t0 + 1, base::ErrorClass::Transient, "Transport.Reset"));
	cs = m.handle(TimerFired{TimerKind::Retry, t0 + 5000});
	EXPECT_TRUE(all<LookUpBackupSet>(cs).empty()) << "a resent call does not ask again";
}

TEST(SetEvidence, TheAnswerIsTheRunsBackupSetEndAndSurvivesTheRestoresEnd)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(givenSetSpec()), t0, "00000000000000aa"});
	Commands cs = m.handle(BackupSetDescribed{t0 + 50, "bsgiven01", setEnd, ""});
	EXPECT_EQ(m.run().backupSetEndMs, setEnd);
	EXPECT_NE(first<Persist>(cs), nullptr);
	createAndStart(m);
	m.handle(restorePoll(t0 + 60'000, task, "finish", {100, 100, 100, 100}, t0 + 59'000));
	ASSERT_EQ(m.state(), MachineState::Succeeded);
	EXPECT_EQ(m.run().backupSetId, "bsgiven01");
	EXPECT_EQ(m.run().backupSetEndMs, setEnd);
	EXPECT_EQ(m.run().backupPlanId, "dbsplandemo01");
}

TEST(SetEvidence, AnExistingTaskLearnsItsSetAndPlanFromThePollAndAsksOnce)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	Commands cs = startExisting(m, existingRestoreSpec());
	EXPECT_TRUE(all<LookUpBackupSet>(cs).empty()) << "nothing is known before DBS says";
	cs = m.handle(pollNaming(t0 + 30'000, "running"));
	ASSERT_EQ(all<LookUpBackupSet>(cs).size(), 1u);
	EXPECT_EQ(first<LookUpBackupSet>(cs)->backupPlanId, "dbsplanfromdbs");
	EXPECT_EQ(first<LookUpBackupSet>(cs)->backupSetId, "bsfromdbs01");
	EXPECT_EQ(m.run().backupPlanId, "dbsplanfromdbs");
	cs = m.handle(pollNaming(t0 + 60'000, "running"));
	EXPECT_TRUE(all<LookUpBackupSet>(cs).empty());
	m.handle(BackupSetDescribed{t0 + 60'100, "bsfromdbs01", setEnd, ""});
	m.handle(pollNaming(t0 + 90'000, "finish", t0 + 89'000));
	EXPECT_EQ(m.state(), MachineState::Succeeded);
	EXPECT_EQ(m.run().backupSetEndMs, setEnd);
}

TEST(SetEvidence, AFailedReadIsLoggedAndLeavesTheEndUnknownAndTheRunAsItWas)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(givenSetSpec()), t0, "00000000000000aa"});
	createAndStart(m);
	const MachineState before = m.state();
	const Commands cs = m.handle(BackupSetDescribed{t0 + 300, "bsgiven01", 0, "Throttling: slow down"});
	const Log *log = findLog(cs, LogKind::SetEndUnknown);
	ASSERT_NE(log, nullptr);
	EXPECT_EQ(log->severity, Severity::Warning);
	EXPECT_NE(log->message.find("Throttling: slow down"), std::string::npos) << log->message;
	EXPECT_EQ(m.run().backupSetEndMs, 0);
	EXPECT_EQ(m.state(), before);
	EXPECT_TRUE(all<CallApi>(cs).empty() && all<LookUpBackupSet>(cs).empty()) << "no retry, no other call";
	m.handle(restorePoll(t0 + 60'000, task, "finish", {100, 100, 100, 100}, t0 + 59'000));
	EXPECT_EQ(m.state(), MachineState::Succeeded);
}

TEST(SetEvidence, AnAnswerWhileTheVerifyHookRunsStillCounts)
{
	config::JobSpec spec = drillSpec();
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	startExisting(m, spec);
	m.handle(pollNaming(t0 + 30'000, "finish", t0 + 29'000));
	ASSERT_EQ(m.state(), MachineState::Verifying);
	m.handle(BackupSetDescribed{t0 + 30'100, "bsfromdbs01", setEnd, ""});
	EXPECT_EQ(m.run().backupSetEndMs, setEnd);
}

TEST(SetEvidence, AnAnswerAfterTheRunIsRecordedOrForAnotherSetIsDropped)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(givenSetSpec()), t0, "00000000000000aa"});
	Commands cs = m.handle(BackupSetDescribed{t0 + 50, "bsother", setEnd, ""});
	EXPECT_EQ(m.run().backupSetEndMs, 0);
	EXPECT_EQ(countLogs(cs, LogKind::EventIgnored), 1);
	createAndStart(m);
	m.handle(restorePoll(t0 + 60'000, task, "finish", {100, 100, 100, 100}, t0 + 59'000));
	ASSERT_TRUE(m.finished());
	m.handle(BackupSetDescribed{t0 + 60'100, "bsgiven01", setEnd, ""});
	EXPECT_EQ(m.run().backupSetEndMs, 0) << "the record is written; the run no longer changes";
}

TEST(SetEvidence, ASetTheRunsOwnBackupMadeIsNeverLookedUp)
{
	ScriptedRandom rng({0.5});
	JobMachine m(rng);
	m.handle(JobStarted{shared(backupThenRestoreSpec(true)), t0, "00000000000000bb"});
	listBackupSets(m, t0 + 1);
	m.handle(ApiSucceeded{ApiAction::StartBackupPlan, t0 + 2, "bsnew3", "", "req-b"});
	const Commands cs = m.handle(BackupSetPolled{t0 + 60'000, "bsnew3", "finish", "", t0 + 59'000});
	ASSERT_EQ(m.run().stepIndex, 1) << "on to the restore";
	EXPECT_TRUE(all<LookUpBackupSet>(cs).empty());
	EXPECT_EQ(m.run().backupSetId, "bsnew3");
	EXPECT_EQ(m.run().backupSetEndMs, t0 + 59'000);
}

} // namespace
} // namespace statemachine
