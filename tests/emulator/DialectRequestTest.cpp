// SPDX-License-Identifier: Apache-2.0
// Dialect switches that change how a request is answered: a second start,
// ClientToken lifetime, the status of business errors, throttling shapes.
#include <gtest/gtest.h>

#include "emulator/FaultPlan.h"
#include "tests/emulator/DialectAccount.h"

using namespace emutest;
namespace json = boost::json;

namespace {

std::string headerValue(const emulator::HttpResponse &r, const std::string &name)
{
	for (const auto &[k, v] : r.headers)
		if (k == name)
			return v;
	return {};
}

struct AlreadyStartedCase {
	const char *value;  // already_started
	int businessStatus; // business_error_status
	const char *code;   // expected ErrCode, "" for a quiet success
};

class AlreadyStarted : public testing::TestWithParam<AlreadyStartedCase>
{};

TEST_P(AlreadyStarted, Answers)
{
	const auto c = GetParam();
	HandlerHarness h(dialectFixture(std::string("  already_started: ") + c.value +
					"\n  business_error_status: " + std::to_string(c.businessStatus) + "\n"));
	h.call("StartRestoreTask", {{"RestoreTaskId", "rt-ok"}, {"ClientToken", "first"}});
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	h.now += 60'000;
	auto second = h.call("StartRestoreTask", {{"RestoreTaskId", "rt-ok"}, {"ClientToken", "second"}});
	if (std::string(c.code).empty()) {
		EXPECT_EQ(h.last.status, 200);
		EXPECT_TRUE(second.at("Success").as_bool());
		EXPECT_EQ(second.at("RestoreTaskId").as_string(), "rt-ok");
		EXPECT_EQ(outcomeCount(h, "StartRestoreTask", "ok"), 2);
	} else {
		EXPECT_EQ(h.last.status, c.businessStatus) << h.last.body;
		EXPECT_FALSE(second.at("Success").as_bool());
		EXPECT_EQ(second.at("ErrCode").as_string(), c.code);
		EXPECT_EQ(second.at("HttpStatusCode").as_int64(), c.businessStatus);
		EXPECT_FALSE(second.contains("Code")); // a DBS body, not a gateway one
		EXPECT_EQ(outcomeCount(h, "StartRestoreTask", "business_error"), 1);
	}
	// Whatever the answer, the task was started once and keeps its clock.
	auto s = stateOf(h, "rt-ok");
	EXPECT_EQ(s.at("start_count").as_int64(), 1);
	EXPECT_EQ(s.at("started_sim_ms").as_int64(), h.api.clock().toSim(t0));
}

std::vector<AlreadyStartedCase> alreadyStartedCases()
{
	std::vector<AlreadyStartedCase> out;
	for (int status : {400, 403, 200}) {
		out.push_back({"invalid_status", status, "InvalidStatus"});
		out.push_back({"invalid_job_id", status, "InvalidJobId"});
		out.push_back({"invalid_parameter_valid", status, "InvalidParameterValid"});
		out.push_back({"quiet_success", status, ""});
	}
	return out;
}

INSTANTIATE_TEST_SUITE_P(Dialect, AlreadyStarted, testing::ValuesIn(alreadyStartedCases()),
			 [](const testing::TestParamInfo<AlreadyStartedCase> &i) {
				 return std::string(i.param.value) + "_" + std::to_string(i.param.businessStatus);
			 });

const dbs::ParamMap createWithToken{{"BackupPlanId", "dbsplandemo01"},
				    {"RestoreTaskName", "ttl"},
				    {"DestinationEndpointInstanceType", "Other"},
				    {"BackupSetId", "dbsbsdemo01"},
				    {"ClientToken", "tok-ttl"}};

std::int64_t createCount(HandlerHarness &h)
{
	return h.state().at("backup_plans").as_array().at(0).at("create_restore_count").as_int64();
}

TEST(Dialect, TokenTtlExpiresReplay)
{
	HandlerHarness h(dialectFixture("  token_ttl: 2s\n"));
	auto first = h.call("CreateRestoreTask", createWithToken);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	h.now += 1999;
	auto replay = h.call("CreateRestoreTask", createWithToken);
	EXPECT_EQ(replay.at("RequestId"), first.at("RequestId"));
	EXPECT_EQ(createCount(h), 1);
	h.now += 1; // 2 s after the first answer: the token is forgotten
	auto fresh = h.call("CreateRestoreTask", createWithToken);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_NE(fresh.at("RestoreTaskId"), first.at("RestoreTaskId"));
	EXPECT_EQ(createCount(h), 2);
	// The new answer is what the token replays from now on.
	h.now += 1000;
	EXPECT_EQ(h.call("CreateRestoreTask", createWithToken).at("RequestId"), fresh.at("RequestId"));
}

TEST(Dialect, TokenTtlZeroNeverReplays)
{
	HandlerHarness h(dialectFixture("  token_ttl: 0s\n"));
	dbs::ParamMap start{{"RestoreTaskId", "rt-ok"}, {"ClientToken", "tok-start"}};
	h.call("StartRestoreTask", start);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	auto again = h.call("StartRestoreTask", start);
	EXPECT_EQ(h.last.status, 400);
	EXPECT_EQ(again.at("ErrCode").as_string(), "InvalidStatus");
	EXPECT_EQ(outcomeCount(h, "StartRestoreTask", "replayed"), 0);
}

TEST(Dialect, TokenTtlNeverKeepsReplaying)
{
	HandlerHarness h(dialectFixture("  token_ttl: never\n"));
	auto first = h.call("CreateRestoreTask", createWithToken);
	h.now += 24 * 3'600'000;
	EXPECT_EQ(h.call("CreateRestoreTask", createWithToken).at("RequestId"), first.at("RequestId"));
	EXPECT_EQ(createCount(h), 1);
}

TEST(Dialect, BusinessErrorAsHttp200)
{
	HandlerHarness h(dialectFixture("  business_error_status: 200\n"));
	dbs::ParamMap unknown{{"RestoreTaskId", "rt-nope"}, {"ClientToken", "tok-unknown"}};
	auto r = h.call("StartRestoreTask", unknown);
	EXPECT_EQ(h.last.status, 200);
	EXPECT_FALSE(r.at("Success").as_bool());
	EXPECT_EQ(r.at("ErrCode").as_string(), "Param.NotFound");
	EXPECT_NE(r.at("ErrMessage").as_string(), "");
	EXPECT_EQ(r.at("HttpStatusCode").as_int64(), 200);
	// Still an error: counted as one, and its token is not remembered.
	auto again = h.call("StartRestoreTask", unknown);
	EXPECT_NE(again.at("RequestId"), r.at("RequestId"));
	EXPECT_EQ(outcomeCount(h, "StartRestoreTask", "business_error"), 2);
	EXPECT_EQ(outcomeCount(h, "StartRestoreTask", "replayed"), 0);
	// Gateway errors keep their own status.
	auto missing = h.call("StartRestoreTask", {});
	EXPECT_EQ(h.last.status, 400);
	EXPECT_EQ(missing.at("Code").as_string(), "MissingParameter");
}

TEST(Dialect, BusinessErrorAs403)
{
	HandlerHarness h(dialectFixture("  business_error_status: 403\n"));
	auto r = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", "rt-ok"}, {"PageSize", "101"}});
	EXPECT_EQ(h.last.status, 403);
	EXPECT_EQ(r.at("ErrCode").as_string(), "InvalidParameter");
	EXPECT_EQ(r.at("HttpStatusCode").as_int64(), 403);
}

emulator::EmulatorOptions throttleRules(const std::string &statusLine)
{
	emulator::EmulatorOptions o;
	o.faults = emulator::parseFaultPlan(R"(
faults:
  - action: DescribeRestoreTaskList
    sequence: [throttle_user, throttle_api, throttle]
    retry_after_ms: 1500
)" + statusLine,
					    "faults.yaml");
	return o;
}

TEST(Dialect, ThrottleShapes)
{
	const dbs::ParamMap list{{"RestoreTaskId", "rt-ok"}};
	{
		HandlerHarness h(dialectFixture("  throttle: {http_status: 429, body: text, retry_hint: false}\n"),
				 throttleRules(""));
		auto r = h.raw("DescribeRestoreTaskList", list);
		EXPECT_EQ(r.status, 429);
		EXPECT_EQ(headerValue(r, "Content-Type"), "text/plain;charset=utf-8");
		EXPECT_EQ(r.body, "Throttling.User: Request was denied due to user flow control.");
		EXPECT_EQ(headerValue(r, "x-acs-retry-after"), "");
		EXPECT_EQ(headerValue(r, "x-ratelimit-user-api"), "");
		EXPECT_EQ(h.raw("DescribeRestoreTaskList", list).body,
			  "Throttling.Api: Request was denied due to api flow control.");
		EXPECT_EQ(outcomeCount(h, "DescribeRestoreTaskList", "fault_throttle_api"), 1);
	}
	{
		HandlerHarness h(dialectFixture("  throttle: {http_status: 503}\n"), throttleRules(""));
		auto r = h.raw("DescribeRestoreTaskList", list);
		EXPECT_EQ(r.status, 503);
		EXPECT_EQ(parseJson(r.body).at("Code").as_string(), "Throttling.User");
		EXPECT_EQ(headerValue(r, "x-acs-retry-after"), "1500");
	}
	{
		// A rule's explicit http_status still wins over the dialect.
		HandlerHarness h(dialectFixture("  throttle: {http_status: 503}\n"),
				 throttleRules("    http_status: 400\n"));
		EXPECT_EQ(h.raw("DescribeRestoreTaskList", list).status, 400);
	}
	{
		HandlerHarness h(dialectFixture(), throttleRules(""));
		auto r = h.raw("DescribeRestoreTaskList", list);
		EXPECT_EQ(r.status, 400);
		EXPECT_EQ(headerValue(r, "Content-Type"), "application/json;charset=utf-8");
		EXPECT_EQ(headerValue(r, "x-acs-retry-after"), "1500");
	}
}

} // namespace
