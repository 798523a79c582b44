// SPDX-License-Identifier: Apache-2.0
// RestorePoller's batching in time, and BackupSetPoller, against a
// FakeDbsApi and a ManualClock: when a batch leaves, what it holds, who is
// answered with what, and nothing after stop(). (RestorePollerTest checks
// the batch isolation rules against the real emulator's readings.)
#include "daemon/RestorePoller.h"

#include <gtest/gtest.h>

#include "FakeDbsApi.h"
#include "ManualClock.h"
#include "daemon/ApiRateLimiter.h"
#include "daemon/BackupSetPoller.h"

namespace restored {
namespace {

using namespace std::chrono_literals;

struct Fixture {
	boost::asio::io_context io;
	test::ManualClock clock{io};
	ApiRateLimiter limiter{clock, 1000, 1000};
	test::FakeDbsApi dbs{io};
	// A 200 ms coalescing window, so a part-filled batch waits at most 1 s.
	RestorePoller poller{clock, dbs, limiter, 200ms, 500};
	std::map<std::string, std::vector<std::string>> answers; // id -> statuses or error codes

	Fixture()
	{
		for (int i = 0; i < 120; ++i)
			dbs.addTask("rt-" + std::to_string(i), "running");
	}
	void want(const std::string &id)
	{
		poller.want(id, [this, id](const dbs::Outcome<dbs::RestoreTaskDetail> &o) {
			answers[id].push_back(o ? o.value().restoreTaskId + ":" + o.value().restoreStatus
						: o.error().code);
		});
	}
	std::vector<std::string> lists() const
	{
		std::vector<std::string> out;
		for (const auto &c : dbs.calls)
			out.push_back(c.subject);
		return out;
	}
};

TEST(RestorePollerTiming, IdsWantedWithinTheWindowShareOneCallThatLeavesAWindowAfterTheLast)
{
	Fixture f;
	f.want("rt-1");
	f.clock.advance(100ms);
	f.want("rt-2");
	f.clock.advance(150ms);
	f.want("rt-3");
	f.clock.advance(199ms);
	EXPECT_TRUE(f.dbs.calls.empty()) << "the window is still open";
	f.clock.advance(1ms);
	EXPECT_EQ(f.lists(), std::vector<std::string>{"rt-1,rt-2,rt-3"});
	EXPECT_EQ(f.answers["rt-2"], std::vector<std::string>{"rt-2:running"}) << "each with its own task";
	EXPECT_EQ(f.answers["rt-3"], std::vector<std::string>{"rt-3:running"});
}

TEST(RestorePollerTiming, AFullBatchOfAHundredLeavesAtOnceAndTheRestWaits)
{
	Fixture f;
	for (int i = 0; i < 101; ++i)
		f.want("rt-" + std::to_string(i));
	f.clock.settle();
	ASSERT_EQ(f.dbs.calls.size(), 1u);
	EXPECT_EQ(std::count(f.dbs.calls[0].subject.begin(), f.dbs.calls[0].subject.end(), ','), 99);
	EXPECT_FALSE(f.answers.count("rt-100"));
	f.clock.advance(200ms);
	ASSERT_EQ(f.dbs.calls.size(), 2u);
	EXPECT_EQ(f.dbs.calls[1].subject, "rt-100");
	EXPECT_EQ(f.answers.size(), 101u);
}

TEST(RestorePollerTiming, APartBatchLeavesAfterFiveWindowsWhileIdsKeepTricklingIn)
{
	Fixture f;
	// One id every 150 ms: the window never closes.
	for (int i = 0; i < 10; ++i) {
		f.want("rt-" + std::to_string(i));
		f.clock.advance(150ms);
	}
	// Ids at 0, 150, ..., 900 ms joined the batch that left at 1,000 ms.
	ASSERT_GE(f.dbs.calls.size(), 1u);
	EXPECT_EQ(f.dbs.calls[0].subject, "rt-0,rt-1,rt-2,rt-3,rt-4,rt-5,rt-6");
}

TEST(RestorePollerTiming, TwoJobsWatchingOneTaskShareItsPollAndAreBothAnswered)
{
	Fixture f;
	int answered = 0;
	for (int i = 0; i < 2; ++i)
		f.poller.want("rt-7", [&](const auto &o) { answered += o && o.value().restoreTaskId == "rt-7"; });
	f.clock.advance(200ms);
	EXPECT_EQ(f.lists(), std::vector<std::string>{"rt-7"});
	EXPECT_EQ(answered, 2);
}

TEST(RestorePollerTiming, AnIdLeftOutIsAskedAloneAndIsGoneOnlyAfterTwoSuchQueries)
{
	Fixture f;
	f.want("rt-1");
	f.want("rt-unknown");
	f.clock.advance(200ms);
	EXPECT_EQ(f.lists(), (std::vector<std::string>{"rt-1,rt-unknown", "rt-unknown", "rt-unknown"}));
	EXPECT_EQ(f.answers["rt-1"], std::vector<std::string>{"rt-1:running"});
	EXPECT_EQ(f.answers["rt-unknown"], std::vector<std::string>{RestorePoller::taskGoneCode});
}

TEST(RestorePollerTiming, ATransientFailureAnswersTheWholeBatchWithIt)
{
	Fixture f;
	f.dbs.failures["DescribeRestoreTaskList"].push_back(
		base::ApiError::local(base::ErrorClass::Transient, "ServiceUnavailable", "later"));
	f.want("rt-1");
	f.want("rt-2");
	f.clock.advance(200ms);
	EXPECT_EQ(f.dbs.calls.size(), 1u) << "the jobs poll again later, not the poller";
	EXPECT_EQ(f.answers["rt-1"], std::vector<std::string>{"ServiceUnavailable"});
	EXPECT_EQ(f.answers["rt-2"], std::vector<std::string>{"ServiceUnavailable"});
}

TEST(RestorePollerTiming, AfterStopNothingIsAskedOrAnswered)
{
	Fixture f;
	f.want("rt-1");
	f.poller.stop();
	f.want("rt-2");
	f.clock.advance(2s);
	EXPECT_TRUE(f.dbs.calls.empty());
	EXPECT_TRUE(f.answers.empty());
	EXPECT_EQ(f.clock.armedAlarms(), 0u);
}

TEST(RestorePollerTiming, PollRoundsAreThePollersPhasePlusWholeIntervals)
{
	Fixture f; // phase 500 ms
	EXPECT_EQ(f.poller.roundFor(10'400, 1s), 10'500);
	EXPECT_EQ(f.poller.roundFor(10'900, 1s), 10'500) << "the nearest round, not the next";
	EXPECT_EQ(f.poller.roundFor(11'100, 1s), 11'500);
}

TEST(BackupSetPoller, TheSetIsAnsweredWithItsItemAndAnUnlistedSetWithNotListed)
{
	Fixture f;
	BackupSetPoller poller(f.dbs, f.limiter);
	dbs::FullBackupFile set;
	set.backupSetId = "set-1";
	set.backupStatus = "running";
	f.dbs.backupSets["plan-1"] = {set};
	std::vector<std::string> answers;
	auto record = [&](const dbs::Outcome<dbs::FullBackupFile> &o) {
		answers.push_back(o ? o.value().backupSetId + ":" + o.value().backupStatus : o.error().code);
	};
	poller.want("plan-1", "set-1", record);
	poller.want("plan-1", "set-2", record);
	EXPECT_TRUE(answers.empty()) << "never answered inside want()";
	f.clock.settle();
	EXPECT_EQ(answers, (std::vector<std::string>{"set-1:running", BackupSetPoller::notListedCode}));
	EXPECT_EQ(f.lists(), (std::vector<std::string>{"plan-1/set-1", "plan-1/set-2"}));

	poller.want("plan-1", "set-1", record);
	poller.stop();
	f.clock.settle();
	EXPECT_EQ(answers.size(), 2u) << "nothing after stop()";
	EXPECT_EQ(f.dbs.calls.size(), 2u);
}

} // namespace
} // namespace restored
