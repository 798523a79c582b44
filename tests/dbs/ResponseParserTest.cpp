// SPDX-License-Identifier: Apache-2.0
#include "dbs/ResponseParser.h"

#include <gtest/gtest.h>

using base::ErrorClass;
using dbs::HttpResponse;
using dbs::ResponseParser;

namespace {

HttpResponse ok(std::string body) { return HttpResponse{200, {{"content-type", "application/json"}}, std::move(body)}; }

// The DescribeRestoreTaskList success example from the seed page, verbatim
// apart from whitespace.
constexpr const char *seedRestoreList = R"({
  "HttpStatusCode": 200, "PageNum": 1, "RequestId": "9C397502-B4F2-4E22-AD97-C81F0049F3F3",
  "ErrCode": "Param.NotFound", "Success": true,
  "ErrMessage": "The specified parameter %s value is not valid. ",
  "TotalPages": 1, "TotalElements": 1, "PageSize": 30,
  "Items": { "RestoreTaskDetail": [ {
    "RestoreStatus": "running", "FullStruAfterRestoreProgress": 100, "CrossRoleName": "test123",
    "RestoreDir": "100.X.X.10:33204", "CrossAliyunId": "2xxx7778xxxxxxxxxx",
    "RestoreObjects": "[     {         \\\"DBName\\\":\\\"test\\\"       } ]",
    "BackupPlanId": "dbs1hvb0wXXXX", "DestinationEndpointRegion": "cn-hangzhou",
    "RestoreTaskCreateTime": 1554560477000, "DestinationEndpointUserName": "test",
    "RestoreTaskFinishTime": 1554560477001, "DestinationEndpointIpPort": "100.X.X.10:33204",
    "DestinationEndpointDatabaseName": "test", "DestinationEndpointInstanceType": "RDS",
    "DestinationEndpointOracleSID": "test", "FullStruforeRestoreProgress": 0,
    "ErrMessage": "NULL", "RestoreTaskId": "s1XXXXXX", "FullDataRestoreProgress": 100,
    "ContinuousRestoreProgress": 100, "DestinationEndpointInstanceID": "rm-bp1p8c2947XXX",
    "BackupSetId": "1ibh2f5uXXX", "BackupGatewayId": 324234332, "RestoreTaskName": "test",
    "RestoreTime": 1554560477002 } ] } })";

std::string restoreListWithItem(const std::string &item)
{
	return R"({"RequestId":"R","Success":true,"PageNum":0,"PageSize":30,"TotalElements":1,)"
	       R"("TotalPages":1,"Items":{"RestoreTaskDetail":[)" +
	       item + "]}}";
}

} // namespace

TEST(ResponseParser, SeedRestoreTaskListParsesEveryField)
{
	auto o = ResponseParser::describeRestoreTaskList(ok(seedRestoreList));
	ASSERT_TRUE(o.ok()) << o.error().code << ": " << o.error().message;
	const auto &r = o.value();
	EXPECT_EQ(r.envelope.requestId, "9C397502-B4F2-4E22-AD97-C81F0049F3F3");
	EXPECT_TRUE(r.envelope.success);
	EXPECT_EQ(r.envelope.errCode, "Param.NotFound");
	EXPECT_EQ(r.envelope.errMessage, "The specified parameter %s value is not valid. ");
	EXPECT_EQ(r.envelope.httpStatusCode, 200);
	EXPECT_EQ(r.paging.pageNum, 1);
	EXPECT_EQ(r.paging.pageSize, 30);
	EXPECT_EQ(r.paging.totalElements, 1);
	EXPECT_EQ(r.paging.totalPages, 1);
	ASSERT_EQ(r.items.size(), 1u);
	const auto &d = r.items[0];
	EXPECT_EQ(d.restoreTaskId, "s1XXXXXX");
	EXPECT_EQ(d.restoreTaskName, "test");
	EXPECT_EQ(d.restoreStatus, "running");
	EXPECT_EQ(d.backupPlanId, "dbs1hvb0wXXXX");
	EXPECT_EQ(d.backupSetId, "1ibh2f5uXXX");
	EXPECT_EQ(d.backupGatewayId, 324234332);
	EXPECT_EQ(d.restoreTaskCreateTime, 1554560477000);
	EXPECT_EQ(d.restoreTaskFinishTime, 1554560477001);
	EXPECT_EQ(d.restoreTime, 1554560477002);
	EXPECT_EQ(d.restoreObjects, R"([     {         \"DBName\":\"test\"       } ])");
	EXPECT_EQ(d.restoreDir, "100.X.X.10:33204");
	EXPECT_EQ(d.destinationEndpointInstanceType, "RDS");
	EXPECT_EQ(d.destinationEndpointRegion, "cn-hangzhou");
	EXPECT_EQ(d.destinationEndpointInstanceId, "rm-bp1p8c2947XXX");
	EXPECT_EQ(d.destinationEndpointIpPort, "100.X.X.10:33204");
	EXPECT_EQ(d.destinationEndpointDatabaseName, "test");
	EXPECT_EQ(d.destinationEndpointUserName, "test");
	EXPECT_EQ(d.destinationEndpointOracleSid, "test");
	EXPECT_EQ(d.crossAliyunId, "2xxx7778xxxxxxxxxx");
	EXPECT_EQ(d.crossRoleName, "test123");
	EXPECT_EQ(d.errMessage, "NULL");
	EXPECT_EQ(d.fullStruforeRestoreProgress, 0);
	EXPECT_EQ(d.fullDataRestoreProgress, 100);
	EXPECT_EQ(d.fullStruAfterRestoreProgress, 100);
	EXPECT_EQ(d.continuousRestoreProgress, 100);
}

TEST(ResponseParser, StartAndCreateResponses)
{
	auto s = ResponseParser::startBackupPlan(
		ok(R"({"HttpStatusCode":200,"RequestId":"R1","Success":true,"BackupPlanId":"dbsplandemo01",)"
		   R"("CreatedFullBackupsetId":"1h7toien3****","Extra":{"x":[1]}})"));
	ASSERT_TRUE(s.ok());
	EXPECT_EQ(s.value().backupPlanId, "dbsplandemo01");
	EXPECT_EQ(s.value().createdFullBackupsetId, "1h7toien3****");
	EXPECT_EQ(s.value().envelope.requestId, "R1");

	auto st = ResponseParser::startRestoreTask(
		ok(R"({"RequestId":"R2","Success":true,"RestoreTaskId":"s102h7rfXXXX"})"));
	ASSERT_TRUE(st.ok());
	EXPECT_EQ(st.value().restoreTaskId, "s102h7rfXXXX");

	auto c = ResponseParser::createRestoreTask(
		ok(R"({"RequestId":"R3","Success":true,"RestoreTaskId":"s102h*****"})"));
	ASSERT_TRUE(c.ok());
	EXPECT_EQ(c.value().restoreTaskId, "s102h*****");
}

TEST(ResponseParser, FullBackupListParsesEveryField)
{
	auto o = ResponseParser::describeFullBackupList(
		ok(R"({"RequestId":"R","Success":true,"PageNum":0,"PageSize":30,"TotalElements":1,"TotalPages":1,)"
		   R"("Items":{"FullBackupFile":[{"BackupSetId":"bs1","SourceEndpointIpPort":"1.2.3.4:3306",)"
		   R"("StartTime":1,"EndTime":2,"BackupStatus":"finish","BackupSetExpiredTime":3,)"
		   R"("BackupSize":4096,"StorageMethod":"oss","ErrMessage":"","BackupObjects":"[]",)"
		   R"("CreateTime":5,"FinishTime":6}]}})"));
	ASSERT_TRUE(o.ok()) << o.error().message;
	ASSERT_EQ(o.value().items.size(), 1u);
	const auto &f = o.value().items[0];
	EXPECT_EQ(f.backupSetId, "bs1");
	EXPECT_EQ(f.sourceEndpointIpPort, "1.2.3.4:3306");
	EXPECT_EQ(f.startTime, 1);
	EXPECT_EQ(f.endTime, 2);
	EXPECT_EQ(f.backupStatus, "finish");
	EXPECT_EQ(f.backupSetExpiredTime, 3);
	EXPECT_EQ(f.backupSize, 4096);
	EXPECT_EQ(f.storageMethod, "oss");
	EXPECT_EQ(f.backupObjects, "[]");
	EXPECT_EQ(f.createTime, 5);
	EXPECT_EQ(f.finishTime, 6);
}

TEST(ResponseParser, JobErrorCodeItem)
{
	auto o = ResponseParser::describeJobErrorCode(
		ok(R"({"RequestId":"R","Success":true,"Item":{"ErrorCode":"failed",)"
		   R"("ErrorMessage":"Restore failed: destination disk full","JobId":"rtdemofail01",)"
		   R"("JobState":"stop","JobType":"restore","Language":"en"}})"));
	ASSERT_TRUE(o.ok());
	const auto &i = o.value().item;
	EXPECT_EQ(i.errorCode, "failed");
	EXPECT_EQ(i.errorMessage, "Restore failed: destination disk full");
	EXPECT_EQ(i.jobId, "rtdemofail01");
	EXPECT_EQ(i.jobState, "stop");
	EXPECT_EQ(i.jobType, "restore");
	EXPECT_EQ(i.language, "en");

	auto missing = ResponseParser::describeJobErrorCode(ok(R"({"RequestId":"R","Success":true})"));
	ASSERT_FALSE(missing.ok());
	EXPECT_EQ(missing.error().code, "Response.MissingField");
}

TEST(ResponseParser, MissingItemsIsAnEmptyPage)
{
	auto o = ResponseParser::describeRestoreTaskList(
		ok(R"({"RequestId":"R","Success":true,"PageNum":0,"PageSize":30,"TotalElements":0,"TotalPages":0})"));
	ASSERT_TRUE(o.ok());
	EXPECT_TRUE(o.value().items.empty());
	auto e = ResponseParser::describeRestoreTaskList(ok(
		R"({"RequestId":"R","Success":true,"PageNum":0,"PageSize":30,"TotalElements":0,"TotalPages":0,"Items":{}})"));
	ASSERT_TRUE(e.ok());
	EXPECT_TRUE(e.value().items.empty());
}

TEST(ResponseParser, NumericStringsAreToleratedForIntegers)
{
	auto o = ResponseParser::describeRestoreTaskList(ok(
		R"({"RequestId":"R","Success":"true",)"
		R"("PageNum":"0","PageSize":"30","TotalElements":"1","TotalPages":"1","Items":{"RestoreTaskDetail":[)"
		R"({"RestoreTaskId":"t","RestoreStatus":"running","BackupGatewayId":"324234332",)"
		R"("RestoreTaskFinishTime":"1554560477000","FullDataRestoreProgress":"42"}]}})"));
	ASSERT_TRUE(o.ok()) << o.error().message;
	EXPECT_EQ(o.value().items[0].backupGatewayId, 324234332);
	EXPECT_EQ(o.value().items[0].restoreTaskFinishTime, 1554560477000);
	EXPECT_EQ(o.value().items[0].fullDataRestoreProgress, 42);
}

TEST(ResponseParser, NullCountsAsAbsent)
{
	auto o = ResponseParser::describeRestoreTaskList(ok(restoreListWithItem(
		R"({"RestoreTaskId":"t","RestoreStatus":"init","ErrMessage":null,"RestoreTaskFinishTime":null})")));
	ASSERT_TRUE(o.ok());
	EXPECT_EQ(o.value().items[0].restoreTaskFinishTime, 0);
}

TEST(ResponseParser, MalformedAndTruncatedBodiesAreTransientParseErrors)
{
	std::string full = seedRestoreList;
	for (std::string body :
	     {std::string(""), std::string("<html>502</html>"), std::string("[]"), std::string("\"x\""),
	      full.substr(0, full.size() / 2), full.substr(0, full.size() - 1)}) {
		auto o = ResponseParser::describeRestoreTaskList(ok(body));
		ASSERT_FALSE(o.ok()) << body;
		EXPECT_EQ(o.error().code, "Response.Malformed") << body;
		EXPECT_EQ(o.error().errorClass, ErrorClass::Transient);
		EXPECT_EQ(o.error().httpStatus, 200);
	}
}

TEST(ResponseParser, MissingRequiredFieldsAreNamed)
{
	struct Case {
		std::string body;
		std::string problem;
	};
	const Case cases[] = {
		{R"({"Success":true,"RestoreTaskId":"t"})", "RequestId: expected a value, field missing"},
		{R"({"RequestId":"R","RestoreTaskId":"t"})", "Success: expected a value, field missing"},
		{R"({"RequestId":"R","Success":true})", "RestoreTaskId: expected a value, field missing"},
	};
	for (const auto &c : cases) {
		auto o = ResponseParser::startRestoreTask(ok(c.body));
		ASSERT_FALSE(o.ok()) << c.body;
		EXPECT_EQ(o.error().code, "Response.MissingField");
		EXPECT_EQ(o.error().message, c.problem);
		EXPECT_EQ(o.error().errorClass, ErrorClass::Transient);
	}
	auto item = ResponseParser::describeRestoreTaskList(ok(restoreListWithItem(R"({"RestoreTaskId":"t"})")));
	ASSERT_FALSE(item.ok());
	EXPECT_EQ(item.error().message, "Items.RestoreTaskDetail[0].RestoreStatus: expected a value, field missing");
	EXPECT_EQ(item.error().requestId, "R");
}

TEST(ResponseParser, MistypedFieldsAreBadType)
{
	struct Case {
		std::string item;
		std::string problem;
	};
	const Case cases[] = {
		{R"({"RestoreTaskId":7,"RestoreStatus":"x"})",
		 "Items.RestoreTaskDetail[0].RestoreTaskId: expected a string"},
		{R"({"RestoreTaskId":"t","RestoreStatus":"x","FullDataRestoreProgress":"ten"})",
		 "Items.RestoreTaskDetail[0].FullDataRestoreProgress: expected an integer"},
		{R"({"RestoreTaskId":"t","RestoreStatus":"x","FullDataRestoreProgress":1.5})",
		 "Items.RestoreTaskDetail[0].FullDataRestoreProgress: expected an integer"},
		{R"({"RestoreTaskId":"t","RestoreStatus":"x","FullDataRestoreProgress":4294967296})",
		 "Items.RestoreTaskDetail[0].FullDataRestoreProgress: expected a 32-bit integer"},
		{R"({"RestoreTaskId":"t","RestoreStatus":"x","RestoreTime":[1]})",
		 "Items.RestoreTaskDetail[0].RestoreTime: expected an integer"},
		{R"("not an object")", "Items.RestoreTaskDetail[0]: expected an object"},
	};
	for (const auto &c : cases) {
		auto o = ResponseParser::describeRestoreTaskList(ok(restoreListWithItem(c.item)));
		ASSERT_FALSE(o.ok()) << c.item;
		EXPECT_EQ(o.error().code, "Response.BadType") << c.item;
		EXPECT_EQ(o.error().message, c.problem);
		EXPECT_EQ(o.error().errorClass, ErrorClass::Transient);
	}
	auto items = ResponseParser::describeRestoreTaskList(
		ok(R"({"RequestId":"R","Success":true,"PageNum":0,"PageSize":30,"TotalElements":0,"TotalPages":0,)"
		   R"("Items":{"RestoreTaskDetail":{}}})"));
	ASSERT_FALSE(items.ok());
	EXPECT_EQ(items.error().message, "Items.RestoreTaskDetail: expected an array");
	auto success = ResponseParser::startRestoreTask(ok(R"({"RequestId":"R","Success":"yes","RestoreTaskId":"t"})"));
	ASSERT_FALSE(success.ok());
	EXPECT_EQ(success.error().message, "Success: expected a boolean");
}
