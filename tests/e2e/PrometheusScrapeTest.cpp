// SPDX-License-Identifier: Apache-2.0
// A real Prometheus server (Debian's) scrapes the daemon during an
// emulator-driven run with a succeeded, a failed and a verified drill, and
// its query API then answers with the daemon's samples: so the exposition
// is one Prometheus ingests, with the labels an operator's rules will see.

#include <cctype>
#include <csignal>
#include <cstdlib>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/FreePort.h"
#include "tests/support/LoopbackHttp.h"
#include "tests/support/Subprocess.h"

using namespace e2e;

namespace {

double nowSeconds()
{
	return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// "... metrics http://127.0.0.1:PORT/metrics" in the daemon_started line.
int metricsPort(const std::string &line)
{
	const std::string prefix = "metrics http://127.0.0.1:";
	auto at = line.find(prefix);
	return at == std::string::npos ? 0 : std::atoi(line.c_str() + at + prefix.size());
}

std::string percentEncode(const std::string &s)
{
	static const char hex[] = "0123456789ABCDEF";
	std::string out;
	for (unsigned char c : s) {
		if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
			out += char(c);
		} else {
			out += '%';
			out += hex[c >> 4];
			out += hex[c & 15];
		}
	}
	return out;
}

// One instant-vector result of a PromQL query: its labels and value.
struct Sample {
	std::map<std::string, std::string> labels;
	double value = 0;
};

// The query's single result, or nullopt while Prometheus is not up or has
// no such sample yet.
std::optional<Sample> query(int port, const std::string &expr)
{
	testsupport::HttpReply reply;
	try {
		reply = testsupport::loopbackGet(port, "/api/v1/query?query=" + percentEncode(expr), 5s);
	} catch (const std::exception &) {
		return std::nullopt; // not listening yet
	}
	if (reply.status != 200)
		return std::nullopt;
	boost::system::error_code ec;
	auto doc = boost::json::parse(reply.body, ec);
	if (ec || !doc.is_object())
		return std::nullopt;
	const auto *result = doc.as_object().if_contains("data");
	if (!result || !result->is_object() || !result->as_object().if_contains("result"))
		return std::nullopt;
	const auto &rows = result->as_object().at("result");
	if (!rows.is_array() || rows.as_array().size() != 1)
		return std::nullopt;
	const auto &row = rows.as_array()[0].as_object();
	Sample s;
	for (const auto &[k, v] : row.at("metric").as_object())
		s.labels[std::string(k)] = std::string(v.as_string());
	s.value = std::stod(std::string(row.at("value").as_array().at(1).as_string()));
	return s;
}

TEST(PrometheusScrape, ARealPrometheusHasTheSuccessFailureVerificationAndUpSamples)
{
	const char *prometheus = std::getenv("PROMETHEUS");
	if (!prometheus || !*prometheus)
		GTEST_SKIP() << "no prometheus binary (Debian package prometheus)";

	EmulatorProcess emulator(fixtureYaml(
		planYaml("planpromok", "30m", "    backup_sets: [bspromok01]\n") +
		planYaml(
			"planprombad", "30m",
			"    restore_outcome: stop\n    error_message: \"disk full\"\n    backup_sets: [bsprombad01]\n") +
		planYaml("planpromchk", "30m", "    backup_sets: [bspromchk01]\n")));
	DaemonSettings settings;
	settings.metricsListen = "127.0.0.1:0";
	Workspace ws(emulator.port(), settings);
	auto verify = writeHook(ws, "verify", "echo checked");
	ws.writeJob("ok.yaml", createRestoreJob("planpromok", "bspromok01", ws.passwordFileRef()));
	ws.writeJob("bad.yaml", createRestoreJob("planprombad", "bsprombad01", ws.passwordFileRef()));
	ws.writeJob("chk.yaml", createRestoreJob("planpromchk", "bspromchk01", ws.passwordFileRef(),
						 "verify:\n  command: [" + verify + "]\n" + fastTiming));
	double began = nowSeconds();

	DaemonProcess daemon(ws, false);
	ASSERT_TRUE(daemon.waitForEvent("daemon_started", 1, 30s)) << daemon.output();
	int metrics = metricsPort(daemon.eventLines("daemon_started").at(0));
	ASSERT_NE(metrics, 0) << daemon.output();

	// Honor_labels is false (the default), so the daemon's `job` label
	// comes back as `exported_job` and `job` is the scrape job's name.
	writeFile(ws.root() / "prometheus.yml", "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
						"scrape_configs:\n  - job_name: dbs-restored\n    static_configs:\n"
						"      - targets: ['127.0.0.1:" +
							std::to_string(metrics) + "']\n");
	std::unique_ptr<testsupport::Subprocess> server;
	int port = 0;
	for (int attempt = 0; attempt < 3 && !server; ++attempt) {
		port = testsupport::freeLoopbackPort();
		auto p = std::make_unique<testsupport::Subprocess>(
			std::vector<std::string>{prometheus, "--config.file=" + (ws.root() / "prometheus.yml").string(),
						 "--storage.tsdb.path=" + (ws.root() / "tsdb").string(),
						 "--web.listen-address=127.0.0.1:" + std::to_string(port)},
			std::map<std::string, std::string>{},
			(ws.root() / ("prometheus" + std::to_string(attempt) + ".log")).string());
		// Ready within 30 s, or it exited (a lost port race) and is retried.
		const auto deadline = std::chrono::steady_clock::now() + 30s;
		while (p->running() && std::chrono::steady_clock::now() < deadline) {
			try {
				if (testsupport::loopbackGet(port, "/-/ready", 2s).status == 200)
					break;
			} catch (const std::exception &) {
			}
			std::this_thread::sleep_for(100ms); // polling the ready API, bounded above
		}
		if (p->running())
			server = std::move(p);
	}
	ASSERT_TRUE(server) << "prometheus did not start; see " << ws.root() / "prometheus*.log";

	ASSERT_TRUE(daemon.waitForEvent("succeeded", 1, 60s, "ok")) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("failed", 1, 60s, "bad")) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("succeeded", 1, 60s, "chk")) << daemon.output();
	const double finished = nowSeconds();

	// Scrapes every second: the samples of the finished runs are there
	// within a few scrapes; 60 s bounds the wait.
	std::optional<Sample> success, outcome, verified, up;
	const auto deadline = std::chrono::steady_clock::now() + 60s;
	while (std::chrono::steady_clock::now() < deadline) {
		success = query(port, "dbs_restored_job_last_success_timestamp_seconds{exported_job=\"ok\"}");
		outcome = query(port, "dbs_restored_job_last_outcome{exported_job=\"bad\",outcome=\"failed\"}");
		verified = query(port, "dbs_restored_job_last_verified_timestamp_seconds{exported_job=\"chk\"}");
		up = query(port, "up{job=\"dbs-restored\"}");
		if (success && success->value > 0 && outcome && outcome->value == 1 && verified &&
		    verified->value > 0 && up && up->value == 1)
			break;
		std::this_thread::sleep_for(250ms); // polling the query API, bounded above
	}
	ASSERT_TRUE(success && outcome && verified && up) << "prometheus never had the samples";
	EXPECT_GE(success->value, began - 1);
	EXPECT_LE(success->value, finished + 1);
	EXPECT_EQ(success->labels["job"], "dbs-restored");
	EXPECT_EQ(success->labels["instance"], "127.0.0.1:" + std::to_string(metrics));
	EXPECT_EQ(outcome->value, 1);
	EXPECT_GE(verified->value, began - 1);
	EXPECT_LE(verified->value, finished + 1);
	EXPECT_EQ(up->value, 1);
	// The failed job never succeeded; the verified one is not "succeeded".
	auto badSuccess = query(port, "dbs_restored_job_last_success_timestamp_seconds{exported_job=\"bad\"}");
	ASSERT_TRUE(badSuccess);
	EXPECT_EQ(badSuccess->value, 0);
	auto chkOutcome = query(port, "dbs_restored_job_last_outcome{exported_job=\"chk\",outcome=\"verified\"}");
	ASSERT_TRUE(chkOutcome);
	EXPECT_EQ(chkOutcome->value, 1);

	server->signal(SIGTERM);
	EXPECT_TRUE(server->wait(30s));
	daemon.signal(SIGTERM);
	EXPECT_EQ(daemon.waitExit(30s), 0) << daemon.output();
}

} // namespace
