// SPDX-License-Identifier: Apache-2.0
// The daemon ends every job right under every reading of the DBS docs that
// the emulator can play (docs/emulator.md, "dialect"): a pairwise cover of
// all values of all switches, each row run twice: the happy path, and with
// 30 % faults on every call plus one SIGKILL and restart. Outcomes are compared with the emulator's own
// truth, side effects counted from its state, and every failure reason must
// carry the emulator's error message.

#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/DialectRows.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

const std::string stopMessage = "Restore failed: destination disk full";
const std::string precheckMessage = "Precheck failed: destination instance unreachable";

// Faults after the side effect (lost, reset) and before it (5xx,
// throttling) on every call.
std::string faultsYaml()
{
	std::string f = "faults:\n";
	for (const char *action : {"StartBackupPlan", "CreateRestoreTask", "StartRestoreTask"})
		f += std::string("  - action: ") + action +
		     "\n    probability: 0.3\n    kinds: [lost, reset, internal_error, throttle]\n    retry_after_ms: 100\n";
	f += "  - action: DescribeRestoreTaskList\n    probability: 0.3\n"
	     "    kinds: [lost, internal_error, throttle_user, truncated]\n";
	f += "  - action: DescribeJobErrorCode\n    probability: 0.3\n    kinds: [internal_error, throttle]\n";
	f += "  - action: DescribeFullBackupList\n    probability: 0.3\n    kinds: [lost, internal_error, throttle]\n";
	return f;
}

const std::string timing = "poll_interval: 250ms\nstall_timeout: 1m\n"
			   "retry: {max_attempts: 40, initial_backoff: 50ms, max_backoff: 400ms}\n";

class DialectMatrix : public testing::TestWithParam<Dialect>
{};

// One run of every kind of job under dialect d: with `faults`, and with a
// SIGKILL and restart when `kill`.
void runRow(const Dialect &d, bool faults, bool kill)
{
	std::string plans = planYaml("plancreate", "2h", "    backup_sets: [bscreate]\n") +
			    planYaml("planprecheck", "2h",
				     "    backup_sets: [bsprecheck]\n    precheck: fail\n    precheck_error: \"" +
					     precheckMessage + "\"\n") +
			    planYaml("planexisting") + planYaml("planbackup");
	std::string tasks =
		"  - {id: rtok, backup_plan_id: planexisting, duration: 1h}\n"
		"  - {id: rtstop, backup_plan_id: planexisting, duration: 1h, outcome: stop, error_message: \"" +
		stopMessage +
		"\"}\n"
		"  - {id: rtvanish, backup_plan_id: planexisting, duration: 20h, vanish_after: 4}\n";
	EmulatorProcess emulator(fixtureYaml(plans, tasks) + dialectYaml(d), faults ? faultsYaml() : "");
	DaemonSettings settings;
	Workspace ws(emulator.port(), settings);
	ws.writeJob("create.yaml", createRestoreJob("plancreate", "bscreate", ws.passwordFileRef(), timing));
	ws.writeJob("precheck.yaml", createRestoreJob("planprecheck", "bsprecheck", ws.passwordFileRef(), timing));
	ws.writeJob("ok.yaml", existingTaskJob("rtok", timing));
	ws.writeJob("stop.yaml", existingTaskJob("rtstop", timing));
	ws.writeJob("vanish.yaml", existingTaskJob("rtvanish", timing));
	ws.writeJob("backup.yaml", backupThenRestoreJob("planbackup", ws.passwordFileRef(), timing));

	std::string output;
	if (kill) {
		DaemonProcess first(ws, true);
		if (first.waitForEvent("restore_started", 2, 20s))
			first.kill();
		else
			first.waitExit(60s);
		output += first.output();
	}
	DaemonProcess last(ws, true);
	auto code = last.waitExit(90s);
	output += last.output();
	ASSERT_TRUE(code.has_value()) << output;
	EXPECT_EQ(*code, 1) << "some jobs fail, by design";
	EXPECT_EQ(output.find(" event=internal_error"), std::string::npos) << output;

	const auto state = emulator.state();
	auto createdTask = [&](const std::string &plan) -> boost::json::object {
		auto list = tasksOfPlan(state, plan);
		EXPECT_EQ(list.size(), 1u) << "exactly one task created on " << plan;
		return list.empty() ? boost::json::object{} : list[0];
	};
	auto truth = [](const boost::json::object &task) { return std::string(task.at("truth").as_string()); };
	auto expectRow = [&](const std::string &job, const std::string &expected, const std::string &reasonPart) {
		std::string row = summaryRow(last.lines(), job);
		EXPECT_NE(row.find(expected), std::string::npos) << job << " expected " << expected << ": " << row;
		if (!reasonPart.empty()) {
			auto record = readFile(ws.stateFile(job));
			EXPECT_NE(record.find(reasonPart), std::string::npos) << job << ": " << record;
		}
	};

	// Succeeded where the emulator says succeeded, failed where it says failed.
	const auto create = createdTask("plancreate");
	EXPECT_EQ(truth(create), "succeeded");
	EXPECT_EQ(count(create, "start_count"), 1);
	expectRow("create", "succeeded", "");
	const auto precheck = createdTask("planprecheck");
	EXPECT_EQ(truth(precheck), "failed");
	EXPECT_EQ(count(precheck, "start_count"), 1);
	expectRow("precheck", "failed", precheckMessage);
	EXPECT_EQ(truth(taskState(state, "rtok")), "succeeded");
	EXPECT_EQ(count(taskState(state, "rtok"), "start_count"), 1);
	expectRow("ok", "succeeded", "");
	EXPECT_EQ(truth(taskState(state, "rtstop")), "failed");
	EXPECT_EQ(count(taskState(state, "rtstop"), "start_count"), 1);
	expectRow("stop", "failed", stopMessage);
	EXPECT_EQ(truth(taskState(state, "rtvanish")), "vanished");
	EXPECT_EQ(count(taskState(state, "rtvanish"), "start_count"), 1);
	expectRow("vanish", "failed", "can no longer be followed");
	EXPECT_EQ(count(planState(state, "plancreate"), "create_restore_count"), 1);
	EXPECT_EQ(count(planState(state, "planprecheck"), "create_restore_count"), 1);
	EXPECT_EQ(count(planState(state, "planbackup"), "backup_sets_created"), 1);
	EXPECT_EQ(count(planState(state, "planbackup"), "create_restore_count"), 1);
	const auto backup = createdTask("planbackup");
	EXPECT_EQ(truth(backup), "succeeded");
	EXPECT_EQ(count(backup, "start_count"), 1);
	expectRow("backup", "succeeded", "");
}

TEST_P(DialectMatrix, HappyPathEveryJobEndsAsTheEmulatorSays) { runRow(GetParam(), false, false); }

TEST_P(DialectMatrix, ThirtyPercentFaultsAndASigkillEveryJobEndsRightWithExactlyOnceSideEffects)
{
	runRow(GetParam(), true, true);
}

INSTANTIATE_TEST_SUITE_P(Pairwise, DialectMatrix, testing::ValuesIn(dialectRows),
			 [](const testing::TestParamInfo<Dialect> &i) { return std::string(i.param.name); });

} // namespace
} // namespace e2e
