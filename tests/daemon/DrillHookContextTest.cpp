// SPDX-License-Identifier: Apache-2.0
// What a job's hooks are told, from the definition and the run record.
#include "daemon/DrillHookContext.h"

#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "JobSpecs.h"

namespace restored {
namespace {

using statemachine::HookKind;
using statemachine::JobRun;
using statemachine::Outcome;
using statemachine::Verification;

// A backup, then a restore of its set into shop_drill and crm (kept), with
// the destination's password as a systemd credential.
config::JobSpecPtr drillSpec()
{
	return test::jobSpec("nightly",
			     "  - backup: {backup_plan_id: plan-1}\n"
			     "  - restore:\n"
			     "      create:\n"
			     "        backup_plan_id: plan-1\n"
			     "        name: nightly\n"
			     "        backup_set: previous\n"
			     "        destination:\n"
			     "          instance_type: Other\n"
			     "          ip: 10.0.0.5\n"
			     "          port: 3306\n"
			     "          user_name: drill\n"
			     "          password_credential: drill-db-password\n"
			     "        objects: [{db: shop, new_db: shop_drill}, {db: crm}]\n",
			     test::shortTiming + "rto_objective: 1h\n");
}

JobRun finishedRun()
{
	JobRun r;
	r.jobId = "nightly";
	r.runId = "00000000000000aa";
	r.stepIndex = 1;
	r.steps.resize(2);
	r.steps[1].restoreTaskId = "rt-1";
	r.restoreTaskId = "rt-1";
	r.restoreStartedAtMs = 1'800'000'000'000;
	r.restoreFinishedAtMs = r.restoreStartedAtMs + 90 * 60'000;
	r.backupSetId = "bs-1";
	return r;
}

TEST(DrillHookContext, TheVerifyHookIsToldTheRestoreButNoOutcome)
{
	::setenv("CREDENTIALS_DIRECTORY", "/run/credentials/dbs-restored.service", 1);
	const os::HookContext c = drillHookContext(HookKind::Verify, *drillSpec(), finishedRun());
	::unsetenv("CREDENTIALS_DIRECTORY");
	EXPECT_EQ(c.hook, "verify");
	EXPECT_EQ(c.jobId, "nightly");
	EXPECT_EQ(c.runId, "00000000000000aa");
	EXPECT_EQ(c.outcome, "");
	EXPECT_EQ(c.verification, "");
	EXPECT_TRUE(c.conditions.empty());
	EXPECT_EQ(c.restoreTaskId, "rt-1");
	EXPECT_EQ(c.backupPlanId, "plan-1");
	EXPECT_EQ(c.backupSetId, "bs-1");
	EXPECT_EQ(c.ip, "10.0.0.5");
	EXPECT_EQ(c.port, 3306);
	EXPECT_EQ(c.user, "drill");
	EXPECT_EQ(c.databases,
		  (std::vector<std::pair<std::string, std::string>>{{"shop", "shop_drill"}, {"crm", "crm"}}));
	EXPECT_EQ(c.passwordFile, "/run/credentials/dbs-restored.service/drill-db-password")
		<< "a credential is its path in the daemon's credentials directory";
	EXPECT_EQ(c.restoreDurationMs, 90 * 60'000);
	EXPECT_EQ(c.rtoObjectiveMs, 3'600'000);
	EXPECT_EQ(c.rtoMet, false);
}

TEST(DrillHookContext, AnExistingTasksHookIsToldThePlanDbsNamed)
{
	auto spec = test::startExistingJob("existing", "rt-9");
	JobRun r;
	r.jobId = "existing";
	r.runId = "00000000000000bb";
	r.steps.resize(1);
	r.restoreTaskId = "rt-9";
	r.backupSetId = "bs-9";
	r.backupPlanId = "plan-from-dbs";
	const os::HookContext c = drillHookContext(HookKind::Verify, *spec, r);
	EXPECT_EQ(c.backupPlanId, "plan-from-dbs");
	EXPECT_EQ(c.backupSetId, "bs-9");
}

TEST(DrillHookContext, TheNotifyHookIsToldTheOutcomeTheVerdictAndEveryConditionMet)
{
	JobRun r = finishedRun();
	r.outcome = Outcome::Succeeded;
	r.reason = "all 2 steps succeeded";
	r.verification = Verification::VerificationFailed;
	const os::HookContext c = drillHookContext(HookKind::Notify, *drillSpec(), r);
	EXPECT_EQ(c.hook, "notify");
	EXPECT_EQ(c.outcome, "succeeded");
	EXPECT_EQ(c.reason, "all 2 steps succeeded");
	EXPECT_EQ(c.verification, "verification_failed");
	EXPECT_EQ(c.conditions, (std::vector<std::string>{"succeeded", "verification_failed", "rto_missed"}));
}

} // namespace
} // namespace restored
