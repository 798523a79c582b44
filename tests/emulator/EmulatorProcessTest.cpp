// SPDX-License-Identifier: Apache-2.0
// The real dbs-emulator binary over 127.0.0.1: CLI contract, keep-alive,
// every socket-level fault, and restore progress at a high time scale.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "tests/emulator/SignedRequests.h"
#include "tests/emulator/TlsProbe.h"
#include "tests/support/LoopbackHttp.h"
#include "tests/support/RawHttp.h"
#include "tests/support/Subprocess.h"

using namespace emutest;
using namespace testsupport;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

std::int64_t wallNowMs()
{
	using namespace std::chrono;
	return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string tempFile(const std::string &name, const std::string &content)
{
	static std::string dir = [] {
		char tmpl[] = "/tmp/emulator-test-XXXXXX";
		return std::string(mkdtemp(tmpl));
	}();
	std::string path = dir + "/" + name;
	std::ofstream(path) << content;
	return path;
}

// A running dbs-emulator with its port read from the first stdout line.
class Emulator
{
public:
	explicit Emulator(std::vector<std::string> extra = {}, std::string stderrFile = {})
		: process_(argv(std::move(extra)), {}, std::move(stderrFile))
	{
		auto line = process_.readLine(10s);
		firstLine = line.value_or("");
		port = testsupport::portFromListeningLine(firstLine);
	}

	json::object state()
	{
		return json::parse(testsupport::loopbackGet(port, "/_emulator/state").body).as_object();
	}

	RawResult call(Style style, const std::string &action, const dbs::ParamMap &p,
		       std::chrono::milliseconds timeout = 10s)
	{
		return rawExchange(port, toWire(signedRequest(style, action, p, {}, wallNowMs())), timeout);
	}

	testsupport::Subprocess &process() { return process_; }

	std::string firstLine;
	int port = 0;

private:
	static std::vector<std::string> argv(std::vector<std::string> extra)
	{
		std::vector<std::string> a{DBS_EMULATOR_PATH, "--listen", "127.0.0.1:0", "--fixture",
					   EMULATOR_EXAMPLES_DIR "/fixture.yaml"};
		a.insert(a.end(), extra.begin(), extra.end());
		return a;
	}
	testsupport::Subprocess process_;
};

TEST(EmulatorCli, PortZeroFirstLineIsListeningWithRealPort)
{
	Emulator e;
	EXPECT_TRUE(std::regex_match(e.firstLine, std::regex("listening on http://127\\.0\\.0\\.1:[0-9]+")))
		<< e.firstLine;
	ASSERT_GT(e.port, 0);
	EXPECT_EQ(testsupport::loopbackGet(e.port, "/_emulator/state").status, 200);
}

TEST(EmulatorCli, SigtermAndSigintExitZero)
{
	for (int sig : {SIGTERM, SIGINT}) {
		Emulator e;
		ASSERT_GT(e.port, 0);
		e.process().signal(sig);
		auto status = e.process().wait(10s);
		ASSERT_TRUE(status.has_value());
		EXPECT_TRUE(WIFEXITED(*status));
		EXPECT_EQ(WEXITSTATUS(*status), 0) << "signal " << sig;
	}
}

TEST(EmulatorCli, BadFixtureExitsNonZeroNamingFileLineColumn)
{
	std::string bad = tempFile("bad-fixture.yaml", "access_keys:\n  - id: k\n    secrett: s\n");
	std::string err = tempFile("bad-fixture.err", "");
	testsupport::Subprocess p({DBS_EMULATOR_PATH, "--listen", "127.0.0.1:0", "--fixture", bad}, {}, err);
	auto status = p.wait(10s);
	ASSERT_TRUE(status.has_value());
	EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) != 0);
	std::ifstream in(err);
	std::string text((std::istreambuf_iterator<char>(in)), {});
	EXPECT_NE(
		text.find(bad +
			  ":3:5: unknown key 'secrett' in an access key; expected one of: id, secret, security_token"),
		std::string::npos)
		<< text;
}

TEST(EmulatorCli, BadFaultsFileExitsNonZeroNamingFileLineColumn)
{
	std::string bad = tempFile("bad-faults.yaml", "faults:\n  - action: StartRestoreTask\n    sequence: [boom]\n");
	std::string err = tempFile("bad-faults.err", "");
	testsupport::Subprocess p({DBS_EMULATOR_PATH, "--listen", "127.0.0.1:0", "--fixture",
				   EMULATOR_EXAMPLES_DIR "/fixture.yaml", "--faults", bad},
				  {}, err);
	auto status = p.wait(10s);
	ASSERT_TRUE(status.has_value());
	EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) != 0);
	std::ifstream in(err);
	std::string text((std::istreambuf_iterator<char>(in)), {});
	EXPECT_NE(text.find(bad + ":3:16: unknown fault kind 'boom' in 'sequence'; expected one of: ok,"),
		  std::string::npos)
		<< text;
}

TEST(EmulatorSocket, EachStyleIsAcceptedAndWrongSecretRejected)
{
	Emulator e;
	for (Style s : {Style::V1Get, Style::V1Post, Style::V3}) {
		auto ok = e.call(s, "DescribeRestoreTaskList", {{"RestoreTaskId", "rtdemoexisting01"}});
		EXPECT_EQ(ok.status(), 200) << toString(s) << ok.bytes;
		EXPECT_EQ(ok.header("content-type"), "application/json;charset=utf-8");
		auto req = signedRequest(s, "DescribeRestoreTaskList", {}, Signer{"LTAI5tDemoAccessKey01", "wrong", {}},
					 wallNowMs());
		auto bad = rawExchange(e.port, toWire(req), 10s);
		EXPECT_EQ(bad.status(), 400) << toString(s);
		EXPECT_NE(bad.body().find("SignatureDoesNotMatch"), std::string::npos) << bad.bytes;
	}
}

TEST(EmulatorSocket, TlsServesHttpsAndSaysSoOnTheFirstLine)
{
	std::string key = tempFile("tls-key.pem", "");
	std::string cert = tempFile("tls-cert.pem", "");
	std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
			  "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 -keyout " +
			  key + " -out " + cert + " >/dev/null 2>&1";
	if (std::system(cmd.c_str()) != 0) {
		GTEST_SKIP() << "the openssl command cannot make a test certificate";
	}
	Emulator e({"--tls-cert", cert, "--tls-key", key});
	EXPECT_TRUE(std::regex_match(e.firstLine, std::regex("listening on https://127\\.0\\.0\\.1:[0-9]+")))
		<< e.firstLine;
	ASSERT_GT(e.port, 0);
	std::string reply = tlsGet(e.port, "/_emulator/state", cert, 10s);
	EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u) << reply.substr(0, 200);
	EXPECT_NE(reply.find("rtdemoexisting01"), std::string::npos);
}

TEST(EmulatorSocket, KeepAliveServesSeveralRequestsOnOneConnection)
{
	Emulator e;
	RawConnection c(e.port);
	for (int i = 0; i < 3; ++i) {
		auto req = signedRequest(Style::V1Get, "DescribeRestoreTaskList", {}, {}, wallNowMs());
		std::string wire = req.method + " " + req.target + " HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n";
		auto r = c.roundTrip(wire, 10s);
		EXPECT_EQ(r.status(), 200) << r.bytes;
	}
}

const char *faultsYaml = R"(
faults:
  - action: StartBackupPlan
    sequence: [lost, reset]
  - action: DescribeRestoreTaskList
    sequence: [delay, truncated, malformed, throttle_user]
    delay_ms: 3000
    retry_after_ms: 700
  - action: StartRestoreTask
    sequence: [unavailable, internal_error]
)";

TEST(EmulatorFaults, LostAppliesTheSideEffectAndSendsNothing)
{
	Emulator e({"--faults", tempFile("faults-lost.yaml", faultsYaml)});
	auto r = e.call(Style::V1Get, "StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}});
	EXPECT_TRUE(r.bytes.empty()) << r.bytes;
	EXPECT_NE(r.end, RawEnd::Timeout);
	EXPECT_EQ(e.state().at("backup_plans").at(0).at("backup_sets_created").as_int64(), 1);
}

TEST(EmulatorFaults, ResetSendsPartOfTheReplyThenResets)
{
	Emulator e({"--faults", tempFile("faults-reset.yaml", faultsYaml)});
	e.call(Style::V1Get, "StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}}); // lost
	auto r = e.call(Style::V1Post, "StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}});
	EXPECT_EQ(r.end, RawEnd::Reset) << r.bytes;
	EXPECT_EQ(r.bytes.rfind("HTTP/1.1 200", 0), 0u) << r.bytes;
	EXPECT_EQ(r.bytes.find("\r\n\r\n"), std::string::npos) << "the reply must be cut inside the headers";
	EXPECT_EQ(e.state().at("backup_plans").at(0).at("backup_sets_created").as_int64(), 2);
}

TEST(EmulatorFaults, DelayHoldsTheReplyWithoutBlockingOthers)
{
	Emulator e({"--faults", tempFile("faults-delay.yaml", faultsYaml)});
	auto start = std::chrono::steady_clock::now();
	auto timedOut = e.call(Style::V3, "DescribeRestoreTaskList", {}, 500ms);
	EXPECT_EQ(timedOut.end, RawEnd::Timeout);
	EXPECT_TRUE(timedOut.bytes.empty());
	// While that reply waits on its timer, the server still answers.
	EXPECT_EQ(testsupport::loopbackGet(e.port, "/_emulator/state", 1s).status, 200);
	EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
	auto truncated = e.call(Style::V3, "DescribeRestoreTaskList", {});
	EXPECT_EQ(truncated.status(), 200);
	boost::system::error_code ec;
	json::parse(truncated.body(), ec);
	EXPECT_TRUE(ec) << truncated.body();
	EXPECT_EQ(truncated.header("content-length"), std::to_string(truncated.body().size()));
	auto malformed = e.call(Style::V3, "DescribeRestoreTaskList", {});
	json::parse(malformed.body(), ec);
	EXPECT_TRUE(ec) << malformed.body();
	auto throttled = e.call(Style::V3, "DescribeRestoreTaskList", {});
	EXPECT_EQ(throttled.status(), 400);
	EXPECT_EQ(throttled.header("x-acs-retry-after"), "700");
	EXPECT_NE(throttled.body().find("Throttling.User"), std::string::npos);
}

TEST(EmulatorFaults, ServerErrorsCarryTheirStatus)
{
	Emulator e({"--faults", tempFile("faults-5xx.yaml", faultsYaml)});
	EXPECT_EQ(e.call(Style::V1Get, "StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}}).status(), 503);
	EXPECT_EQ(e.call(Style::V1Get, "StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}}).status(), 500);
	EXPECT_EQ(e.call(Style::V1Get, "StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}}).status(), 200);
}

TEST(EmulatorTime, RestoreFinishesAtHighTimeScale)
{
	// 7200x: the 90-minute demo restore takes 0.75 s of wall time.
	Emulator e({"--time-scale", "7200"});
	ASSERT_EQ(e.call(Style::V1Get, "StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}}).status(), 200);
	std::string status;
	std::vector<std::int64_t> seen;
	for (int attempt = 0; attempt < 300 && status != "finish"; ++attempt) {
		auto tasks = e.state().at("restore_tasks").as_array();
		status = std::string(tasks.at(0).at("status").as_string());
		seen.push_back(tasks.at(0).at("progress").at(1).as_int64());
		// Pace the polling on the child's (silent) stdout pipe, bounded.
		e.process().readLine(10ms);
	}
	ASSERT_EQ(status, "finish");
	EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
	auto r = e.call(Style::V1Get, "DescribeRestoreTaskList", {{"RestoreTaskId", "rtdemoexisting01"}});
	auto t = json::parse(r.body()).at("Items").at("RestoreTaskDetail").at(0);
	EXPECT_EQ(t.at("RestoreStatus").as_string(), "finish");
	EXPECT_GT(t.at("RestoreTaskFinishTime").as_int64(), 0);
	auto s = e.state();
	EXPECT_EQ(s.at("restore_tasks").at(0).at("start_count").as_int64(), 1);
	EXPECT_LE(s.at("restore_tasks").at(0).at("end_wall_ms").as_int64(), s.at("wall_now_ms").as_int64());
}

TEST(EmulatorDialect, StrictExampleLoadsAndTerminalStatusStillOverrides)
{
	// A later --fixture wins over the harness's default one.
	Emulator e({"--fixture", EMULATOR_EXAMPLES_DIR "/dialect-strict.yaml"});
	ASSERT_GT(e.port, 0) << e.firstLine;
	EXPECT_EQ(e.state().at("dialect").at("success_status").as_string(), "completed");
	ASSERT_EQ(e.call(Style::V1Get, "StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}}).status(), 200);
	auto again = e.call(Style::V1Get, "StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	EXPECT_EQ(again.status(), 200); // business_error_status: 200
	EXPECT_EQ(json::parse(again.body()).at("ErrCode").as_string(), "InvalidJobId");

	Emulator overridden({"--fixture", EMULATOR_EXAMPLES_DIR "/dialect-strict.yaml", "--terminal-status", "finish"});
	ASSERT_GT(overridden.port, 0) << overridden.firstLine;
	EXPECT_EQ(overridden.state().at("dialect").at("success_status").as_string(), "finish");
}

} // namespace
