// SPDX-License-Identifier: Apache-2.0
// Restore tasks and backups over simulated time, through the pure handler.
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "tests/emulator/HandlerHarness.h"

using namespace emutest;
namespace json = boost::json;

namespace {

const dbs::ParamMap createParams{{"BackupPlanId", "dbsplandemo01"},
				 {"RestoreTaskName", "restore-orders"},
				 {"DestinationEndpointInstanceType", "RDS"},
				 {"DestinationEndpointRegion", "cn-hangzhou"},
				 {"DestinationEndpointInstanceID", "rm-demo"},
				 {"DestinationEndpointUserName", "restorer"},
				 {"DestinationEndpointPassword", "Sup3r-Secret-Pw"},
				 {"BackupSetId", "dbsbsdemo01"}};

json::object detail(HandlerHarness &h, const std::string &id)
{
	auto o = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", id}});
	return o.at("Items").at("RestoreTaskDetail").as_array().at(0).as_object();
}

std::vector<std::int64_t> progress(const json::object &t)
{
	return {t.at("FullStruforeRestoreProgress").as_int64(), t.at("FullDataRestoreProgress").as_int64(),
		t.at("FullStruAfterRestoreProgress").as_int64(), t.at("ContinuousRestoreProgress").as_int64()};
}

const json::object *stateTask(const json::object &state, const std::string &id)
{
	for (const auto &t : state.at("restore_tasks").as_array())
		if (t.at("id").as_string() == id)
			return &t.as_object();
	return nullptr;
}

TEST(RestoreLifecycle, CreateThenStartRunsThroughPhasesInOrderAndFinishes)
{
	HandlerHarness h;
	auto created = h.call("CreateRestoreTask", createParams);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	std::string id(created.at("RestoreTaskId").as_string());
	EXPECT_EQ(detail(h, id).at("RestoreStatus").as_string(), "init");
	auto started = h.call("StartRestoreTask", {{"RestoreTaskId", id}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(started.at("RestoreTaskId").as_string(), id);

	// 2 h restore, scale 1: sample every 6 simulated minutes.
	std::vector<std::int64_t> previous{0, 0, 0, 0};
	for (int i = 1; i < 20; ++i) {
		h.now = t0 + i * 6 * 60'000;
		auto t = detail(h, id);
		EXPECT_EQ(t.at("RestoreStatus").as_string(), "running");
		EXPECT_EQ(t.at("RestoreTaskFinishTime").as_int64(), 0);
		auto p = progress(t);
		for (std::size_t k = 0; k < 4; ++k) {
			EXPECT_GE(p[k], previous[k]);
			// A later phase only moves once every earlier one is complete.
			if (k > 0 && p[k] > 0) {
				EXPECT_EQ(p[k - 1], 100) << "phase " << k << " at step " << i;
			}
		}
		previous = p;
	}
	EXPECT_EQ(previous[0], 100);
	EXPECT_GT(previous[1], 0);
	h.now = t0 + 2 * 3'600'000;
	auto done = detail(h, id);
	EXPECT_EQ(done.at("RestoreStatus").as_string(), "finish");
	EXPECT_EQ(done.at("RestoreTaskFinishTime").as_int64(), t0 + 2 * 3'600'000);
	EXPECT_EQ(progress(done), (std::vector<std::int64_t>{100, 100, 100, 100}));
}

TEST(RestoreLifecycle, TimeScaleCompressesTheRestore)
{
	emulator::EmulatorOptions o;
	o.timeScale = 7200; // 2 h in one wall second
	HandlerHarness h(o);
	h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	h.now = t0 + 500;
	EXPECT_EQ(detail(h, "rtdemoexisting01").at("RestoreStatus").as_string(), "running");
	h.now = t0 + 750; // 90 min of sim time
	EXPECT_EQ(detail(h, "rtdemoexisting01").at("RestoreStatus").as_string(), "finish");
	const auto state = h.state();
	auto t = stateTask(state, "rtdemoexisting01");
	ASSERT_NE(t, nullptr);
	EXPECT_EQ(t->at("end_wall_ms").as_int64(), t0 + 750);
	EXPECT_EQ(t->at("end_sim_ms").as_int64(), t0 + 90 * 60'000);
}

TEST(RestoreLifecycle, StopOutcomeReportsErrorAndJobErrorCode)
{
	HandlerHarness h;
	h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemofail01"}});
	h.now = t0 + 30 * 60'000;
	auto t = detail(h, "rtdemofail01");
	EXPECT_EQ(t.at("RestoreStatus").as_string(), "stop");
	EXPECT_EQ(t.at("ErrMessage").as_string(), "Restore failed: destination disk full");
	EXPECT_GT(t.at("RestoreTaskFinishTime").as_int64(), 0);
	auto e = h.call("DescribeJobErrorCode", {{"TaskId", "rtdemofail01"}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	auto item = e.at("Item").as_object();
	EXPECT_EQ(item.at("ErrorCode").as_string(), "failed");
	EXPECT_EQ(item.at("ErrorMessage").as_string(), "Restore failed: destination disk full");
	EXPECT_EQ(item.at("JobId").as_string(), "rtdemofail01");
	EXPECT_EQ(item.at("JobState").as_string(), "stop");
	EXPECT_EQ(item.at("JobType").as_string(), "RESTORE");
	EXPECT_EQ(item.at("Language").as_string(), "en");
}

TEST(RestoreLifecycle, PauseOutcomeStopsAtFixtureFractionAndStays)
{
	HandlerHarness h;
	h.call("StartRestoreTask", {{"RestoreTaskId", "rt-00003"}}); // planpause: pause_at 0.25 of 2 h
	h.now = t0 + 29 * 60'000;
	EXPECT_EQ(detail(h, "rt-00003").at("RestoreStatus").as_string(), "running");
	h.now = t0 + 30 * 60'000;
	auto paused = detail(h, "rt-00003");
	EXPECT_EQ(paused.at("RestoreStatus").as_string(), "pause");
	h.now = t0 + 10 * 3'600'000;
	auto later = detail(h, "rt-00003");
	EXPECT_EQ(later.at("RestoreStatus").as_string(), "pause");
	EXPECT_EQ(progress(later), progress(paused));
	EXPECT_EQ(later.at("RestoreTaskFinishTime").as_int64(), 0);
}

TEST(RestoreLifecycle, TerminalStatusIsConfigurableGloballyAndPerTask)
{
	emulator::EmulatorOptions o;
	o.terminalStatus = "completed";
	HandlerHarness h(o);
	h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	h.call("StartRestoreTask", {{"RestoreTaskId", "rtcustom"}});
	h.now = t0 + 3 * 3'600'000;
	EXPECT_EQ(detail(h, "rtdemoexisting01").at("RestoreStatus").as_string(), "completed");
	EXPECT_EQ(detail(h, "rtcustom").at("RestoreStatus").as_string(), "success");
}

TEST(RestoreLifecycle, StartingARunningOrFinishedTaskIsInvalidStatus)
{
	HandlerHarness h;
	h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	auto running = h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	EXPECT_EQ(h.last.status, 400);
	EXPECT_EQ(running.at("Success").as_bool(), false);
	EXPECT_EQ(running.at("ErrCode").as_string(), "InvalidStatus");
	h.now = t0 + 2 * 3'600'000;
	auto finished = h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	EXPECT_EQ(finished.at("ErrCode").as_string(), "InvalidStatus");
	EXPECT_EQ(stateTask(h.state(), "rtdemoexisting01")->at("start_count").as_int64(), 1);
	auto unknown = h.call("StartRestoreTask", {{"RestoreTaskId", "nosuch"}});
	EXPECT_EQ(unknown.at("ErrCode").as_string(), "Param.NotFound");
}

TEST(RestoreLifecycle, CreateRestoreTaskValidatesParameters)
{
	HandlerHarness h;
	auto both = createParams;
	both["RestoreTime"] = std::to_string(t0 - 1000);
	EXPECT_EQ(h.call("CreateRestoreTask", both).at("ErrCode").as_string(), "InvalidParameter");
	auto neither = createParams;
	neither.erase("BackupSetId");
	EXPECT_EQ(h.call("CreateRestoreTask", neither).at("ErrCode").as_string(), "InvalidParameter");
	auto byTime = neither;
	byTime["RestoreTime"] = std::to_string(t0 - 1000);
	h.call("CreateRestoreTask", byTime);
	EXPECT_EQ(h.last.status, 200) << h.last.body;
	auto badType = createParams;
	badType["DestinationEndpointInstanceType"] = "Floppy";
	EXPECT_EQ(h.call("CreateRestoreTask", badType).at("ErrCode").as_string(), "InvalidParameter");
	auto noName = createParams;
	noName.erase("RestoreTaskName");
	EXPECT_EQ(h.call("CreateRestoreTask", noName).at("Code").as_string(), "MissingParameter");
	auto badPlan = createParams;
	badPlan["BackupPlanId"] = "nosuchplan";
	EXPECT_EQ(h.call("CreateRestoreTask", badPlan).at("ErrCode").as_string(), "Param.NotFound");
}

TEST(RestoreLifecycle, DestinationPasswordIsNeverKept)
{
	HandlerHarness h;
	auto created = h.call("CreateRestoreTask", createParams);
	ASSERT_EQ(h.last.status, 200);
	std::string id(created.at("RestoreTaskId").as_string());
	auto list = h.raw("DescribeRestoreTaskList", {{"RestoreTaskId", id}});
	EXPECT_EQ(list.body.find("Sup3r-Secret-Pw"), std::string::npos);
	std::string state = boost::json::serialize(h.state());
	EXPECT_EQ(state.find("Sup3r-Secret-Pw"), std::string::npos);
	EXPECT_NE(state.find(id), std::string::npos);
}

TEST(BackupPlan, StartBackupPlanCreatesASetThatFinishesAfterTheFullBackupDuration)
{
	HandlerHarness h;
	auto r = h.call("StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(r.at("BackupPlanId").as_string(), "dbsplandemo01");
	std::string setId(r.at("CreatedFullBackupsetId").as_string());
	auto find = [&]() {
		auto l = h.call("DescribeFullBackupList", {{"BackupPlanId", "dbsplandemo01"}, {"BackupSetId", setId}});
		return l.at("Items").at("FullBackupFile").as_array().at(0).as_object();
	};
	h.now = t0 + 19 * 60'000;
	EXPECT_EQ(find().at("BackupStatus").as_string(), "running");
	EXPECT_EQ(find().at("FinishTime").as_int64(), 0);
	h.now = t0 + 20 * 60'000;
	auto s = find();
	EXPECT_EQ(s.at("BackupStatus").as_string(), "finish");
	EXPECT_EQ(s.at("FinishTime").as_int64(), t0 + 20 * 60'000);
	EXPECT_GT(s.at("BackupSize").as_int64(), 0);
	for (const char *f : {"StartTime", "EndTime", "CreateTime", "BackupSetExpiredTime"})
		EXPECT_TRUE(s.contains(f)) << f;
	auto all = h.call("DescribeFullBackupList", {{"BackupPlanId", "dbsplandemo01"}});
	EXPECT_EQ(all.at("TotalElements").as_int64(), 2);
	auto restore = createParams;
	restore["BackupSetId"] = setId;
	h.call("CreateRestoreTask", restore);
	EXPECT_EQ(h.last.status, 200) << h.last.body;
	auto plans = h.state().at("backup_plans").as_array();
	EXPECT_EQ(plans.at(0).at("backup_sets_created").as_int64(), 1);
	EXPECT_EQ(plans.at(0).at("create_restore_count").as_int64(), 1);
}

} // namespace
