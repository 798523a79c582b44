// SPDX-License-Identifier: Apache-2.0
#include "daemon/RequestFactory.h"

#include <gtest/gtest.h>

using namespace restored;
using statemachine::ApiAction;
using statemachine::CallApi;

namespace {

config::JobSpec drillSpec()
{
	config::JobSpec spec;
	spec.id = "drill";
	spec.steps.push_back({config::BackupStep{"dbsplan01", true}});
	config::CreateRestore c;
	c.backupPlanId = "dbsplan01";
	c.restoreTaskName = "drill";
	c.destination.instanceType = "RDS";
	c.destination.region = "cn-hangzhou";
	c.destination.instanceId = "rm-1";
	c.destination.userName = "drill";
	c.destination.password = {config::SecretRef::Kind::File, "/nonexistent/ignored"};
	c.objects = {{"shop", "shop_drill"}};
	c.source = config::FromPreviousBackup{};
	spec.steps.push_back({config::RestoreStep{c}});
	return spec;
}

statemachine::JobRun runFor(const config::JobSpec &spec)
{
	statemachine::JobRun run;
	run.jobId = spec.id;
	run.steps.resize(spec.steps.size());
	return run;
}

dbs::Secret fakeSecret(const config::SecretRef &) { return dbs::Secret("s3cret"); }

} // namespace

TEST(RequestFactory, StartBackupPlanCarriesThePlanAndToken)
{
	auto spec = drillSpec();
	auto built = buildRequest(spec, runFor(spec), CallApi{ApiAction::StartBackupPlan, "tok-1", 0}, fakeSecret);
	auto &r = std::get<dbs::StartBackupPlanRequest>(std::get<ApiRequest>(built));
	EXPECT_EQ(r.backupPlanId, "dbsplan01");
	EXPECT_EQ(r.clientToken, "tok-1");
}

TEST(RequestFactory, CreateRestoreUsesTheBackupSetOfThePreviousStep)
{
	auto spec = drillSpec();
	auto run = runFor(spec);
	run.steps[0].createdFullBackupSetId = "bs-42";
	auto built = buildRequest(spec, run, CallApi{ApiAction::CreateRestoreTask, "tok-2", 1}, fakeSecret);
	auto &r = std::get<dbs::CreateRestoreTaskRequest>(std::get<ApiRequest>(built));
	EXPECT_EQ(r.backupSetId, "bs-42");
	EXPECT_FALSE(r.restoreTime);
	EXPECT_EQ(r.destinationEndpointInstanceType, "RDS");
	EXPECT_EQ(r.destinationEndpointInstanceId, "rm-1");
	EXPECT_EQ(r.restoreObjects, R"([{"DBName":"shop","NewDBName":"shop_drill"}])");
	ASSERT_TRUE(r.destinationEndpointPassword);
	EXPECT_EQ(r.destinationEndpointPassword->reveal(), "s3cret");
	EXPECT_EQ(r.clientToken, "tok-2");
}

TEST(RequestFactory, MissingPreviousBackupSetIsAPermanentLocalError)
{
	auto spec = drillSpec();
	auto built = buildRequest(spec, runFor(spec), CallApi{ApiAction::CreateRestoreTask, "t", 1}, fakeSecret);
	auto &e = std::get<base::ApiError>(built);
	EXPECT_EQ(e.code, "Local.NoBackupSet");
	EXPECT_EQ(e.errorClass, base::ErrorClass::Permanent);
}

TEST(RequestFactory, UnreadablePasswordFailsWithoutTheValue)
{
	auto spec = drillSpec();
	auto run = runFor(spec);
	run.steps[0].createdFullBackupSetId = "bs-42";
	auto built = buildRequest(spec, run, CallApi{ApiAction::CreateRestoreTask, "t", 1}, readSecretRef);
	auto &e = std::get<base::ApiError>(built);
	EXPECT_EQ(e.code, "Local.PasswordUnreadable");
	EXPECT_NE(e.message.find("/nonexistent/ignored"), std::string::npos);
}

TEST(RequestFactory, StartRestoreTaskUsesTheCreatedTaskOrTheExistingOne)
{
	auto spec = drillSpec();
	auto run = runFor(spec);
	run.steps[1].restoreTaskId = "rt-created";
	auto built = buildRequest(spec, run, CallApi{ApiAction::StartRestoreTask, "t3", 1}, fakeSecret);
	EXPECT_EQ(std::get<dbs::StartRestoreTaskRequest>(std::get<ApiRequest>(built)).restoreTaskId, "rt-created");

	config::JobSpec existing;
	existing.id = "e";
	existing.steps.push_back({config::RestoreStep{config::ExistingRestore{"rt-existing"}}});
	built = buildRequest(existing, runFor(existing), CallApi{ApiAction::StartRestoreTask, "t4", 0}, fakeSecret);
	auto &r = std::get<dbs::StartRestoreTaskRequest>(std::get<ApiRequest>(built));
	EXPECT_EQ(r.restoreTaskId, "rt-existing");
	EXPECT_EQ(r.clientToken, "t4");
}

TEST(RequestFactory, SecretFileLosesOneTrailingNewline)
{
	std::string path = ::testing::TempDir() + "/pw";
	{
		std::FILE *f = std::fopen(path.c_str(), "w");
		std::fputs("pa ss\n", f);
		std::fclose(f);
	}
	auto s = readSecretRef({config::SecretRef::Kind::File, path});
	EXPECT_EQ(s.reveal(), "pa ss");
}
