// SPDX-License-Identifier: Apache-2.0
#include "history/RunRecord.h"

#include <gtest/gtest.h>

using history::DrillOutcome;
using history::drillRecordOf;
using statemachine::JobRun;
using statemachine::Outcome;
using statemachine::Verification;

namespace {

constexpr std::int64_t t0 = 1'800'000'000'000;

// A backup, then a restore of that set into rm-drill, with a 1 h objective.
config::JobSpec drillSpec()
{
	config::JobSpec s;
	s.id = "nightly";
	s.steps.push_back({config::BackupStep{"plan-1", true}});
	config::CreateRestore c;
	c.backupPlanId = "plan-1";
	c.source = config::FromPreviousBackup{};
	c.destination.instanceId = "rm-drill";
	s.steps.push_back({config::RestoreStep{c}});
	s.rtoObjective = std::chrono::hours(1);
	return s;
}

JobRun drillRun(Outcome outcome)
{
	JobRun r;
	r.jobId = "nightly";
	r.runId = "00000000000000aa";
	r.stepIndex = 1;
	r.steps.resize(2);
	r.steps[1].restoreTaskId = "rt-1";
	r.startedAtMs = t0;
	r.finishedAtMs = t0 + 50 * 60'000;
	r.outcome = outcome;
	r.reason = "why";
	return r;
}

} // namespace

TEST(RunRecord, ASucceededDrillKeepsItsEvidenceAndNoReason)
{
	JobRun r = drillRun(Outcome::Succeeded);
	r.verification = Verification::Verified;
	r.verificationDetail = "exit 0";
	r.restoreTaskId = "rt-1";
	r.restoreStartedAtMs = t0 + 5 * 60'000;
	r.restoreFinishedAtMs = t0 + 45 * 60'000;
	r.backupSetId = "bs-1";
	r.backupSetEndMs = t0 - 60'000;
	const history::DrillRecord d = drillRecordOf(drillSpec(), r);
	EXPECT_EQ(d.jobId, "nightly");
	EXPECT_EQ(d.runId, "00000000000000aa");
	EXPECT_EQ(d.outcome, DrillOutcome::Succeeded);
	EXPECT_EQ(d.verification, Verification::Verified);
	EXPECT_EQ(d.verificationDetail, "exit 0");
	EXPECT_EQ(d.restoreStartedAtMs, t0 + 5 * 60'000);
	EXPECT_EQ(d.restoreFinishedAtMs, t0 + 45 * 60'000);
	EXPECT_EQ(d.backupSetEndMs, t0 - 60'000);
	EXPECT_EQ(d.rtoObjectiveMs, 3'600'000);
	EXPECT_EQ(d.restoreTaskId, "rt-1");
	EXPECT_EQ(d.backupPlanId, "plan-1");
	EXPECT_EQ(d.backupSetId, "bs-1");
	EXPECT_EQ(d.reason, "");
	EXPECT_EQ(history::rtoMet(d), true);
	EXPECT_EQ(history::restoreDurationMs(d), 40 * 60'000);
}

TEST(RunRecord, AFailedRunNamesTheTaskItFailedInAndWhy)
{
	const history::DrillRecord d = drillRecordOf(drillSpec(), drillRun(Outcome::Failed));
	EXPECT_EQ(d.outcome, DrillOutcome::Failed);
	EXPECT_EQ(d.restoreTaskId, "rt-1");
	EXPECT_EQ(d.reason, "why");
	EXPECT_FALSE(d.restoreFinishedAtMs.has_value()) << "unknown, not zero";
	EXPECT_FALSE(d.backupSetEndMs.has_value());
	EXPECT_FALSE(history::rtoMet(d).has_value());
	EXPECT_EQ(drillRecordOf(drillSpec(), drillRun(Outcome::Cancelled)).outcome, DrillOutcome::Cancelled);
}
