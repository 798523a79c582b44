// SPDX-License-Identifier: Apache-2.0
// The control socket end to end: `dbs-restored --run-now`, `--cancel` and
// `--status` (the real command line) against a running dbs-restored whose
// job talks to the real emulator.

#include <boost/json/parse.hpp>
#include <csignal>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/Subprocess.h"

namespace e2e {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct ToolRun {
	int code = -1;
	std::string out; // stdout and stderr
};

ToolRun runTool(std::vector<std::string> argv)
{
	testsupport::Subprocess p(std::move(argv), {}, "-");
	std::string out = p.readRest(30s);
	auto status = p.wait(10s);
	return {status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1, out};
}

// A configuration for the command line that names the daemon's socket but
// a state directory without status.json: whatever --status prints came
// over the socket, not from the file.
fs::path cliConfig(const Workspace &ws)
{
	auto path = ws.root() / "cli.yaml";
	writeFile(path, "state_dir: cli-state\ncontrol_socket: " + ws.controlSocket().string() + "\n");
	return path;
}

ToolRun cli(const fs::path &config, std::vector<std::string> args)
{
	std::vector<std::string> argv{restoredPath(), "--config", config.string()};
	argv.insert(argv.end(), args.begin(), args.end());
	return runTool(argv);
}

// One job's entry in a status document (a copy: the document is a temporary).
json::object jobIn(const std::string &statusText, const std::string &jobId)
{
	json::value status = json::parse(statusText);
	for (const auto &j : status.at("jobs").as_array())
		if (j.at("job_id").as_string() == jobId)
			return j.as_object();
	throw std::runtime_error("no job " + jobId + " in the status");
}

// A job that never runs by itself (its cron time is New Year's midnight)
// and whose restore, once started, lasts far longer than the test.
std::string scheduledJob(Workspace &ws)
{
	ws.writeJob("ctl.yaml", existingTaskJob("rte2ectl", fastTiming + "schedule: \"0 0 1 1 *\"\n"));
	return "ctl";
}

const std::string tasks = "  - {id: rte2ectl, backup_plan_id: plane2ectl, duration: 1000h}\n";

bool waitForSocketLine(DaemonProcess &daemon)
{
	return daemon
		.waitForLine(
			[](const std::string &l) { return l.find("control socket: listening") != std::string::npos; },
			30s)
		.has_value();
}

// The emulator, a workspace with the scheduled job, and a daemon (not
// --once) on it, in that order.
struct Running {
	EmulatorProcess emulator{fixtureYaml(planYaml("plane2ectl"), tasks)};
	Workspace ws{emulator.port()};
	std::string job = scheduledJob(ws);
	DaemonProcess daemon{ws, false};
};

TEST(ControlSocket, RunNowCancelAndStatusReachTheRunningDaemon)
{
	Running running;
	auto &[emulator, ws, job, daemon] = running;
	ASSERT_TRUE(waitForSocketLine(daemon)) << daemon.output();
	auto config = cliConfig(ws);

	// Live status: the scheduled job waits.
	auto status = cli(config, {"--status"});
	ASSERT_EQ(status.code, 0) << status.out;
	EXPECT_EQ(jobIn(status.out, job).at("phase").as_string(), "idle") << status.out;

	// Run-now starts it whatever the schedule; a second one is refused.
	auto started = cli(config, {"--run-now", job});
	ASSERT_EQ(started.code, 0) << started.out;
	EXPECT_NE(started.out.find("job 'ctl' started"), std::string::npos) << started.out;
	auto again = cli(config, {"--run-now", job});
	EXPECT_EQ(again.code, 1) << again.out;
	EXPECT_NE(again.out.find("already running"), std::string::npos) << again.out;
	EXPECT_NE(again.out.find("(already-running)"), std::string::npos) << again.out;
	ASSERT_TRUE(daemon.waitForEvent("restore_started", 1, 30s, job)) << daemon.output();
	status = cli(config, {"--status"});
	ASSERT_EQ(status.code, 0) << status.out;
	auto live = jobIn(status.out, job);
	EXPECT_EQ(live.at("phase").as_string(), "running") << status.out;
	EXPECT_EQ(live.at("restore_task_id").as_string(), "rte2ectl") << status.out;

	// Cancel: as removing the file would, except the file and job stay.
	auto cancelled = cli(config, {"--cancel", job});
	ASSERT_EQ(cancelled.code, 0) << cancelled.out;
	EXPECT_NE(cancelled.out.find("cancelled"), std::string::npos) << cancelled.out;
	ASSERT_TRUE(daemon.waitForEvent("cancelled", 1, 10s, job)) << daemon.output();
	EXPECT_NE(daemon.eventLines("cancelled", job).at(0).find("cancelled over the control socket by uid"),
		  std::string::npos)
		<< daemon.output();
	EXPECT_EQ(daemon.countEvent("restore_keeps_running", job), 1) << daemon.output();
	EXPECT_TRUE(fs::exists(ws.jobsDir() / "ctl.yaml"));
	auto again2 = cli(config, {"--cancel", job});
	EXPECT_EQ(again2.code, 1) << again2.out;
	EXPECT_NE(again2.out.find("(not-running)"), std::string::npos) << again2.out;
	status = cli(config, {"--status"});
	ASSERT_EQ(status.code, 0) << status.out;
	auto after = jobIn(status.out, job);
	EXPECT_EQ(after.at("phase").as_string(), "finished") << status.out;
	EXPECT_EQ(after.at("outcome").as_string(), "cancelled") << status.out;
	EXPECT_EQ(json::parse(status.out).at("counts").at("cancelled").to_number<int>(), 1) << status.out;

	auto unknown = cli(config, {"--run-now", "no-such-job"});
	EXPECT_EQ(unknown.code, 1) << unknown.out;
	EXPECT_NE(unknown.out.find("(unknown-job)"), std::string::npos) << unknown.out;

	EXPECT_EQ(count(taskState(emulator.state(), "rte2ectl"), "start_count"), 1);

	daemon.signal(SIGTERM);
	ASSERT_EQ(daemon.waitExit(20s), 0) << daemon.output();
	// The cancelled run is recorded, not forgotten (removing the file
	// would have deleted the state file).
	auto record = readFile(ws.stateFile(job));
	EXPECT_NE(record.find("\"cancelled\""), std::string::npos) << record;
	EXPECT_FALSE(fs::exists(ws.controlSocket())) << "the daemon removes its socket when it stops";
	// Without a daemon: --status reads status.json, run-now says why not.
	auto offline = cli(ws.configFile(), {"--status"});
	ASSERT_EQ(offline.code, 0) << offline.out;
	EXPECT_EQ(jobIn(offline.out, job).at("outcome").as_string(), "cancelled") << offline.out;
	auto noDaemon = cli(ws.configFile(), {"--run-now", job});
	EXPECT_EQ(noDaemon.code, 1) << noDaemon.out;
	EXPECT_NE(noDaemon.out.find("no daemon listens on " + ws.controlSocket().string()), std::string::npos)
		<< noDaemon.out;
}

TEST(ControlSocket, APeerThatIsNeitherRootNorTheDaemonsUserIsRefused)
{
	if (::geteuid() != 0)
		GTEST_SKIP() << "needs root to run a client as another user";
	Running running;
	auto &[emulator, ws, job, daemon] = running;
	ASSERT_TRUE(waitForSocketLine(daemon)) << daemon.output();
	// Let `nobody` reach the socket's directory and read its configuration.
	ASSERT_EQ(::chmod(ws.root().c_str(), 0711), 0);
	auto config = cliConfig(ws);
	ASSERT_EQ(::chmod(config.c_str(), 0644), 0);
	auto asNobody = [&](const std::string &option) {
		return runTool({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", restoredPath(),
				"--config", config.string(), option, job});
	};

	// First the file mode (0600) keeps it out.
	auto denied = asNobody("--run-now");
	EXPECT_EQ(denied.code, 1) << denied.out;
	EXPECT_NE(denied.out.find("permission denied"), std::string::npos) << denied.out;
	// With the mode opened up by mistake, SO_PEERCRED still refuses it.
	ASSERT_EQ(::chmod(ws.controlSocket().c_str(), 0666), 0);
	auto refused = asNobody("--run-now");
	EXPECT_EQ(refused.code, 1) << refused.out;
	EXPECT_NE(refused.out.find("(not-permitted)"), std::string::npos) << refused.out;
	refused = asNobody("--cancel");
	EXPECT_NE(refused.out.find("(not-permitted)"), std::string::npos) << refused.out;
	ASSERT_TRUE(daemon.waitForLine(
		[](const std::string &l) { return l.find("refused uid 65534") != std::string::npos; }, 10s))
		<< daemon.output();

	// Nothing ran; root is still served.
	EXPECT_EQ(daemon.countEvent("job_started", job), 0) << daemon.output();
	EXPECT_EQ(count(taskState(emulator.state(), "rte2ectl"), "start_count"), 0);
	auto status = cli(config, {"--status"});
	ASSERT_EQ(status.code, 0) << status.out;
	EXPECT_EQ(jobIn(status.out, job).at("phase").as_string(), "idle") << status.out;
}

TEST(ControlSocket, ASecondDaemonOnTheSameSocketStopsBeforeTouchingTheState)
{
	Running running;
	auto &[emulator, ws, job, first] = running;
	ASSERT_TRUE(waitForSocketLine(first)) << first.output();

	DaemonProcess second(ws, false);
	EXPECT_EQ(second.waitExit(30s), 78) << second.output();
	EXPECT_NE(second.output().find("is in use by a running process"), std::string::npos) << second.output();
	EXPECT_EQ(second.countEvent("daemon_started"), 0) << second.output();
	auto status = cli(cliConfig(ws), {"--status"});
	ASSERT_EQ(status.code, 0) << status.out;
	EXPECT_EQ(jobIn(status.out, job).at("phase").as_string(), "idle") << status.out;
}

} // namespace
} // namespace e2e
