// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/HookEnvironment.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace os = restored::os;

using restored::os::HookContext;
using restored::os::hookEnvironment;
using testing::Contains;
using testing::IsSupersetOf;

namespace {

os::HookContext notifyContext()
{
	os::HookContext c;
	c.hook = "notify";
	c.jobId = "nightly-drill";
	c.runId = "r-20261122-0300";
	c.outcome = "succeeded";
	c.verification = "verification_failed";
	c.conditions = {"succeeded", "verification_failed", "rto_missed"};
	c.restoreTaskId = "rtdemo0001";
	c.backupPlanId = "dbsplandemo01";
	c.backupSetId = "bsdemo0001";
	c.instanceId = "rm-drill01";
	c.region = "cn-hangzhou";
	c.ip = "10.0.0.5";
	c.port = 3306;
	c.user = "drill";
	c.databases = {{"shop", "shop_drill"}, {"crm", "crm"}};
	c.passwordFile = "/run/credentials/dbs-restored.service/drill-db-password";
	c.restoreDurationMs = 5'400'999;
	c.rtoObjectiveMs = 3'600'000;
	c.rtoMet = false;
	return c;
}

} // namespace

TEST(HookEnvironment, TellsTheHookAboutItsRun)
{
	auto env = os::hookEnvironment(notifyContext());
	EXPECT_THAT(
		env,
		IsSupersetOf({
			"DBS_HOOK=notify",
			"DBS_JOB_ID=nightly-drill",
			"DBS_RUN_ID=r-20261122-0300",
			"DBS_OUTCOME=succeeded",
			"DBS_VERIFICATION=verification_failed",
			"DBS_CONDITIONS=succeeded verification_failed rto_missed",
			"DBS_RESTORE_TASK_ID=rtdemo0001",
			"DBS_BACKUP_PLAN_ID=dbsplandemo01",
			"DBS_BACKUP_SET_ID=bsdemo0001",
			"DBS_DEST_INSTANCE_ID=rm-drill01",
			"DBS_DEST_REGION=cn-hangzhou",
			"DBS_DEST_IP=10.0.0.5",
			"DBS_DEST_PORT=3306",
			"DBS_DEST_USER=drill",
			R"(DBS_DEST_DATABASES=[{"source":"shop","target":"shop_drill"},{"source":"crm","target":"crm"}])",
			"DBS_DEST_PASSWORD_FILE=/run/credentials/dbs-restored.service/drill-db-password",
			"DBS_RESTORE_DURATION_SECONDS=5400",
			"DBS_RTO_OBJECTIVE_SECONDS=3600",
			"DBS_RTO_MET=false",
		}));
	EXPECT_TRUE(std::is_sorted(env.begin(), env.end()));
}

TEST(HookEnvironment, EveryVariableIsPresentEvenWhenUnknownAndNothingIsInherited)
{
	::setenv("DBS_HOOK_TEST_INHERITED", "1", 1);
	os::HookContext c;
	c.hook = "verify";
	auto env = os::hookEnvironment(c);
	::unsetenv("DBS_HOOK_TEST_INHERITED");
	EXPECT_EQ(env.size(), os::hookEnvironment(notifyContext()).size());
	EXPECT_THAT(env, Contains("DBS_DEST_PORT="));
	EXPECT_THAT(env, Contains("DBS_RTO_MET="));
	EXPECT_THAT(env, Contains("DBS_DEST_DATABASES=[]"));
	EXPECT_THAT(env, Contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
	for (const auto &e : env)
		EXPECT_TRUE(e.starts_with("DBS_") || e.starts_with("PATH=")) << e;
}

TEST(HookEnvironment, DropsNulBytesThatExecWouldCutAValueAt)
{
	os::HookContext c;
	c.reason = std::string("failed\0: rest", 13);
	EXPECT_THAT(os::hookEnvironment(c), Contains("DBS_REASON=failed: rest"));
}

TEST(HookEnvironment, OperationsDocListsEveryVariable)
{
	const char *path = std::getenv("DBS_OPERATIONS_MD");
	ASSERT_NE(path, nullptr) << "set by meson";
	std::ifstream in(path);
	std::stringstream doc;
	doc << in.rdbuf();
	for (const auto &e : os::hookEnvironment(notifyContext())) {
		std::string name = e.substr(0, e.find('='));
		EXPECT_NE(doc.str().find("`" + name + "`"), std::string::npos)
			<< name << " is not in docs/operations.md";
	}
}
