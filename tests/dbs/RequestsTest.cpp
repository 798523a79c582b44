// SPDX-License-Identifier: Apache-2.0
#include "dbs/Requests.h"

#include <gtest/gtest.h>

using dbs::ParamMap;

namespace {

dbs::CreateRestoreTaskRequest fullCreate()
{
	dbs::CreateRestoreTaskRequest r;
	r.backupPlanId = "dbsplandemo01";
	r.restoreTaskName = "restore-1";
	r.destinationEndpointInstanceType = "RDS";
	r.destinationEndpointRegion = "cn-hangzhou";
	r.destinationEndpointInstanceId = "rm-1";
	r.destinationEndpointIp = "10.0.0.5";
	r.destinationEndpointPort = 3306;
	r.destinationEndpointDatabaseName = "db";
	r.destinationEndpointUserName = "u";
	r.destinationEndpointPassword = dbs::Secret("pw");
	r.destinationEndpointOracleSid = "sid";
	r.backupSetId = "bs1";
	r.restoreObjects = R"([{"DBName":"a","NewDBName":"b"}])";
	r.backupGatewayId = 324234332;
	r.restoreDir = "/d";
	r.restoreHome = "/h";
	r.duplicateConflict = "renamenew";
	r.crossAliyunId = "ca";
	r.crossRoleName = "cr";
	r.clientToken = "tok-1";
	return r;
}

} // namespace

TEST(Requests, CreateRestoreTaskSendsEveryDocumentedParameter)
{
	ParamMap p = dbs::toParams(fullCreate());
	ParamMap expected{
		{"BackupPlanId", "dbsplandemo01"},
		{"RestoreTaskName", "restore-1"},
		{"DestinationEndpointInstanceType", "RDS"},
		{"DestinationEndpointRegion", "cn-hangzhou"},
		{"DestinationEndpointInstanceID", "rm-1"},
		{"DestinationEndpointIP", "10.0.0.5"},
		{"DestinationEndpointPort", "3306"},
		{"DestinationEndpointDatabaseName", "db"},
		{"DestinationEndpointUserName", "u"},
		{"DestinationEndpointPassword", "pw"},
		{"DestinationEndpointOracleSID", "sid"},
		{"BackupSetId", "bs1"},
		{"RestoreObjects", R"([{"DBName":"a","NewDBName":"b"}])"},
		{"BackupGatewayId", "324234332"},
		{"RestoreDir", "/d"},
		{"RestoreHome", "/h"},
		{"DuplicateConflict", "renamenew"},
		{"CrossAliyunId", "ca"},
		{"CrossRoleName", "cr"},
		{"ClientToken", "tok-1"},
	};
	EXPECT_EQ(p, expected);
	EXPECT_EQ(dbs::validate(fullCreate()), std::nullopt);
}

TEST(Requests, CreateRestoreTaskNeedsBackupSetIdXorRestoreTime)
{
	auto r = fullCreate();
	r.restoreTime = 1554560477000;
	EXPECT_EQ(dbs::validate(r), "exactly one of BackupSetId and RestoreTime is required");
	r.backupSetId.reset();
	EXPECT_EQ(dbs::validate(r), std::nullopt);
	EXPECT_EQ(dbs::toParams(r).at("RestoreTime"), "1554560477000");
	EXPECT_EQ(dbs::toParams(r).count("BackupSetId"), 0u);
	r.restoreTime.reset();
	EXPECT_EQ(dbs::validate(r), "exactly one of BackupSetId and RestoreTime is required");
}

TEST(Requests, UnsetOptionalsAreNotSent)
{
	dbs::StartBackupPlanRequest s{"dbsplandemo01", std::nullopt};
	EXPECT_EQ(dbs::toParams(s), (ParamMap{{"BackupPlanId", "dbsplandemo01"}}));
	s.clientToken = "t";
	EXPECT_EQ(dbs::toParams(s), (ParamMap{{"BackupPlanId", "dbsplandemo01"}, {"ClientToken", "t"}}));
}

TEST(Requests, EveryRequestCarriesClientTokenWhenGiven)
{
	const std::string t = "token-123";
	EXPECT_EQ(dbs::toParams(dbs::StartBackupPlanRequest{"p", t}).at("ClientToken"), t);
	EXPECT_EQ(dbs::toParams(dbs::StartRestoreTaskRequest{"r", t}).at("ClientToken"), t);
	dbs::DescribeRestoreTaskListRequest l;
	l.restoreTaskId = "a,b";
	l.clientToken = t;
	EXPECT_EQ(dbs::toParams(l).at("ClientToken"), t);
	EXPECT_EQ(dbs::toParams(fullCreate()).at("ClientToken"), "tok-1");
	dbs::DescribeFullBackupListRequest f;
	f.backupPlanId = "p";
	f.clientToken = t;
	EXPECT_EQ(dbs::toParams(f).at("ClientToken"), t);
	dbs::DescribeJobErrorCodeRequest j;
	j.taskId = "x";
	j.clientToken = t;
	EXPECT_EQ(dbs::toParams(j).at("ClientToken"), t);
}

TEST(Requests, ListAndDescribeParameters)
{
	dbs::DescribeRestoreTaskListRequest l;
	l.restoreTaskId = "a,b";
	l.pageNum = 0;
	l.pageSize = 100;
	l.startTimestamp = 1;
	l.endTimestamp = 2;
	EXPECT_EQ(dbs::toParams(l), (ParamMap{{"RestoreTaskId", "a,b"},
					      {"PageNum", "0"},
					      {"PageSize", "100"},
					      {"StartTimestamp", "1"},
					      {"EndTimestamp", "2"}}));
	dbs::DescribeFullBackupListRequest f;
	f.backupPlanId = "p";
	f.backupSetId = "bs";
	f.showStorageType = true;
	EXPECT_EQ(dbs::toParams(f),
		  (ParamMap{{"BackupPlanId", "p"}, {"BackupSetId", "bs"}, {"ShowStorageType", "true"}}));
	dbs::DescribeJobErrorCodeRequest j;
	j.taskId = "rt";
	j.language = "en";
	EXPECT_EQ(dbs::toParams(j), (ParamMap{{"TaskId", "rt"}, {"Language", "en"}}));
}

TEST(Requests, ValidationCatchesCallerMistakes)
{
	dbs::DescribeRestoreTaskListRequest l;
	EXPECT_EQ(dbs::validate(l), "exactly one of BackupPlanId and RestoreTaskId is required");
	l.backupPlanId = "p";
	l.restoreTaskId = "r";
	EXPECT_EQ(dbs::validate(l), "exactly one of BackupPlanId and RestoreTaskId is required");
	l.backupPlanId.reset();
	l.restoreTaskId = "";
	EXPECT_EQ(dbs::validate(l), "BackupPlanId or RestoreTaskId must not be empty");
	l.restoreTaskId = "r";
	l.pageSize = 101;
	EXPECT_EQ(dbs::validate(l), "PageSize must be 1 to 100");
	EXPECT_EQ(dbs::validate(dbs::StartRestoreTaskRequest{}), "RestoreTaskId is required");
	EXPECT_EQ(dbs::validate(dbs::StartBackupPlanRequest{"p", std::string(65, 'x')}),
		  "ClientToken must be 1 to 64 characters");
	EXPECT_EQ(dbs::validate(dbs::StartBackupPlanRequest{"p", std::string("caf\xC3\xA9")}),
		  "ClientToken must be printable ASCII");
	EXPECT_EQ(dbs::validate(dbs::StartBackupPlanRequest{"p", std::string(64, 'x')}), std::nullopt);
}

TEST(Requests, FullBackupListPageSizeIsOneTheMetadataAllows)
{
	dbs::DescribeFullBackupListRequest f;
	f.backupPlanId = "p";
	EXPECT_EQ(dbs::validate(f), std::nullopt); // unset: not sent at all
	EXPECT_EQ(dbs::toParams(f).count("PageSize"), 0u);
	for (int ok : {30, 50, 100}) {
		f.pageSize = ok;
		EXPECT_EQ(dbs::validate(f), std::nullopt) << ok;
		EXPECT_EQ(dbs::toParams(f).at("PageSize"), std::to_string(ok));
	}
	for (int bad : {0, 1, 10, 29, 31, 99, 101}) {
		f.pageSize = bad;
		EXPECT_EQ(dbs::validate(f), "PageSize must be 30, 50 or 100") << bad;
	}
}
