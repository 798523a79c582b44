// SPDX-License-Identifier: Apache-2.0
// DescribeRestoreTaskList: paging, filters and parameter rules.
#include <chrono>
#include <cstdio>

#include <gtest/gtest.h>

#include "emulator/Fixture.h"
#include "tests/emulator/HandlerHarness.h"

using namespace emutest;
namespace json = boost::json;

namespace {

TEST(RestoreTaskList, PageNumIsZeroBasedWithTotalPages)
{
	HandlerHarness h;
	auto p0 = h.call("DescribeRestoreTaskList", {{"BackupPlanId", "planpause"}, {"PageSize", "20"}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(p0.at("PageNum").as_int64(), 0);
	EXPECT_EQ(p0.at("PageSize").as_int64(), 20);
	EXPECT_EQ(p0.at("TotalElements").as_int64(), 45);
	EXPECT_EQ(p0.at("TotalPages").as_int64(), 3);
	EXPECT_EQ(taskIds(p0).front(), "rt-00001");
	auto p2 = h.call("DescribeRestoreTaskList",
			 {{"BackupPlanId", "planpause"}, {"PageSize", "20"}, {"PageNum", "2"}});
	EXPECT_EQ(taskIds(p2), (std::vector<std::string>{"rt-00041", "rt-00042", "rt-00043", "rt-00044", "rt-00045"}));
	auto p3 = h.call("DescribeRestoreTaskList",
			 {{"BackupPlanId", "planpause"}, {"PageSize", "20"}, {"PageNum", "3"}});
	EXPECT_TRUE(taskIds(p3).empty());
}

TEST(RestoreTaskList, PageSizeDefaultsTo30AndAllows1To100)
{
	HandlerHarness h;
	auto d = h.call("DescribeRestoreTaskList", {{"BackupPlanId", "planpause"}});
	EXPECT_EQ(d.at("PageSize").as_int64(), 30);
	EXPECT_EQ(taskIds(d).size(), 30u);
	auto full = h.call("DescribeRestoreTaskList", {{"BackupPlanId", "planpause"}, {"PageSize", "100"}});
	EXPECT_EQ(taskIds(full).size(), 45u);
	EXPECT_EQ(h.call("DescribeRestoreTaskList", {{"PageSize", "1"}}).at("TotalPages").as_int64(), 48);
	for (const char *bad : {"0", "101", "-1", "ten"}) {
		auto e = h.call("DescribeRestoreTaskList", {{"PageSize", bad}});
		EXPECT_EQ(h.last.status, 400) << bad;
		EXPECT_EQ(e.at("Success").as_bool(), false) << bad;
		EXPECT_EQ(e.at("ErrCode").as_string(), "InvalidParameter") << bad;
	}
	h.call("DescribeRestoreTaskList", {{"PageNum", "-1"}});
	EXPECT_EQ(h.last.status, 400);
}

TEST(RestoreTaskList, BackupPlanIdAndRestoreTaskIdAreExclusive)
{
	HandlerHarness h;
	auto e = h.call("DescribeRestoreTaskList",
			{{"BackupPlanId", "dbsplandemo01"}, {"RestoreTaskId", "rtdemofail01"}});
	EXPECT_EQ(h.last.status, 400);
	EXPECT_EQ(e.at("ErrCode").as_string(), "InvalidParameter");
	auto all = h.call("DescribeRestoreTaskList", {});
	EXPECT_EQ(all.at("TotalElements").as_int64(), 48);
}

TEST(RestoreTaskList, CommaListReturnsKnownIdsOnly)
{
	HandlerHarness h;
	auto o = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rtdemofail01,nosuch,rt-00007,rtdemofail01"}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(taskIds(o), (std::vector<std::string>{"rtdemofail01", "rt-00007"}));
	EXPECT_EQ(o.at("TotalElements").as_int64(), 2);
	auto stats = h.state().at("stats").at("describe_restore_task_list").as_object();
	EXPECT_EQ(stats.at("ids_sum").as_int64(), 3);
	EXPECT_EQ(stats.at("ids_max").as_int64(), 3);
	EXPECT_EQ(stats.at("calls").as_int64(), 1);
}

TEST(RestoreTaskList, EveryDocumentedFieldIsPresent)
{
	HandlerHarness h;
	auto o = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rtdemoexisting01"}});
	const auto &t = o.at("Items").at("RestoreTaskDetail").as_array().at(0).as_object();
	for (const char *f : {"BackupGatewayId",
			      "BackupPlanId",
			      "BackupSetId",
			      "RestoreTaskId",
			      "RestoreTaskName",
			      "RestoreStatus",
			      "RestoreTaskCreateTime",
			      "RestoreTaskFinishTime",
			      "RestoreTime",
			      "RestoreObjects",
			      "RestoreDir",
			      "DestinationEndpointInstanceType",
			      "DestinationEndpointRegion",
			      "DestinationEndpointInstanceID",
			      "DestinationEndpointIpPort",
			      "DestinationEndpointDatabaseName",
			      "DestinationEndpointUserName",
			      "DestinationEndpointOracleSID",
			      "CrossAliyunId",
			      "CrossRoleName",
			      "ErrMessage",
			      "FullStruforeRestoreProgress",
			      "FullDataRestoreProgress",
			      "FullStruAfterRestoreProgress",
			      "ContinuousRestoreProgress"})
		EXPECT_TRUE(t.contains(f)) << f;
	for (const char *f : {"RequestId", "Success", "HttpStatusCode", "ErrCode", "ErrMessage"})
		EXPECT_TRUE(o.contains(f)) << f;
	EXPECT_EQ(t.at("RestoreStatus").as_string(), "init");
}

TEST(RestoreTaskList, TimestampsFilterOnCreateTime)
{
	HandlerHarness h;
	h.now += 60'000;
	auto created = h.call("CreateRestoreTask", {{"BackupPlanId", "dbsplandemo01"},
						    {"RestoreTaskName", "later"},
						    {"DestinationEndpointInstanceType", "Other"},
						    {"BackupSetId", "dbsbsdemo01"}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	auto after = h.call("DescribeRestoreTaskList", {{"StartTimestamp", std::to_string(t0 + 30'000)}});
	EXPECT_EQ(taskIds(after), (std::vector<std::string>{std::string(created.at("RestoreTaskId").as_string())}));
	auto before = h.call("DescribeRestoreTaskList", {{"EndTimestamp", std::to_string(t0 + 30'000)}});
	EXPECT_EQ(before.at("TotalElements").as_int64(), 48);
}

TEST(RestoreTaskList, TenThousandTasksHundredIdsIsFast)
{
	std::string yaml = std::string(testFixtureYaml) +
			   "  - {id_prefix: big-, count: 10000, backup_plan_id: dbsplandemo01, duration: 2h}\n";
	emulator::EmulatorOptions o;
	o.wallStartMs = t0;
	emulator::ApiHandler api(emulator::parseFixture(yaml, "big.yaml"), o);
	std::string list;
	for (int i = 1; i <= 100; ++i) {
		char id[16];
		std::snprintf(id, sizeof id, "big-%05d", 10000 - i * 97);
		list += (i > 1 ? "," : "") + std::string(id);
	}
	auto start = std::chrono::steady_clock::now();
	emulator::HttpResponse r;
	for (int i = 0; i < 50; ++i)
		r = api.handle(signedRequest(Style::V1Get, "DescribeRestoreTaskList",
					     {{"RestoreTaskId", list}, {"PageSize", "100"}}, {}, t0),
			       t0);
	auto elapsed = std::chrono::steady_clock::now() - start;
	ASSERT_EQ(r.status, 200) << r.body;
	EXPECT_EQ(parseJson(r.body).at("Items").at("RestoreTaskDetail").as_array().size(), 100u);
	// Generous bound for a debug build on a shared 2-core machine: a linear
	// scan per id would be ~50x slower.
	EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 5000);
}

} // namespace
