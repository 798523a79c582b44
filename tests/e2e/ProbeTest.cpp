// SPDX-License-Identifier: Apache-2.0
// `dbs-restored --probe` against the real emulator: for every dialect row
// of the protocol matrix the report names exactly the readings the emulator
// was set to play; "undetermined" only where the account lacks the data or
// a call failed; never a mutating call, never more than 30 calls, and no id
// or secret of the account in a redacted report.

#include <filesystem>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/dbs/SelfSignedCert.h"
#include "tests/e2e/DialectRows.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/Subprocess.h"

namespace e2e {
namespace {

using namespace std::chrono_literals;

const std::string secret = "demo-secret-not-for-production";
const std::string keyId = "LTAI5tDemoAccessKey01";

struct ProbeRun {
	int exitCode = -1;
	std::string out;
	std::string err;
};

ProbeRun probe(const Workspace &ws, std::vector<std::string> extra)
{
	std::vector<std::string> argv{restoredPath(), "--probe", "--config", ws.configFile().string()};
	argv.insert(argv.end(), extra.begin(), extra.end());
	const auto errFile = ws.root() / "probe.err";
	testsupport::Subprocess p(argv, {}, errFile.string());
	ProbeRun r;
	r.out = p.readRest(120s);
	auto status = p.wait(10s);
	r.exitCode = status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
	r.err = readFile(errFile);
	return r;
}

boost::json::object jsonReport(const ProbeRun &r)
{
	boost::system::error_code ec;
	auto v = boost::json::parse(r.out, ec);
	if (ec || !v.is_object()) {
		ADD_FAILURE() << "not a JSON report: " << r.out << r.err;
		return {};
	}
	return v.as_object();
}

boost::json::object finding(const boost::json::object &report, const std::string &key)
{
	if (auto *list = report.if_contains("findings"))
		for (const auto &f : list->as_array())
			if (f.as_object().at("key").as_string() == key)
				return f.as_object();
	ADD_FAILURE() << "no finding " << key;
	return {};
}

std::string reading(const boost::json::object &report, const std::string &key)
{
	auto f = finding(report, key);
	return f.empty() ? std::string() : std::string(f.at("reading").as_string());
}

bool determined(const boost::json::object &report, const std::string &key)
{
	auto f = finding(report, key);
	return !f.empty() && f.at("determined").as_bool();
}

std::int64_t detail(const boost::json::object &report, const std::string &key, const char *field)
{
	auto f = finding(report, key);
	return f.empty() ? -1 : f.at("details").as_object().at(field).to_number<std::int64_t>();
}

// No mutating call reached the emulator, and the probe stayed in budget.
void expectReadOnlyAndBounded(const EmulatorProcess &emulator, const boost::json::object &report)
{
	const auto state = emulator.state();
	for (const char *mutating : {"StartBackupPlan", "CreateRestoreTask", "StartRestoreTask"})
		EXPECT_EQ(received(state, mutating), 0) << mutating;
	std::int64_t total = 0;
	for (const char *read : {"DescribeRestoreTaskList", "DescribeFullBackupList", "DescribeJobErrorCode"})
		total += received(state, read);
	EXPECT_LE(total, 30);
	EXPECT_GT(total, 0);
	if (auto *calls = report.if_contains("calls")) {
		EXPECT_EQ(calls->as_object().at("made").to_number<std::int64_t>(), total);
	}
}

// A finished task, a stopped one, one running for ever and 100 never
// started: every status, both sides of the finish-time question, and
// enough ids for a list of 100.
const std::string probePlan = planYaml("planprobe", "2h", "    backup_sets: [bsprobe]\n");
const std::string probeTasks =
	"  - {id: rtprobedone, backup_plan_id: planprobe, duration: 1ms, running: true}\n"
	"  - {id: rtprobestop, backup_plan_id: planprobe, duration: 1ms, running: true, outcome: stop, "
	"error_message: disk full}\n"
	"  - {id: rtprobelong, backup_plan_id: planprobe, duration: 1000h, running: true}\n"
	"generate_restore_tasks:\n"
	"  - {id_prefix: rtprobegen, count: 100, backup_plan_id: planprobe}\n";

class ProbeDialect : public testing::TestWithParam<Dialect>
{};

TEST_P(ProbeDialect, ReportsExactlyTheReadingsTheEmulatorPlays)
{
	const Dialect &d = GetParam();
	// DescribeJobErrorCode is throttled once, to see the dialect's throttle shape.
	EmulatorProcess emulator(fixtureYaml(probePlan, probeTasks) + dialectYaml(d),
				 "faults:\n  - action: DescribeJobErrorCode\n    sequence: [throttle]\n"
				 "    retry_after_ms: 100\n");
	Workspace ws(emulator.port());
	const ProbeRun run = probe(ws, {"--plan", "planprobe", "--format", "json"});
	ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
	EXPECT_EQ(run.out.find(secret), std::string::npos);
	const auto report = jsonReport(run);

	auto statuses = finding(report, "restoreStatuses");
	ASSERT_TRUE(determined(report, "restoreStatuses")) << reading(report, "restoreStatuses");
	EXPECT_EQ(statuses.at("details").at("successStatuses"), boost::json::array({d.successStatus}));
	EXPECT_EQ(reading(report, "finishTimeWhileRunning")
			  .rfind(std::string(d.finishTimeWhileRunning) == "true" ? "yes" : "no", 0),
		  0u)
		<< reading(report, "finishTimeWhileRunning");
	EXPECT_EQ(reading(report, "pageBase"), std::string(d.pageBase) == "0" ? "0-based" : "1-based (0 read as 1)");
	if (std::string(d.unknownIds) == "drop") {
		EXPECT_EQ(reading(report, "unknownIdInList"), "dropped");
	} else {
		EXPECT_EQ(reading(report, "unknownIdInList").rfind("refused", 0), 0u)
			<< reading(report, "unknownIdInList");
		EXPECT_EQ(detail(report, "unknownIdInList", "httpStatus"), std::stoi(d.businessStatus));
		EXPECT_EQ(finding(report, "unknownIdInList").at("details").at("code"), "Param.NotFound");
	}
	if (std::string(d.maxIds) == "100") {
		EXPECT_EQ(reading(report, "maxIdsPerList").rfind("100 ", 0), 0u) << reading(report, "maxIdsPerList");
		EXPECT_TRUE(finding(report, "maxIdsPerList").at("details").at("limit").is_null());
	} else {
		EXPECT_EQ(detail(report, "maxIdsPerList", "limit"), std::stoi(d.maxIds))
			<< reading(report, "maxIdsPerList");
	}
	EXPECT_EQ(detail(report, "errorShape", "httpStatus"), std::stoi(d.businessStatus));
	EXPECT_EQ(finding(report, "errorShape").at("details").at("success"), false);
	EXPECT_EQ(finding(report, "errorShape").at("details").at("code"), "Param.NotFound");
	EXPECT_EQ(reading(report, "signatureStyles"), "v3 accepted, v1-get accepted, v1-post accepted");

	EXPECT_EQ(detail(report, "throttling", "httpStatus"), std::stoi(d.throttleStatus));
	EXPECT_EQ(finding(report, "throttling").at("details").at("body"), d.throttleBody);
	EXPECT_EQ(finding(report, "throttling").at("details").at("retryHints").as_array().empty(),
		  std::string(d.throttleHint) == "false");
	// The throttled call's own finding is undetermined, and says why.
	EXPECT_FALSE(determined(report, "jobErrorCode"));
	EXPECT_NE(reading(report, "jobErrorCode").find("throttled"), std::string::npos)
		<< reading(report, "jobErrorCode");

	EXPECT_TRUE(determined(report, "clockOffset"));
	EXPECT_LE(std::abs(detail(report, "clockOffset", "offsetMs")), 2000);
	EXPECT_EQ(finding(report, "endpoint").at("details").at("tls"), "plain http");
	expectReadOnlyAndBounded(emulator, report);
}

INSTANTIATE_TEST_SUITE_P(Pairwise, ProbeDialect, testing::ValuesIn(dialectRows),
			 [](const testing::TestParamInfo<Dialect> &i) { return std::string(i.param.name); });

TEST(Probe, OverTlsItNamesTheEndpointAndTheTlsVersionThatAnswered)
{
	const auto dir = std::filesystem::temp_directory_path() / ("probe-tls-" + std::to_string(::getpid()));
	std::filesystem::create_directories(dir);
	const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
	dbstest::writeSelfSignedCert(cert, key, "DNS:localhost,IP:127.0.0.1");
	EmulatorProcess emulator(fixtureYaml(probePlan, probeTasks), {}, 3600, {"--tls-cert", cert, "--tls-key", key});
	DaemonSettings settings;
	settings.endpoint = "https://localhost:" + std::to_string(emulator.port());
	settings.caFile = cert;
	Workspace ws(emulator.port(), settings);
	const ProbeRun run = probe(ws, {"--format", "json"});
	ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
	const auto report = jsonReport(run);
	const auto endpoint = finding(report, "endpoint");
	ASSERT_FALSE(endpoint.empty());
	const std::string tls(endpoint.at("details").at("tls").as_string());
	EXPECT_TRUE(tls == "TLSv1.3" || tls == "TLSv1.2") << tls;
	EXPECT_EQ(endpoint.at("details").at("url").as_string(), settings.endpoint);
	EXPECT_TRUE(determined(report, "signatureStyles")) << "the calls themselves went over TLS";
	// (The emulator's state page is not read here: the test's plain GET
	// cannot speak TLS; the other cases prove the probe read-only.)
	std::filesystem::remove_all(dir);
}

TEST(Probe, FewerThanTwoTasksLeavesPageBaseAndListSizeUndetermined)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plansolo"), "  - {id: rtsolo, backup_plan_id: plansolo}\n"));
	Workspace ws(emulator.port());
	const ProbeRun run = probe(ws, {"--format", "json"});
	ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
	const auto report = jsonReport(run);
	EXPECT_EQ(reading(report, "pageBase"), "undetermined (fewer than 2 tasks on the plan)");
	EXPECT_EQ(reading(report, "maxIdsPerList"), "undetermined (fewer than 2 task ids known)");
	EXPECT_FALSE(determined(report, "restoreStatuses"));
	EXPECT_EQ(reading(report, "restoreStatuses"), "undetermined (no finished task among 1); statuses: init 1");
	EXPECT_EQ(reading(report, "throttling"), "undetermined (no call was throttled)");
	// What the single task does show is still read.
	EXPECT_TRUE(determined(report, "finishTimeWhileRunning"));
	EXPECT_EQ(reading(report, "unknownIdInList"), "dropped");
	EXPECT_TRUE(determined(report, "errorShape"));
	expectReadOnlyAndBounded(emulator, report);
}

TEST(Probe, ThrottledAndFailedCallsLeaveOnlyTheirFindingsUndetermined)
{
	// The calls in order: listing, PageNum 0, PageNum 1, unknown id, id
	// list, error shape, three styles, DescribeJobErrorCode.
	EmulatorProcess emulator(
		fixtureYaml(probePlan, "  - {id: rtprobea, backup_plan_id: planprobe}\n"
				       "  - {id: rtprobeb, backup_plan_id: planprobe}\n"
				       "  - {id: rtprobec, backup_plan_id: planprobe}\n"),
		"faults:\n  - action: \"*\"\n    sequence: [ok, ok, throttle_user, lost, ok, internal_error]\n");
	Workspace ws(emulator.port());
	const ProbeRun run = probe(ws, {"--plan", "planprobe", "--format", "json"});
	ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
	const auto report = jsonReport(run);
	EXPECT_EQ(reading(report, "pageBase").rfind("undetermined (throttled (HTTP 400))", 0), 0u)
		<< reading(report, "pageBase");
	EXPECT_EQ(reading(report, "unknownIdInList").rfind("undetermined (no answer", 0), 0u)
		<< reading(report, "unknownIdInList");
	EXPECT_EQ(reading(report, "errorShape").rfind("undetermined (server error (HTTP 500", 0), 0u)
		<< reading(report, "errorShape");
	for (const char *ok : {"finishTimeWhileRunning", "maxIdsPerList", "signatureStyles", "jobErrorCode",
			       "throttling", "clockOffset", "endpoint"})
		EXPECT_TRUE(determined(report, ok)) << ok << ": " << reading(report, ok);
	EXPECT_EQ(reading(report, "throttling"), "HTTP 400, json body (Throttling.User), no retry hint");
	expectReadOnlyAndBounded(emulator, report);
}

TEST(Probe, RedactedReportsCarryNoIdOrSecretOfTheAccount)
{
	EmulatorProcess emulator(fixtureYaml(probePlan, probeTasks) +
				 "dialect:\n  unknown_ids_in_list: refuse\n  business_error_status: 200\n");
	Workspace ws(emulator.port());
	for (const char *format : {"text", "json"}) {
		const ProbeRun plain = probe(ws, {"--plan", "planprobe", "--format", format});
		ASSERT_EQ(plain.exitCode, 0) << plain.out << plain.err;
		EXPECT_EQ((plain.out + plain.err).find(secret), std::string::npos);
		EXPECT_NE(plain.out.find("planprobe"), std::string::npos) << "the unredacted report names the plan";

		const ProbeRun redacted = probe(ws, {"--plan", "planprobe", "--format", format, "--redact"});
		ASSERT_EQ(redacted.exitCode, 0) << redacted.out << redacted.err;
		for (const std::string &id :
		     {std::string("planprobe"), std::string("rtprobe"), std::string("bsprobe"), keyId, secret})
			EXPECT_EQ(redacted.out.find(id), std::string::npos) << format << ": " << id << " in\n"
									    << redacted.out;
		EXPECT_NE(redacted.out.find("plan-1"), std::string::npos) << redacted.out;
		EXPECT_NE(redacted.out.find("key-1"), std::string::npos) << redacted.out;
	}
	// The same ids get the same placeholders on every run.
	EXPECT_EQ(probe(ws, {"--plan", "planprobe", "--format", "json", "--redact"}).out.substr(0, 200),
		  probe(ws, {"--plan", "planprobe", "--format", "json", "--redact"}).out.substr(0, 200));
}

} // namespace
} // namespace e2e
