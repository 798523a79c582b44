// SPDX-License-Identifier: Apache-2.0
// A run stopped by SIGTERM or SIGINT resumes on restart without a second
// create or start, under the definition it was saved with even if its file
// changed meanwhile; a corrupt state file is moved aside while jobs still
// run; and --check-config accepts the examples and locates errors.

#include <csignal>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/NotifySocket.h"
#include "tests/support/Subprocess.h"

namespace e2e {
namespace {

using testsupport::hasField;
using testsupport::NotifySocket;

namespace fs = std::filesystem;

std::pair<int, std::string> runTool(std::vector<std::string> argv)
{
	testsupport::Subprocess p(std::move(argv), {}, "-");
	std::string out = p.readRest(30s);
	auto status = p.wait(10s);
	return {status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1, out};
}

class StopSignal : public testing::TestWithParam<int>
{};

TEST_P(StopSignal, DuringARunExitsZeroAndTheRunResumesOnRestart)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2eterm", "3h", "    backup_sets: [bse2eterm]\n")));
	Workspace ws(emulator.port());
	ws.writeJob("resumable.yaml", createRestoreJob("plane2eterm", "bse2eterm", ws.passwordFileRef()));

	{
		NotifySocket notify(ws.root() / "notify.sock");
		DaemonProcess daemon(ws, false, {{"NOTIFY_SOCKET", notify.path().string()}});
		ASSERT_TRUE(daemon.waitForEvent("restore_started", 1, 30s, "resumable")) << daemon.output();
		daemon.signal(GetParam());
		ASSERT_EQ(daemon.waitExit(20s), 0) << daemon.output();
		EXPECT_TRUE(notify.waitFor("STOPPING=1", 5s));
		EXPECT_EQ(daemon.countEvent("succeeded"), 0) << "the restore outlived the daemon";
	}
	auto tasks = tasksOfPlan(emulator.state(), "plane2eterm");
	ASSERT_EQ(tasks.size(), 1u);
	EXPECT_EQ(tasks[0].at("status").as_string(), "running");
	// --status shows where the stopped daemon left the job.
	auto [statusCode, statusOut] = runTool({restoredPath(), "--status", "--config", ws.configFile().string()});
	EXPECT_EQ(statusCode, 0) << statusOut;
	EXPECT_NE(statusOut.find("\"resumable\""), std::string::npos) << statusOut;
	EXPECT_NE(statusOut.find(std::string(tasks[0].at("id").as_string())), std::string::npos) << statusOut;

	DaemonProcess again(ws, true);
	ASSERT_EQ(again.waitExit(60s), 0) << again.output();
	EXPECT_EQ(again.countEvent("resumed", "resumable"), 1) << again.output();
	// The status file the first daemon left behind is not a job record.
	EXPECT_EQ(again.countEvent("state_corrupt"), 0) << again.output();
	EXPECT_EQ(again.countEvent("succeeded", "resumable"), 1) << again.output();
	auto state = emulator.state();
	EXPECT_EQ(count(planState(state, "plane2eterm"), "create_restore_count"), 1);
	EXPECT_EQ(count(tasksOfPlan(state, "plane2eterm").at(0), "start_count"), 1);
}

INSTANTIATE_TEST_SUITE_P(Lifecycle, StopSignal, testing::Values(SIGTERM, SIGINT),
			 [](const auto &info) { return std::string(info.param == SIGTERM ? "Sigterm" : "Sigint"); });

TEST(Lifecycle, AJobFileEditedWhileTheDaemonWasDownFinishesTheSavedRunFirst)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2edown", "3h", "    backup_sets: [bse2edown]\n")));
	Workspace ws(emulator.port());
	ws.writeJob("edited.yaml", createRestoreJob("plane2edown", "bse2edown", ws.passwordFileRef()));
	{
		DaemonProcess daemon(ws, false);
		ASSERT_TRUE(daemon.waitForEvent("restore_started", 1, 30s, "edited")) << daemon.output();
		daemon.signal(SIGTERM);
		ASSERT_EQ(daemon.waitExit(20s), 0) << daemon.output();
	}
	ws.writeJob("edited.yaml", createRestoreJob("plane2edown", "bse2edown", ws.passwordFileRef(),
						    "poll_interval: 250ms\nstall_timeout: 2m\n"));

	// The saved run keeps its own definition (its ClientTokens were made
	// for it); the edit runs afterwards as a new run.
	DaemonProcess again(ws, true);
	ASSERT_EQ(again.waitExit(60s), 0) << again.output();
	EXPECT_EQ(again.countEvent("resumed", "edited"), 1) << again.output();
	EXPECT_EQ(again.countEvent("spec_changed", "edited"), 1) << again.output();
	EXPECT_EQ(again.countEvent("job_started", "edited"), 1) << again.output();
	EXPECT_EQ(again.countEvent("succeeded", "edited"), 2) << again.output();
	auto state = emulator.state();
	EXPECT_EQ(count(planState(state, "plane2edown"), "create_restore_count"), 2);
	for (const auto &t : tasksOfPlan(state, "plane2edown"))
		EXPECT_EQ(count(t, "start_count"), 1);
}

TEST(Lifecycle, CorruptStateFileIsMovedAsideAndReportedWhileJobsRun)
{
	EmulatorProcess emulator(fixtureYaml(
		planYaml("plane2ecorrupt"), "  - {id: rte2ecorrupt1, backup_plan_id: plane2ecorrupt, duration: 1h}\n"
					    "  - {id: rte2ecorrupt2, backup_plan_id: plane2ecorrupt, duration: 1h}\n"));
	Workspace ws(emulator.port());
	ws.writeJob("mangled.yaml", existingTaskJob("rte2ecorrupt1"));
	ws.writeJob("intact.yaml", existingTaskJob("rte2ecorrupt2"));
	writeFile(ws.stateFile("mangled"), "{\"spec\": {\"id\": \"mangled\", garbage");

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	auto corrupt = daemon.eventLines("state_corrupt");
	ASSERT_EQ(corrupt.size(), 1u) << daemon.output();
	EXPECT_NE(corrupt[0].find(ws.stateFile("mangled").string()), std::string::npos) << corrupt[0];
	EXPECT_NE(corrupt[0].find("moved aside"), std::string::npos) << corrupt[0];

	int movedAside = 0;
	for (const auto &e : fs::directory_iterator(ws.stateDir()))
		if (e.path().filename().string().rfind("mangled.json.corrupt-", 0) == 0) {
			++movedAside;
			EXPECT_NE(readFile(e.path()).find("garbage"), std::string::npos);
		}
	EXPECT_EQ(movedAside, 1);
	EXPECT_EQ(daemon.countEvent("succeeded"), 2) << daemon.output();
}

std::pair<int, std::string> checkConfig(const fs::path &config)
{
	return runTool({restoredPath(), "--check-config", "--config", config.string()});
}

TEST(Lifecycle, CheckConfigAcceptsTheExamplesAndLocatesErrors)
{
	auto [ok, okOut] = checkConfig(sourceDir() / "examples" / "dbs-restored.yaml");
	EXPECT_EQ(ok, 0) << okOut;
	EXPECT_NE(okOut.find("configuration OK"), std::string::npos) << okOut;

	Workspace ws(1);
	ws.writeJob("broken.yaml", "steps:\n"
				   "  - backup:\n"
				   "      backup_plan_id: dbsplandemo01\n"
				   "      colour: blue\n");
	auto [bad, badOut] = checkConfig(ws.configFile());
	EXPECT_EQ(bad, 1) << badOut;
	EXPECT_NE(badOut.find((ws.jobsDir() / "broken.yaml").string() + ":4:7:"), std::string::npos) << badOut;
}

} // namespace
} // namespace e2e
