// SPDX-License-Identifier: Apache-2.0
// One job end to end against the emulator: it succeeds with exactly one
// backup set, one create and one start, its outcome agrees in the log, the
// summary, status.json and the state file, no secret leaks; and a task DBS
// stops fails the job with DBS's own message and exit code 1.

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

namespace json = boost::json;

std::string field(const std::string &line, const std::string &key)
{
	auto at = line.find(" " + key + "=");
	if (at == std::string::npos)
		return {};
	at += key.size() + 2;
	auto end = line.find_first_of(" :", at);
	return line.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

const json::object &statusOf(const json::object &status, const std::string &jobId)
{
	for (const auto &j : status.at("jobs").as_array())
		if (j.as_object().at("job_id").as_string() == jobId)
			return j.as_object();
	throw std::runtime_error("status.json has no job " + jobId);
}

TEST(HappyPath, BackupThenRestoreFromThatSetSucceedsWithExactlyOneOfEachCall)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2ehappy")));
	Workspace ws(emulator.port());
	ws.writeJob("drill.yaml", backupThenRestoreJob("plane2ehappy", ws.passwordFileRef()));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();

	// The DBS side: one backup set, one created task, started once, finished.
	auto state = emulator.state();
	const auto &plan = planState(state, "plane2ehappy");
	EXPECT_EQ(count(plan, "backup_sets_created"), 1);
	EXPECT_EQ(count(plan, "create_restore_count"), 1);
	auto tasks = tasksOfPlan(state, "plane2ehappy");
	ASSERT_EQ(tasks.size(), 1u);
	EXPECT_EQ(count(tasks[0], "start_count"), 1);
	EXPECT_EQ(tasks[0].at("status").as_string(), "finish");
	const std::string taskId(tasks[0].at("id").as_string());
	// The restore was created only once the backup set was complete.
	std::int64_t setFinished = -1;
	int sets = 0;
	for (const auto &s : state.at("backup_sets").as_array())
		if (s.at("backup_plan_id").as_string() == "plane2ehappy") {
			++sets;
			setFinished = s.at("finish_sim_ms").to_number<std::int64_t>();
		}
	EXPECT_EQ(sets, 1);
	EXPECT_GT(setFinished, 0);
	EXPECT_GE(count(tasks[0], "create_sim_ms"), setFinished);

	// The daemon side: the event, the summary, status.json, the state file.
	auto succeeded = daemon.eventLines("succeeded", "drill");
	ASSERT_EQ(succeeded.size(), 1u) << daemon.output();
	EXPECT_EQ(field(succeeded[0], "restore_task"), taskId);
	auto row = summaryRow(daemon.lines(), "drill");
	EXPECT_NE(row.find(taskId), std::string::npos) << row;
	EXPECT_NE(row.find("2/2"), std::string::npos) << row;
	EXPECT_NE(row.find("succeeded"), std::string::npos) << row;

	auto status = json::parse(readFile(ws.stateDir() / "status.json")).as_object();
	EXPECT_EQ(status.at("counts").at("succeeded").to_number<int>(), 1);
	EXPECT_EQ(status.at("counts").at("failed").to_number<int>(), 0);
	const auto &job = statusOf(status, "drill");
	EXPECT_EQ(job.at("outcome").as_string(), "succeeded");
	EXPECT_EQ(job.at("restore_task_id").as_string(), taskId);

	ASSERT_TRUE(std::filesystem::exists(ws.stateFile("drill")));
	auto record = readFile(ws.stateFile("drill"));
	EXPECT_NE(record.find(taskId), std::string::npos);

	// The password (and the access key secret) appear nowhere.
	for (const std::string &secret : {ws.password(), std::string("demo-secret-not-for-production")}) {
		EXPECT_EQ(readTree(ws.stateDir()).find(secret), std::string::npos);
		EXPECT_EQ(daemon.output().find(secret), std::string::npos);
		EXPECT_EQ(emulator.stateBody().find(secret), std::string::npos);
	}
}

TEST(HappyPath, ExistingTaskByIdSucceeds)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2eexist"),
					     "  - {id: rte2eexisting, backup_plan_id: plane2eexist, duration: 90m}\n"));
	Workspace ws(emulator.port());
	ws.writeJob("existing.yaml", existingTaskJob("rte2eexisting"));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	auto task = taskState(emulator.state(), "rte2eexisting");
	EXPECT_EQ(count(task, "start_count"), 1);
	EXPECT_EQ(task.at("status").as_string(), "finish");
	EXPECT_NE(summaryRow(daemon.lines(), "existing").find("succeeded"), std::string::npos) << daemon.output();
}

TEST(Failure, StoppedTaskFailsTheJobWithTheApiMessageAndExitCodeOne)
{
	const std::string message = "Restore failed: destination disk full";
	// clang-format off
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2efail", "30m",
						      "    restore_outcome: stop\n"
						      "    error_message: \"" + message + "\"\n"
						      "    backup_sets: [bse2efail01]\n")));
	// clang-format on
	Workspace ws(emulator.port());
	ws.writeJob("doomed.yaml", createRestoreJob("plane2efail", "bse2efail01", ws.passwordFileRef()));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 1) << daemon.output();

	auto failed = daemon.eventLines("failed", "doomed");
	ASSERT_EQ(failed.size(), 1u) << daemon.output();
	EXPECT_NE(failed[0].find(message), std::string::npos) << failed[0];
	auto row = summaryRow(daemon.lines(), "doomed");
	EXPECT_NE(row.find("failed"), std::string::npos) << row;
	EXPECT_NE(row.find(message), std::string::npos) << row;
	EXPECT_EQ(daemon.countEvent("succeeded"), 0);

	auto state = emulator.state();
	auto tasks = tasksOfPlan(state, "plane2efail");
	ASSERT_EQ(tasks.size(), 1u);
	EXPECT_EQ(tasks[0].at("status").as_string(), "stop");
	EXPECT_EQ(count(tasks[0], "start_count"), 1);

	auto status = json::parse(readFile(ws.stateDir() / "status.json")).as_object();
	EXPECT_EQ(status.at("counts").at("failed").to_number<int>(), 1);
	EXPECT_NE(std::string(statusOf(status, "doomed").at("reason").as_string()).find(message), std::string::npos);
}

} // namespace
} // namespace e2e
