// SPDX-License-Identifier: Apache-2.0
// What each fault kind does to a response, in-process (the socket side is
// covered by EmulatorProcessTest).
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "emulator/FaultPlan.h"
#include "tests/emulator/HandlerHarness.h"

using namespace emutest;
namespace json = boost::json;

namespace {

emulator::EmulatorOptions withFaults(const std::string &yaml)
{
	emulator::EmulatorOptions o;
	o.faults = emulator::parseFaultPlan(yaml, "faults.yaml");
	return o;
}

std::string headerValue(const emulator::HttpResponse &r, const std::string &name)
{
	for (const auto &[k, v] : r.headers)
		if (k == name)
			return v;
	return {};
}

const dbs::ParamMap list{{"RestoreTaskId", "rtdemoexisting01"}};

TEST(FaultHandler, ThrottleKindsUseConfiguredStatusAndRetryAfter)
{
	HandlerHarness h(withFaults(R"(
faults:
  - action: DescribeRestoreTaskList
    sequence: [throttle, throttle_user, throttle_api, ok]
    http_status: 429
    retry_after_ms: 1500
)"));
	for (const char *code : {"Throttling", "Throttling.User", "Throttling.Api"}) {
		auto r = h.raw("DescribeRestoreTaskList", list);
		EXPECT_EQ(r.status, 429);
		EXPECT_EQ(parseJson(r.body).at("Code").as_string(), code);
		EXPECT_EQ(headerValue(r, "x-acs-retry-after"), "1500");
	}
	EXPECT_EQ(h.raw("DescribeRestoreTaskList", list).status, 200);
	EXPECT_EQ(h.raw("DescribeRestoreTaskList", list).status, 200); // then: ok
}

TEST(FaultHandler, ServerErrorsAreGatewayBodiesWithoutSideEffect)
{
	HandlerHarness h(
		withFaults("faults:\n  - {action: StartRestoreTask, sequence: [internal_error, unavailable]}\n"));
	auto a = h.raw("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	EXPECT_EQ(a.status, 500);
	EXPECT_EQ(parseJson(a.body).at("Code").as_string(), "InternalError");
	auto b = h.raw("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	EXPECT_EQ(b.status, 503);
	EXPECT_EQ(parseJson(b.body).at("Code").as_string(), "ServiceUnavailable");
	EXPECT_EQ(h.state().at("restore_tasks").at(0).at("start_count").as_int64(), 0);
}

TEST(FaultHandler, LostResetAndDelayApplyTheSideEffectThenDirectTheSocket)
{
	HandlerHarness h(
		withFaults("faults:\n  - {action: StartBackupPlan, sequence: [lost, reset, delay], delay_ms: 2500}\n"));
	auto lost = h.raw("StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}});
	EXPECT_EQ(lost.delivery, emulator::Delivery::Lost);
	auto reset = h.raw("StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}});
	EXPECT_EQ(reset.delivery, emulator::Delivery::Reset);
	auto delay = h.raw("StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}});
	EXPECT_EQ(delay.delivery, emulator::Delivery::Delay);
	EXPECT_EQ(delay.delayMs, 2500);
	EXPECT_EQ(h.state().at("backup_plans").at(0).at("backup_sets_created").as_int64(), 3);
	auto outcomes = h.state().at("stats").at("actions").at("StartBackupPlan").at("outcomes").as_object();
	EXPECT_EQ(outcomes.at("fault_lost").as_int64(), 1);
	EXPECT_EQ(outcomes.at("fault_reset").as_int64(), 1);
	EXPECT_EQ(outcomes.at("fault_delay").as_int64(), 1);
}

TEST(FaultHandler, RetryWithClientTokenAfterLostReplyCreatesExactlyOnce)
{
	HandlerHarness h(withFaults("faults:\n  - {action: CreateRestoreTask, sequence: [lost, reset]}\n"));
	const dbs::ParamMap create{{"BackupPlanId", "dbsplandemo01"},
				   {"RestoreTaskName", "once"},
				   {"DestinationEndpointInstanceType", "Other"},
				   {"BackupSetId", "dbsbsdemo01"},
				   {"ClientToken", "tok-once"}};
	auto lost = h.raw("CreateRestoreTask", create);
	ASSERT_EQ(lost.delivery, emulator::Delivery::Lost);
	h.now += 3000;
	auto reset = h.raw("CreateRestoreTask", create);
	ASSERT_EQ(reset.delivery, emulator::Delivery::Reset);
	h.now += 3000;
	auto ok = h.raw("CreateRestoreTask", create);
	ASSERT_EQ(ok.status, 200) << ok.body;
	EXPECT_EQ(ok.delivery, emulator::Delivery::Normal);
	EXPECT_EQ(parseJson(ok.body).at("RestoreTaskId"), parseJson(lost.body).at("RestoreTaskId"));
	EXPECT_EQ(h.state().at("backup_plans").at(0).at("create_restore_count").as_int64(), 1);
}

TEST(FaultHandler, TruncatedAndMalformedBodiesDoNotParse)
{
	HandlerHarness h(
		withFaults("faults:\n  - {action: DescribeRestoreTaskList, sequence: [truncated, malformed]}\n"));
	for (int i = 0; i < 2; ++i) {
		auto r = h.raw("DescribeRestoreTaskList", list);
		EXPECT_EQ(r.status, 200);
		EXPECT_EQ(r.delivery, emulator::Delivery::Normal);
		boost::system::error_code ec;
		boost::json::parse(r.body, ec);
		EXPECT_TRUE(ec) << r.body;
	}
}

TEST(FaultHandler, BadlySignedCallsDoNotConsumeTheSequence)
{
	HandlerHarness h(withFaults("faults:\n  - {action: DescribeRestoreTaskList, sequence: [throttle]}\n"));
	Signer wrong;
	wrong.secret = "nope";
	auto bad = h.api.handle(signedRequest(Style::V1Get, "DescribeRestoreTaskList", list, wrong, h.now), h.now);
	EXPECT_NE(bad.body.find("SignatureDoesNotMatch"), std::string::npos);
	EXPECT_EQ(h.raw("DescribeRestoreTaskList", list).status, 400);
	EXPECT_EQ(h.raw("DescribeRestoreTaskList", list).status, 200);
}

TEST(FaultHandler, CallLogRecordsEveryCallWithWallTime)
{
	HandlerHarness h;
	h.raw("DescribeRestoreTaskList", list);
	h.now += 250;
	h.raw("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	auto log = h.state().at("stats").at("call_log").as_array();
	ASSERT_EQ(log.size(), 2u);
	EXPECT_EQ(log.at(0).at(0).as_int64(), t0);
	EXPECT_EQ(log.at(0).at(1).as_string(), "DescribeRestoreTaskList");
	EXPECT_EQ(log.at(1).at(0).as_int64(), t0 + 250);
	EXPECT_EQ(h.state().at("stats").at("actions").at("StartRestoreTask").at("received").as_int64(), 1);
}

} // namespace
