// SPDX-License-Identifier: Apache-2.0
// The daemon's /metrics during an emulator-driven run: a real scrape that
// promtool accepts, showing a succeeded job's last success, a failed job's
// last outcome and a job still running; and the textfile it leaves at
// SIGTERM. A drill with a verify hook shows its verification, outcome and
// the inputs of the drill alert rules, and keeps them over a restart.

#include <csignal>
#include <cstdlib>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/wait.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/LoopbackHttp.h"
#include "tests/support/Subprocess.h"

using namespace e2e;

namespace {

// The value of the sample `series` (name and labels exactly as exposed);
// throws if the exposition has no such line, so a typo fails loudly.
double sample(const std::string &text, const std::string &series)
{
	std::istringstream in(text);
	for (std::string line; std::getline(in, line);)
		if (line.rfind(series + " ", 0) == 0)
			return std::stod(line.substr(series.size() + 1));
	throw std::runtime_error("no sample " + series);
}

// "... metrics http://127.0.0.1:PORT/metrics" in the daemon_started line.
int metricsPort(const std::string &line)
{
	auto at = line.find("metrics http://127.0.0.1:");
	if (at == std::string::npos)
		return 0;
	return std::atoi(line.c_str() + at + std::string("metrics http://127.0.0.1:").size());
}

// promtool's verdict on an exposition: "" when it is clean.
std::string promtoolProblems(const Workspace &ws, const std::string &text)
{
	const char *promtool = std::getenv("PROMTOOL");
	if (!promtool || !*promtool)
		return {};
	auto file = ws.root() / "scrape.prom";
	writeFile(file, text);
	testsupport::Subprocess check({"/bin/sh", "-c", std::string(promtool) + " check metrics < " + file.string()},
				      {}, "-");
	std::string output = check.readRest(30s);
	auto status = check.wait(30s);
	if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0)
		return "promtool failed: " + output;
	return output;
}

double nowSeconds()
{
	return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TEST(Metrics, AScrapeMidRunShowsSuccessFailureAndARunningJobAndPassesPromtool)
{
	EmulatorProcess emulator(fixtureYaml(
		planYaml("plane2emok", "30m", "    backup_sets: [bse2emok01]\n") +
		planYaml(
			"plane2embad", "30m",
			"    restore_outcome: stop\n    error_message: \"disk full\"\n    backup_sets: [bse2embad01]\n") +
		planYaml("plane2emslow", "1000h", "    backup_sets: [bse2emslow01]\n")));
	DaemonSettings settings;
	settings.metricsListen = "127.0.0.1:0";
	settings.metricsTextfile = "node/dbs-restored.prom";
	Workspace ws(emulator.port(), settings);
	std::filesystem::create_directory(ws.root() / "node");
	ws.writeJob("ok.yaml", createRestoreJob("plane2emok", "bse2emok01", ws.passwordFileRef()));
	ws.writeJob("bad.yaml", createRestoreJob("plane2embad", "bse2embad01", ws.passwordFileRef()));
	ws.writeJob("slow.yaml", createRestoreJob("plane2emslow", "bse2emslow01", ws.passwordFileRef()));
	double began = nowSeconds();

	DaemonProcess daemon(ws, false);
	ASSERT_TRUE(daemon.waitForEvent("daemon_started", 1, 30s)) << daemon.output();
	int port = metricsPort(daemon.eventLines("daemon_started").at(0));
	ASSERT_NE(port, 0) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("succeeded", 1, 60s, "ok")) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("failed", 1, 60s, "bad")) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("restore_started", 1, 60s, "slow")) << daemon.output();

	auto reply = testsupport::loopbackGet(port, "/metrics");
	ASSERT_EQ(reply.status, 200);
	const std::string &text = reply.body;
	EXPECT_EQ(promtoolProblems(ws, text), "") << text;

	double lastSuccess = sample(text, "dbs_restored_job_last_success_timestamp_seconds{job=\"ok\"}");
	EXPECT_GE(lastSuccess, began - 1);
	EXPECT_LE(lastSuccess, nowSeconds() + 1);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_success_timestamp_seconds{job=\"bad\"}"), 0);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"bad\",outcome=\"failed\"}"), 1);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"bad\",outcome=\"succeeded\"}"), 0);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"ok\",outcome=\"succeeded\"}"), 1);
	EXPECT_EQ(sample(text, "dbs_restored_runs_total{job=\"ok\",outcome=\"succeeded\"}"), 1);
	EXPECT_EQ(sample(text, "dbs_restored_runs_total{job=\"bad\",outcome=\"failed\"}"), 1);
	EXPECT_GT(sample(text, "dbs_restored_job_restore_duration_seconds{job=\"ok\"}"), 0);
	// The slow job is known and running: every series at 0, none missing.
	EXPECT_EQ(sample(text, "dbs_restored_jobs{phase=\"running\"}"), 1);
	EXPECT_EQ(sample(text, "dbs_restored_jobs{phase=\"finished\"}"), 2);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_run_timestamp_seconds{job=\"slow\"}"), 0);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"slow\",outcome=\"failed\"}"), 0);
	// One StartRestoreTask per job, each answered ok.
	EXPECT_GE(sample(text, "dbs_restored_api_requests_total{action=\"StartRestoreTask\",result=\"ok\"}"), 3);
	EXPECT_GE(sample(text, "dbs_restored_api_request_duration_seconds_count{action=\"StartRestoreTask\"}"), 3);
	EXPECT_GT(sample(text, "process_resident_memory_bytes"), 0);
	for (const std::string &secret : {ws.password(), std::string("demo-secret-not-for-production")})
		EXPECT_EQ(text.find(secret), std::string::npos);

	// Only GET /metrics is served.
	EXPECT_EQ(testsupport::loopbackGet(port, "/").status, 404);

	// At SIGTERM the textfile is written a last time: the same facts,
	// without process_* (node_exporter has its own).
	daemon.signal(SIGTERM);
	ASSERT_EQ(daemon.waitExit(30s), 0) << daemon.output();
	std::string textfile = readFile(ws.root() / "node" / "dbs-restored.prom");
	EXPECT_EQ(sample(textfile, "dbs_restored_job_last_outcome{job=\"bad\",outcome=\"failed\"}"), 1);
	EXPECT_EQ(sample(textfile, "dbs_restored_job_last_success_timestamp_seconds{job=\"ok\"}"), lastSuccess);
	EXPECT_EQ(textfile.find("process_"), std::string::npos);
	EXPECT_EQ(promtoolProblems(ws, textfile), "") << textfile;
	// Written through a temporary and a rename: nothing else is left there.
	EXPECT_EQ(std::distance(std::filesystem::directory_iterator(ws.root() / "node"), {}), 1);
}

TEST(Metrics, AVerifiedDrillShowsLastVerifiedAndTheRuleInputsAndARestartKeepsThem)
{
	// 30 min of emulated restore, well within the 24 h objective.
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2emchk", "30m", "    backup_sets: [bse2emchk01]\n")));
	DaemonSettings settings;
	settings.metricsListen = "127.0.0.1:0";
	Workspace ws(emulator.port(), settings);
	auto verify = writeHook(ws, "verify", "echo checked");
	ws.writeJob("checked.yaml",
		    createRestoreJob("plane2emchk", "bse2emchk01", ws.passwordFileRef(),
				     "rto_objective: 24h\nverify:\n  command: [" + verify + "]\n" + fastTiming));
	double began = nowSeconds();

	double lastVerified = 0;
	double lastSuccess = 0;
	double restoreDuration = 0;
	{
		DaemonProcess daemon(ws, false);
		ASSERT_TRUE(daemon.waitForEvent("daemon_started", 1, 30s)) << daemon.output();
		int port = metricsPort(daemon.eventLines("daemon_started").at(0));
		ASSERT_NE(port, 0) << daemon.output();
		ASSERT_TRUE(daemon.waitForEvent("succeeded", 1, 60s, "checked")) << daemon.output();

		auto reply = testsupport::loopbackGet(port, "/metrics");
		ASSERT_EQ(reply.status, 200);
		const std::string &text = reply.body;
		EXPECT_EQ(promtoolProblems(ws, text), "") << text;
		lastVerified = sample(text, "dbs_restored_job_last_verified_timestamp_seconds{job=\"checked\"}");
		lastSuccess = sample(text, "dbs_restored_job_last_success_timestamp_seconds{job=\"checked\"}");
		EXPECT_GE(lastVerified, began - 1);
		EXPECT_LE(lastVerified, nowSeconds() + 1);
		EXPECT_EQ(lastVerified, lastSuccess);
		EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"checked\",outcome=\"verified\"}"), 1);
		EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"checked\",outcome=\"succeeded\"}"), 0);
		EXPECT_EQ(sample(text, "dbs_restored_runs_total{job=\"checked\",outcome=\"verified\"}"), 1);
		// DbsRestoreDrillNotVerified's inputs, at 0.
		EXPECT_EQ(sample(text,
				 "dbs_restored_job_last_outcome{job=\"checked\",outcome=\"verification_failed\"}"),
			  0);
		EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"checked\",outcome=\"could_not_verify\"}"),
			  0);
		// DbsRestoreRtoObjectiveMissed's: the restore time against the objective.
		EXPECT_EQ(sample(text, "dbs_restored_job_rto_objective_seconds{job=\"checked\"}"), 86400);
		restoreDuration = sample(text, "dbs_restored_job_restore_duration_seconds{job=\"checked\"}");
		EXPECT_GT(restoreDuration, 0);
		EXPECT_LT(restoreDuration, 86400);
		EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"checked\",outcome=\"rto_missed\"}"), 0);
		daemon.signal(SIGTERM);
		ASSERT_EQ(daemon.waitExit(30s), 0) << daemon.output();
	}

	// A new daemon finds the run in the drill history: the same times and
	// outcome, and a counter that starts again at 0.
	DaemonProcess daemon(ws, false);
	ASSERT_TRUE(daemon.waitForEvent("daemon_started", 1, 30s)) << daemon.output();
	int port = metricsPort(daemon.eventLines("daemon_started").at(0));
	ASSERT_NE(port, 0) << daemon.output();
	auto reply = testsupport::loopbackGet(port, "/metrics");
	ASSERT_EQ(reply.status, 200);
	const std::string &text = reply.body;
	EXPECT_EQ(sample(text, "dbs_restored_job_last_verified_timestamp_seconds{job=\"checked\"}"), lastVerified);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_success_timestamp_seconds{job=\"checked\"}"), lastSuccess);
	EXPECT_EQ(sample(text, "dbs_restored_job_restore_duration_seconds{job=\"checked\"}"), restoreDuration);
	EXPECT_EQ(sample(text, "dbs_restored_job_last_outcome{job=\"checked\",outcome=\"verified\"}"), 1);
	EXPECT_EQ(sample(text, "dbs_restored_runs_total{job=\"checked\",outcome=\"verified\"}"), 0);
	EXPECT_EQ(daemon.countEvent("succeeded", "checked"), 0) << "the finished drill does not run again";
	daemon.signal(SIGTERM);
	EXPECT_EQ(daemon.waitExit(30s), 0) << daemon.output();
}

} // namespace
