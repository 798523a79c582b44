// SPDX-License-Identifier: Apache-2.0
// Dialect switches that change what a restore task shows over time: the
// success string, finish time, check_pass, failed prechecks, and the truth
// /_emulator/state reports next to it.
#include <gtest/gtest.h>

#include "tests/emulator/DialectAccount.h"

using namespace emutest;
namespace json = boost::json;

namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t restoreMs = 100 * minute; // dbsplandemo01's restore_duration

void start(HandlerHarness &h, const std::string &id)
{
	h.call("StartRestoreTask", {{"RestoreTaskId", id}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
}

json::object jobError(HandlerHarness &h, const std::string &id)
{
	return h.call("DescribeJobErrorCode", {{"TaskId", id}}).at("Item").as_object();
}

TEST(Dialect, SuccessStatusCompletedIsReported)
{
	HandlerHarness h(dialectFixture("  success_status: completed\n"));
	start(h, "rt-ok");
	h.now += restoreMs - 1;
	EXPECT_EQ(listedTask(h, "rt-ok").at("RestoreStatus").as_string(), "running");
	h.now += 1;
	auto t = listedTask(h, "rt-ok");
	EXPECT_EQ(t.at("RestoreStatus").as_string(), "completed");
	EXPECT_EQ(t.at("RestoreTaskFinishTime").as_int64(), h.api.clock().toSim(h.now));
	EXPECT_EQ(h.state().at("terminal_status").as_string(), "completed");
}

TEST(Dialect, SuccessStatusEachValue)
{
	for (const char *value : {"finish", "completed", "success"}) {
		HandlerHarness h(dialectFixture(std::string("  success_status: ") + value + "\n"));
		start(h, "rt-ok");
		h.now += restoreMs;
		EXPECT_EQ(listedTask(h, "rt-ok").at("RestoreStatus").as_string(), value);
		EXPECT_EQ(stateOf(h, "rt-ok").at("truth").as_string(), "succeeded") << value;
	}
}

TEST(Dialect, TerminalStatusOptionStillOverridesTheDialect)
{
	emulator::EmulatorOptions o;
	o.terminalStatus = "finish";
	HandlerHarness h(dialectFixture("  success_status: success\n"), o);
	start(h, "rt-ok");
	h.now += restoreMs;
	EXPECT_EQ(listedTask(h, "rt-ok").at("RestoreStatus").as_string(), "finish");
	EXPECT_EQ(h.state().at("dialect").at("success_status").as_string(), "finish");
}

TEST(Dialect, FinishTimeWhileRunningAsInSeed002)
{
	HandlerHarness h(dialectFixture("  finish_time_while_running: true\n"));
	const std::int64_t created = listedTask(h, "rt-ok").at("RestoreTaskCreateTime").as_int64();
	EXPECT_EQ(listedTask(h, "rt-ok").at("RestoreTaskFinishTime").as_int64(), created); // init
	h.now += minute;
	start(h, "rt-ok");
	h.now += 10 * minute;
	auto running = listedTask(h, "rt-ok");
	EXPECT_EQ(running.at("RestoreStatus").as_string(), "running");
	EXPECT_EQ(running.at("RestoreTaskFinishTime").as_int64(), created);
	h.now += restoreMs;
	auto done = listedTask(h, "rt-ok");
	EXPECT_EQ(done.at("RestoreStatus").as_string(), "finish");
	EXPECT_EQ(done.at("RestoreTaskFinishTime").as_int64(), h.api.clock().toSim(t0 + minute) + restoreMs);
	// The pause end state keeps no finish time, as without the switch.
	start(h, "rt-pause");
	h.now += restoreMs;
	EXPECT_EQ(listedTask(h, "rt-pause").at("RestoreTaskFinishTime").as_int64(), 0);
}

TEST(Dialect, CheckPassPhaseBeforeRunning)
{
	HandlerHarness h(dialectFixture("  check_pass_phase: true\n"));
	start(h, "rt-ok");
	const std::int64_t checkEnds = restoreMs / 20; // 5 %
	for (std::int64_t at : {std::int64_t{0}, checkEnds / 2, checkEnds - 1}) {
		h.now = t0 + at;
		auto t = listedTask(h, "rt-ok");
		EXPECT_EQ(t.at("RestoreStatus").as_string(), "check_pass") << at;
		EXPECT_EQ(t.at("FullStruforeRestoreProgress").as_int64(), 0) << at;
	}
	h.now = t0 + checkEnds;
	EXPECT_EQ(listedTask(h, "rt-ok").at("RestoreStatus").as_string(), "running");
	h.now = t0 + restoreMs / 2;
	auto mid = listedTask(h, "rt-ok");
	EXPECT_EQ(mid.at("FullStruforeRestoreProgress").as_int64(), 100);
	EXPECT_GT(mid.at("FullDataRestoreProgress").as_int64(), 0);
	h.now = t0 + restoreMs;
	EXPECT_EQ(listedTask(h, "rt-ok").at("RestoreStatus").as_string(), "finish");
	EXPECT_EQ(listedTask(h, "rt-ok").at("ContinuousRestoreProgress").as_int64(), 100);
}

TEST(Dialect, PrecheckFailStaysInitWithErrorCode)
{
	HandlerHarness h(dialectFixture());
	EXPECT_EQ(jobError(h, "rt-precheck").at("ErrorCode").as_string(), ""); // not started yet
	start(h, "rt-precheck");
	EXPECT_EQ(stateOf(h, "rt-precheck").at("start_count").as_int64(), 1);
	h.now += 10 * restoreMs;
	auto t = listedTask(h, "rt-precheck");
	EXPECT_EQ(t.at("RestoreStatus").as_string(), "init");
	EXPECT_EQ(t.at("FullStruforeRestoreProgress").as_int64(), 0);
	auto e = jobError(h, "rt-precheck");
	EXPECT_NE(e.at("ErrorCode").as_string(), "");
	EXPECT_EQ(e.at("ErrorMessage").as_string(), "Precheck failed: no route to rm-demo");
	EXPECT_EQ(e.at("JobState").as_string(), "init");
	auto s = stateOf(h, "rt-precheck");
	EXPECT_EQ(s.at("truth").as_string(), "failed");
	EXPECT_EQ(s.at("precheck").as_string(), "fail");
	EXPECT_TRUE(s.at("end_sim_ms").is_null());

	// A task that passes its precheck has no error code while it runs.
	start(h, "rt-ok");
	EXPECT_EQ(jobError(h, "rt-ok").at("ErrorCode").as_string(), "");
	EXPECT_EQ(jobError(h, "rt-ok").at("ErrorMessage").as_string(), "");
}

TEST(Dialect, PlanPrecheckAppliesToCreatedTasks)
{
	HandlerHarness h(dialectFixture());
	const std::string id = createTask(h, "planprecheck", "from-plan", "bsprecheck");
	ASSERT_FALSE(id.empty()) << h.last.body;
	start(h, id);
	h.now += 10 * restoreMs;
	EXPECT_EQ(jobError(h, id).at("ErrorMessage").as_string(), "Precheck failed: plan-level reason");
	EXPECT_EQ(stateOf(h, id).at("truth").as_string(), "failed");
}

TEST(Dialect, StateReportsTruth)
{
	HandlerHarness h(dialectFixture("  success_status: success\n"));
	for (const char *id : {"rt-ok", "rt-stop", "rt-pause", "rt-precheck"})
		start(h, id);
	h.now += restoreMs;
	start(h, "rt-g00002");
	for (int i = 0; i < 2; ++i)
		listedTask(h, "rt-vanish");
	const std::vector<std::pair<const char *, const char *>> expected{
		{"rt-ok", "succeeded"}, {"rt-stop", "failed"},    {"rt-pause", "paused"},   {"rt-precheck", "failed"},
		{"rt-g00001", "init"},  {"rt-g00002", "running"}, {"rt-vanish", "vanished"}};
	for (const auto &[id, truth] : expected) {
		auto s = stateOf(h, id);
		EXPECT_EQ(s.at("truth").as_string(), truth) << id;
		EXPECT_EQ(s.at("name").as_string(), id) << id; // fixture names default to the id
		EXPECT_EQ(s.at("vanished").as_bool(), std::string(truth) == "vanished") << id;
		EXPECT_EQ(s.at("precheck").as_string(), std::string(id) == "rt-precheck" ? "fail" : "pass");
	}
	auto d = h.state().at("dialect").as_object();
	EXPECT_EQ(d.at("success_status").as_string(), "success");
	EXPECT_EQ(d.at("already_started").as_string(), "invalid_status");
	EXPECT_TRUE(d.at("token_ttl_ms").is_null());
	EXPECT_EQ(d.at("throttle").at("http_status").as_int64(), 400);
}

} // namespace
