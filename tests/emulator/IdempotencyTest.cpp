// SPDX-License-Identifier: Apache-2.0
// ClientToken: a replay returns the first answer with no new side effect; a
// reused token with other parameters is IdempotentParameterMismatch.
#include <gtest/gtest.h>

#include "tests/emulator/HandlerHarness.h"

using namespace emutest;
namespace json = boost::json;

namespace {

std::int64_t startCount(HandlerHarness &h, const std::string &id)
{
	const auto state = h.state();
	for (const auto &t : state.at("restore_tasks").as_array())
		if (t.at("id").as_string() == id)
			return t.at("start_count").as_int64();
	return -1;
}

const dbs::ParamMap create{{"BackupPlanId", "dbsplandemo01"},
			   {"RestoreTaskName", "r1"},
			   {"DestinationEndpointInstanceType", "Other"},
			   {"BackupSetId", "dbsbsdemo01"},
			   {"ClientToken", "tok-create-1"}};

TEST(Idempotency, CreateRestoreTaskReplayReturnsSameTaskWithoutSideEffect)
{
	HandlerHarness h;
	auto first = h.call("CreateRestoreTask", create);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	h.now += 5000; // new timestamp and nonce: a genuine client retry
	auto second = h.call("CreateRestoreTask", create);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(second.at("RestoreTaskId"), first.at("RestoreTaskId"));
	EXPECT_EQ(second.at("RequestId"), first.at("RequestId"));
	auto plans = h.state().at("backup_plans").as_array();
	EXPECT_EQ(plans.at(0).at("create_restore_count").as_int64(), 1);
	EXPECT_EQ(outcomeCount(h, "CreateRestoreTask", "replayed"), 1);
	EXPECT_EQ(outcomeCount(h, "CreateRestoreTask", "ok"), 1);
}

TEST(Idempotency, SameTokenDifferentParametersIsMismatch)
{
	HandlerHarness h;
	h.call("CreateRestoreTask", create);
	auto other = create;
	other["RestoreTaskName"] = "r2";
	auto r = h.call("CreateRestoreTask", other);
	EXPECT_EQ(h.last.status, 400);
	EXPECT_EQ(r.at("Code").as_string(), "IdempotentParameterMismatch");
	EXPECT_EQ(h.state().at("backup_plans").as_array().at(0).at("create_restore_count").as_int64(), 1);
}

TEST(Idempotency, StartRestoreTaskReplayDoesNotRestartOrFail)
{
	HandlerHarness h;
	dbs::ParamMap start{{"RestoreTaskId", "rtdemoexisting01"}, {"ClientToken", "tok-start"}};
	h.call("StartRestoreTask", start);
	ASSERT_EQ(h.last.status, 200) << h.last.body;
	h.now += 60'000;
	h.call("StartRestoreTask", start);
	EXPECT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(startCount(h, "rtdemoexisting01"), 1);
	// Without the token the same call is a new request, and the task is running.
	h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}});
	EXPECT_EQ(h.last.status, 400);
	EXPECT_EQ(startCount(h, "rtdemoexisting01"), 1);
}

TEST(Idempotency, StartBackupPlanReplayCreatesOneSet)
{
	HandlerHarness h;
	dbs::ParamMap p{{"BackupPlanId", "dbsplandemo01"}, {"ClientToken", "tok-bp"}};
	auto a = h.call("StartBackupPlan", p);
	auto b = h.call("StartBackupPlan", p);
	EXPECT_EQ(a.at("CreatedFullBackupsetId"), b.at("CreatedFullBackupsetId"));
	EXPECT_EQ(h.state().at("backup_plans").as_array().at(0).at("backup_sets_created").as_int64(), 1);
	p["ClientToken"] = "tok-bp-2";
	h.call("StartBackupPlan", p);
	EXPECT_EQ(h.state().at("backup_plans").as_array().at(0).at("backup_sets_created").as_int64(), 2);
}

TEST(Idempotency, TokensAreScopedByAction)
{
	HandlerHarness h;
	h.call("StartBackupPlan", {{"BackupPlanId", "dbsplandemo01"}, {"ClientToken", "shared"}});
	h.call("StartRestoreTask", {{"RestoreTaskId", "rtdemoexisting01"}, {"ClientToken", "shared"}});
	EXPECT_EQ(h.last.status, 200) << h.last.body;
	EXPECT_EQ(startCount(h, "rtdemoexisting01"), 1);
}

TEST(Idempotency, FailedFirstAttemptIsNotCached)
{
	HandlerHarness h;
	dbs::ParamMap p{{"RestoreTaskId", "nosuch"}, {"ClientToken", "tok-x"}};
	h.call("StartRestoreTask", p);
	EXPECT_EQ(h.last.status, 400);
	h.call("StartRestoreTask", p);
	EXPECT_EQ(outcomeCount(h, "StartRestoreTask", "business_error"), 2);
}

} // namespace
