// SPDX-License-Identifier: Apache-2.0
// The daemon ends every job right under every reading of the DBS docs that
// the emulator can play (docs/emulator.md, "dialect"): a pairwise cover of
// all values of all switches, each row run twice: the happy path, and with
// 30 % faults on every call plus one SIGKILL and restart. Outcomes are compared with the emulator's own
// truth, side effects counted from its state, and every failure reason must
// carry the emulator's error message.

#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

struct Dialect {
	const char *name;
	const char *successStatus;
	const char *alreadyStarted;
	const char *businessStatus;
	const char *throttleStatus;
	const char *finishTimeWhileRunning;
	const char *checkPass;
	const char *tokenTtl;
	const char *pageBase;
	const char *unknownIds;
	const char *maxIds;
	const char *throttleBody;
	const char *throttleHint;
};

// A pairwise cover: every pair of values of any two switches is in a row.
const Dialect rows[] = {
	{"r01", "finish", "invalid_job_id", "403", "503", "true", "false", "never", "1", "refuse", "100", "json", "false"},
	{"r02", "completed", "invalid_status", "400", "429", "false", "true", "0s", "0", "drop", "100", "text", "true"},
	{"r03", "success", "quiet_success", "200", "400", "true", "true", "never", "1", "refuse", "2", "text", "true"},
	{"r04", "finish", "invalid_parameter_valid", "400", "400", "true", "false", "0s", "0", "drop", "2", "json", "false"},
	{"r05", "completed", "invalid_status", "200", "503", "false", "false", "0s", "1", "refuse", "2", "json", "false"},
	{"r06", "success", "invalid_parameter_valid", "403", "429", "false", "false", "never", "1", "drop", "100", "text", "false"},
	{"r07", "finish", "quiet_success", "403", "429", "true", "true", "never", "0", "refuse", "2", "json", "true"},
	{"r08", "finish", "invalid_job_id", "200", "503", "false", "true", "0s", "0", "drop", "2", "text", "true"},
	{"r09", "success", "quiet_success", "400", "503", "false", "false", "never", "0", "refuse", "100", "json", "false"},
	{"r10", "completed", "invalid_status", "403", "400", "false", "true", "never", "1", "refuse", "100", "text", "false"},
	{"r11", "completed", "invalid_parameter_valid", "403", "503", "true", "false", "0s", "1", "refuse", "2", "text", "true"},
	{"r12", "success", "invalid_job_id", "400", "400", "true", "true", "0s", "1", "refuse", "100", "text", "true"},
	{"r13", "completed", "invalid_parameter_valid", "200", "429", "false", "true", "never", "0", "refuse", "100", "text", "true"},
	{"r14", "completed", "quiet_success", "400", "503", "false", "true", "0s", "1", "drop", "2", "json", "false"},
	{"r15", "finish", "invalid_status", "200", "503", "true", "false", "0s", "1", "refuse", "100", "json", "true"},
	{"r16", "completed", "invalid_job_id", "200", "429", "false", "false", "0s", "1", "drop", "100", "text", "true"},
	{"r17", "success", "invalid_status", "403", "429", "false", "true", "never", "0", "drop", "2", "text", "true"},
};

std::string dialectYaml(const Dialect &d)
{
	return std::string("dialect:\n") +
	       "  success_status: " + d.successStatus + "\n"
	       "  finish_time_while_running: " + d.finishTimeWhileRunning + "\n"
	       "  check_pass_phase: " + d.checkPass + "\n"
	       "  already_started: " + d.alreadyStarted + "\n"
	       "  token_ttl: " + d.tokenTtl + "\n"
	       "  business_error_status: " + d.businessStatus + "\n"
	       "  page_base: " + d.pageBase + "\n"
	       "  unknown_ids_in_list: " + d.unknownIds + "\n"
	       "  max_ids_per_list: " + d.maxIds + "\n"
	       "  throttle:\n"
	       "    http_status: " + d.throttleStatus + "\n"
	       "    body: " + d.throttleBody + "\n"
	       "    retry_hint: " + d.throttleHint + "\n";
}

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

class DialectMatrix : public testing::TestWithParam<Dialect> {};

// One run of every kind of job under dialect d: with `faults`, and with a
// SIGKILL and restart when `kill`.
void runRow(const Dialect &d, bool faults, bool kill)
{
	std::string plans = planYaml("plancreate", "2h", "    backup_sets: [bscreate]\n") +
			    planYaml("planprecheck", "2h",
				     "    backup_sets: [bsprecheck]\n    precheck: fail\n    precheck_error: \"" +
					     precheckMessage + "\"\n") +
			    planYaml("planexisting") + planYaml("planbackup");
	std::string tasks = "  - {id: rtok, backup_plan_id: planexisting, duration: 1h}\n"
			    "  - {id: rtstop, backup_plan_id: planexisting, duration: 1h, outcome: stop, error_message: \"" +
			    stopMessage + "\"}\n"
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

TEST_P(DialectMatrix, HappyPathEveryJobEndsAsTheEmulatorSays)
{
	runRow(GetParam(), false, false);
}

TEST_P(DialectMatrix, ThirtyPercentFaultsAndASigkillEveryJobEndsRightWithExactlyOnceSideEffects)
{
	runRow(GetParam(), true, true);
}

INSTANTIATE_TEST_SUITE_P(Pairwise, DialectMatrix, testing::ValuesIn(rows),
			 [](const testing::TestParamInfo<Dialect> &i) { return std::string(i.param.name); });

} // namespace
} // namespace e2e
