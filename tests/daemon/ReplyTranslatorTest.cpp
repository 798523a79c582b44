// SPDX-License-Identifier: Apache-2.0
#include "daemon/ReplyTranslator.h"

#include <gtest/gtest.h>

#include "daemon/BackupSetPoller.h"
#include "daemon/RestorePoller.h"

namespace restored {
namespace {

using statemachine::ApiAction;
using statemachine::ApiFailed;
using statemachine::ApiSucceeded;

constexpr std::int64_t now = 1'800'000'000'000;

base::ApiError throttled()
{
	base::ApiError e;
	e.errorClass = base::ErrorClass::Throttled;
	e.code = "Throttling.User";
	e.requestId = "req-throttled";
	return e;
}

dbs::RestoreTaskDetail task(std::string id, std::string name)
{
	dbs::RestoreTaskDetail d;
	d.restoreTaskId = std::move(id);
	d.restoreTaskName = std::move(name);
	return d;
}

TEST(ReplyTranslator, AStartedBackupCarriesTheNewSetAndTheRequestId)
{
	dbs::StartBackupPlanResponse r;
	r.envelope.requestId = "req-1";
	r.createdFullBackupsetId = "set-9";
	auto e = std::get<ApiSucceeded>(translateReply(ApiAction::StartBackupPlan, now, r));
	EXPECT_EQ(e.action, ApiAction::StartBackupPlan);
	EXPECT_EQ(e.nowMs, now);
	EXPECT_EQ(e.createdFullBackupSetId, "set-9");
	EXPECT_EQ(e.requestId, "req-1");
}

TEST(ReplyTranslator, AFailedCallIsApiFailedWithTheErrorAsItCame)
{
	auto e = std::get<ApiFailed>(translateReply(ApiAction::CreateRestoreTask, now,
						    dbs::Outcome<dbs::CreateRestoreTaskResponse>(throttled())));
	EXPECT_EQ(e.action, ApiAction::CreateRestoreTask);
	EXPECT_EQ(e.nowMs, now);
	EXPECT_EQ(e.error.code, "Throttling.User");
	EXPECT_EQ(e.error.errorClass, base::ErrorClass::Throttled);
	EXPECT_EQ(e.error.requestId, "req-throttled");
}

TEST(ReplyTranslator, ACreatedRestoreTaskCarriesItsId)
{
	dbs::CreateRestoreTaskResponse r;
	r.restoreTaskId = "rt-new";
	auto e = std::get<ApiSucceeded>(translateReply(ApiAction::CreateRestoreTask, now, r));
	EXPECT_EQ(e.restoreTaskId, "rt-new");
}

TEST(ReplyTranslator, AStartAnswerWithoutATaskIdMeansTheTaskThatWasSent)
{
	dbs::StartRestoreTaskResponse silent;
	EXPECT_EQ(std::get<ApiSucceeded>(translateReply(ApiAction::StartRestoreTask, now, silent, "rt-sent"))
			  .restoreTaskId,
		  "rt-sent");
	dbs::StartRestoreTaskResponse named;
	named.restoreTaskId = "rt-named";
	EXPECT_EQ(
		std::get<ApiSucceeded>(translateReply(ApiAction::StartRestoreTask, now, named, "rt-sent")).restoreTaskId,
		"rt-named");
}

TEST(ReplyTranslator, FindRestoreTaskTakesTheTaskOfTheRunsNameOrNone)
{
	std::vector<dbs::RestoreTaskDetail> tasks{task("rt-a", "other"), task("rt-b", "e2e-nightly")};
	auto found = std::get<ApiSucceeded>(translateReply(ApiAction::FindRestoreTask, now, tasks, "e2e-nightly"));
	EXPECT_EQ(found.restoreTaskId, "rt-b");
	auto none = std::get<ApiSucceeded>(translateReply(ApiAction::FindRestoreTask, now, tasks, "absent"));
	EXPECT_EQ(none.restoreTaskId, "");
}

TEST(ReplyTranslator, ListingBackupSetsNamesEverySetInOrder)
{
	std::vector<dbs::FullBackupFile> sets(2);
	sets[0].backupSetId = "set-1";
	sets[1].backupSetId = "set-2";
	auto e = std::get<ApiSucceeded>(translateReply(ApiAction::ListBackupSets, now, sets));
	EXPECT_EQ(e.backupSetIds, (std::vector<std::string>{"set-1", "set-2"}));
}

TEST(ReplyTranslator, AJobErrorCodeAnswerCarriesTheItemOrTheError)
{
	dbs::DescribeJobErrorCodeResponse r;
	r.item.errorCode = "DTS-1";
	r.item.errorMessage = "disk full";
	r.item.jobState = "failed";
	auto detail = translateReply(now, r);
	EXPECT_EQ(detail.nowMs, now);
	ASSERT_TRUE(detail.detail);
	EXPECT_EQ(detail.detail->errorCode, "DTS-1");
	EXPECT_EQ(detail.detail->errorMessage, "disk full");
	EXPECT_FALSE(detail.error);

	auto failed = translateReply(now, dbs::Outcome<dbs::DescribeJobErrorCodeResponse>(throttled()));
	EXPECT_FALSE(failed.detail);
	ASSERT_TRUE(failed.error);
	EXPECT_EQ(failed.error->code, "Throttling.User");
}

TEST(ReplyTranslator, ARestoreTaskReadingBecomesRestorePolledWithItsProgress)
{
	dbs::RestoreTaskDetail d = task("rt-1", "n");
	d.restoreStatus = "running";
	d.fullStruforeRestoreProgress = 100;
	d.fullDataRestoreProgress = 40;
	d.fullStruAfterRestoreProgress = 0;
	d.continuousRestoreProgress = 5;
	d.restoreTaskFinishTime = 77;
	d.errMessage = "none";
	auto e = std::get<statemachine::RestorePolled>(translatePoll(now, "rt-1", d));
	EXPECT_EQ(e.nowMs, now);
	EXPECT_EQ(e.restoreTaskId, "rt-1");
	EXPECT_EQ(e.status, "running");
	EXPECT_EQ(e.progress, (std::array<int, 4>{100, 40, 0, 5}));
	EXPECT_EQ(e.finishTimeMs, 77);
	EXPECT_EQ(e.errMessage, "none");
}

TEST(ReplyTranslator, OnlyTheConfirmedGoneCodeMakesATaskGoneOtherErrorsArePolledAgain)
{
	auto goneError =
		base::ApiError::local(base::ErrorClass::Permanent, RestorePoller::taskGoneCode, "not listed twice");
	auto gone = std::get<statemachine::TaskGone>(
		translatePoll(now, "rt-1", dbs::Outcome<dbs::RestoreTaskDetail>(goneError)));
	EXPECT_EQ(gone.restoreTaskId, "rt-1");
	EXPECT_EQ(gone.reason, "not listed twice");

	auto again = translatePoll(now, "rt-1", dbs::Outcome<dbs::RestoreTaskDetail>(throttled()));
	EXPECT_EQ(std::get<base::ApiError>(again).code, "Throttling.User");
}

TEST(ReplyTranslator, ABackupSetReadingBecomesBackupSetPolledAndAnErrorIsPolledAgain)
{
	dbs::FullBackupFile f;
	f.backupSetId = "set-1";
	f.backupStatus = "running";
	f.errMessage = "slow";
	auto e = std::get<statemachine::BackupSetPolled>(translatePoll(now, f));
	EXPECT_EQ(e.nowMs, now);
	EXPECT_EQ(e.backupSetId, "set-1");
	EXPECT_EQ(e.status, "running");
	EXPECT_EQ(e.errMessage, "slow");

	base::ApiError notListed;
	notListed.code = BackupSetPoller::notListedCode;
	auto again = translatePoll(now, dbs::Outcome<dbs::FullBackupFile>(notListed));
	EXPECT_EQ(std::get<base::ApiError>(again).code, BackupSetPoller::notListedCode);
}

} // namespace
} // namespace restored
