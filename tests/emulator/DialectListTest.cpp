// SPDX-License-Identifier: Apache-2.0
// Dialect switches of DescribeRestoreTaskList: page base, unknown ids,
// the id cap, tasks that vanish, and tasks found by plan and name.
#include <gtest/gtest.h>

#include "tests/emulator/DialectAccount.h"

using namespace emutest;
namespace json = boost::json;

namespace {

// The plan's tasks in creation order, as the fixture declares them.
const std::vector<std::string> planTasks = [] {
	std::vector<std::string> out{"rt-ok", "rt-stop", "rt-pause", "rt-precheck"};
	for (int i = 1; i <= 12; ++i)
		out.push_back("rt-g" + std::string(i < 10 ? "0000" : "000") + std::to_string(i));
	return out;
}();

std::vector<std::string> slice(std::size_t from, std::size_t count)
{
	from = std::min(planTasks.size(), from);
	auto end = std::min(planTasks.size(), from + count);
	return {planTasks.begin() + static_cast<std::ptrdiff_t>(from),
		planTasks.begin() + static_cast<std::ptrdiff_t>(end)};
}

TEST(Dialect, PageBaseOne)
{
	HandlerHarness h(dialectFixture("  page_base: 1\n"));
	const dbs::ParamMap byPlan{{"BackupPlanId", "dbsplandemo01"}, {"PageSize", "5"}};
	auto first = h.call("DescribeRestoreTaskList", byPlan);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(first.at("PageNum").as_int64(), 1);
	EXPECT_EQ(first.at("TotalElements").as_int64(), static_cast<std::int64_t>(planTasks.size()));
	EXPECT_EQ(first.at("TotalPages").as_int64(), 4);
	EXPECT_EQ(taskIds(first), slice(0, 5));
	for (std::int64_t num : {0, 1, 2, 4, 5}) {
		auto p = byPlan;
		p["PageNum"] = std::to_string(num);
		auto page = h.call("DescribeRestoreTaskList", p);
		const std::int64_t served = std::max<std::int64_t>(num, 1);
		EXPECT_EQ(page.at("PageNum").as_int64(), served) << num;
		EXPECT_EQ(taskIds(page), slice(static_cast<std::size_t>(served - 1) * 5, 5)) << num;
	}
	// The same base for the backup set list.
	auto sets = h.call("DescribeFullBackupList", {{"BackupPlanId", "dbsplandemo01"}});
	EXPECT_EQ(sets.at("PageNum").as_int64(), 1);
	EXPECT_EQ(sets.at("Items").at("FullBackupFile").as_array().size(), 1u);
}

TEST(Dialect, PageBaseZeroIsTheDefault)
{
	HandlerHarness h(dialectFixture("  page_base: 0\n"));
	auto p = h.call("DescribeRestoreTaskList",
			{{"BackupPlanId", "dbsplandemo01"}, {"PageSize", "5"}, {"PageNum", "1"}});
	EXPECT_EQ(p.at("PageNum").as_int64(), 1);
	EXPECT_EQ(taskIds(p), slice(5, 5));
}

TEST(Dialect, UnknownIdRefusesTheWholeList)
{
	HandlerHarness h(dialectFixture("  unknown_ids_in_list: refuse\n  business_error_status: 403\n"));
	auto r = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rt-ok,rt-nope1,rt-stop,rt-nope2"}});
	EXPECT_EQ(h.last.status, 403);
	EXPECT_EQ(r.at("ErrCode").as_string(), "Param.NotFound");
	const std::string message(r.at("ErrMessage").as_string());
	EXPECT_NE(message.find("rt-nope1"), std::string::npos) << message;
	EXPECT_EQ(message.find("rt-nope2"), std::string::npos) << message;
	// A refused answer lists nothing, so it does not count towards vanishing.
	EXPECT_EQ(stateOf(h, "rt-ok").at("vanished").as_bool(), false);
	EXPECT_EQ(taskIds(h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rt-ok,rt-stop"}})).size(), 2u);
}

TEST(Dialect, UnknownIdIsDroppedByDefault)
{
	HandlerHarness h(dialectFixture("  unknown_ids_in_list: drop\n"));
	auto r = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rt-ok,rt-nope1,rt-stop"}});
	EXPECT_EQ(h.last.status, 200);
	EXPECT_EQ(taskIds(r), (std::vector<std::string>{"rt-ok", "rt-stop"}));
	EXPECT_EQ(r.at("TotalElements").as_int64(), 2);
}

TEST(Dialect, MaxIdsPerListLeavesOutTheRest)
{
	HandlerHarness h(dialectFixture("  max_ids_per_list: 7\n  unknown_ids_in_list: refuse\n"));
	// 9 distinct ids (one repeated), then an unknown one beyond the cap.
	std::string asked = "rt-ok,rt-ok";
	for (std::size_t i = 1; i < 9; ++i)
		asked += "," + planTasks[i];
	asked += ",rt-nope";
	auto r = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", asked}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(taskIds(r), slice(0, 7));
	EXPECT_EQ(r.at("TotalElements").as_int64(), 7);
	EXPECT_EQ(h.state().at("stats").at("describe_restore_task_list").at("ids_max").as_int64(), 10);
}

TEST(Dialect, VanishAfterPolls)
{
	HandlerHarness h(dialectFixture());
	for (int i = 0; i < 2; ++i)
		EXPECT_EQ(taskIds(h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rt-ok,rt-vanish"}})),
			  (std::vector<std::string>{"rt-ok", "rt-vanish"}));
	EXPECT_EQ(taskIds(h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rt-ok,rt-vanish"}})),
		  (std::vector<std::string>{"rt-ok"}));
	auto byPlan = h.call("DescribeRestoreTaskList", {{"BackupPlanId", "planvanish"}});
	EXPECT_EQ(byPlan.at("TotalElements").as_int64(), 0);
	auto e = h.call("DescribeJobErrorCode", {{"TaskId", "rt-vanish"}});
	EXPECT_EQ(e.at("ErrCode").as_string(), "Param.NotFound");
	auto s = h.call("StartRestoreTask", {{"RestoreTaskId", "rt-vanish"}});
	EXPECT_EQ(s.at("ErrCode").as_string(), "Param.NotFound");
	auto st = stateOf(h, "rt-vanish");
	EXPECT_TRUE(st.at("vanished").as_bool());
	EXPECT_EQ(st.at("truth").as_string(), "vanished");
	EXPECT_EQ(st.at("start_count").as_int64(), 0);
}

TEST(Dialect, VanishAfterFromThePlanCountsOnlyServedPages)
{
	HandlerHarness h(dialectFixture());
	const std::string id = createTask(h, "planprecheck", "short-lived", "bsprecheck");
	ASSERT_FALSE(id.empty()) << h.last.body;
	// Pages that do not carry the task leave its counter alone.
	for (int i = 0; i < 5; ++i)
		h.call("DescribeRestoreTaskList", {{"RestoreTaskId", id}, {"PageNum", "1"}});
	for (int i = 0; i < 3; ++i)
		EXPECT_EQ(taskIds(h.call("DescribeRestoreTaskList", {{"BackupPlanId", "planprecheck"}})).size(), 1u);
	EXPECT_TRUE(taskIds(h.call("DescribeRestoreTaskList", {{"BackupPlanId", "planprecheck"}})).empty());
	EXPECT_EQ(stateOf(h, id).at("truth").as_string(), "vanished");
}

TEST(Dialect, CreatedTasksAreFoundByPlanAndName)
{
	HandlerHarness h(dialectFixture("  page_base: 1\n"));
	const std::string id = createTask(h, "dbsplandemo01", "job-orders-2026", "dbsbsdemo01");
	ASSERT_FALSE(id.empty()) << h.last.body;
	auto page = h.call("DescribeRestoreTaskList", {{"BackupPlanId", "dbsplandemo01"}, {"PageSize", "100"}});
	const auto &items = page.at("Items").at("RestoreTaskDetail").as_array();
	ASSERT_EQ(items.size(), planTasks.size() + 1);
	EXPECT_EQ(items.back().at("RestoreTaskId").as_string(), id);
	EXPECT_EQ(items.back().at("RestoreTaskName").as_string(), "job-orders-2026");
	EXPECT_EQ(stateOf(h, id).at("name").as_string(), "job-orders-2026");
	h.call("DescribeRestoreTaskList", {{"BackupPlanId", "dbsplandemo01"}, {"PageSize", "101"}});
	EXPECT_EQ(h.last.status, 400); // the page size cap is unchanged
}

} // namespace
