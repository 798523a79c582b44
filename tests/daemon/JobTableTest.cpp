// SPDX-License-Identifier: Apache-2.0
// JobTable, the rules that decide when jobs run, against a FakeDbsApi and a
// ManualClock: admission and the running cap, cancel on removal, reload,
// resume after a restart, and cron times.
#include "daemon/JobTable.h"

#include <gtest/gtest.h>

#include "CoreHarness.h"
#include "JobSpecs.h"

namespace restored {
namespace {

using namespace std::chrono_literals;
using statemachine::Outcome;
using test::CoreHarness;

// A table of `maxRunning` over the harness, answering its runs' ends.
struct TableFixture {
	explicit TableFixture(int maxRunning) : table(core.services, maxRunning, false)
	{
		core.onRunFinished = [this](Job &job) { table.onRunFinished(job); };
	}

	CoreHarness core;
	JobTable table;

	// Job files of one restore task each: job "a" starts task "rt-a".
	config::JobsDirResult files(std::initializer_list<std::string> ids,
				    const std::string &timing = test::shortTiming)
	{
		config::JobsDirResult result;
		for (const auto &id : ids) {
			auto spec = test::startExistingJob(id, "rt-" + id, timing);
			if (!core.dbs().tasks.count("rt-" + id))
				core.dbs().addTask("rt-" + id, "init");
			result.files.push_back({spec->sourceFile, *spec, {}});
		}
		return result;
	}
	bool started(const std::string &id) { return core.dbs().count("StartRestoreTask", "rt-" + id) > 0; }
	void finish(const std::string &id)
	{
		auto &t = core.dbs().tasks.at("rt-" + id);
		t.restoreStatus = "finish";
		t.restoreTaskFinishTime = core.clock.wallMs();
		t.fullStruforeRestoreProgress = t.fullDataRestoreProgress = 100;
		t.fullStruAfterRestoreProgress = t.continuousRestoreProgress = 100;
	}
	std::optional<JobStatus> status(const std::string &id) const
	{
		for (const auto &st : table.statuses())
			if (st.jobId == id)
				return st;
		return std::nullopt;
	}
};

TEST(JobTable, AtMostMaxRunningRunsAreActiveAndTheOthersStartInTheirTurn)
{
	TableFixture f(2);
	f.table.reconcile(f.files({"a", "b", "c", "d"}), true);
	f.core.clock.settle();
	auto counts = f.table.counts();
	EXPECT_EQ(counts.running, 2);
	EXPECT_EQ(counts.queued, 2);
	EXPECT_TRUE(f.started("a"));
	EXPECT_TRUE(f.started("b"));
	EXPECT_FALSE(f.started("c"));
	EXPECT_FALSE(f.started("d"));
	EXPECT_EQ(f.core.eventLines("job_queued").size(), 2u) << "logged for the two that wait";

	f.finish("a");
	f.core.clock.advance(3s);
	EXPECT_EQ(f.status("a")->outcome, "succeeded");
	EXPECT_TRUE(f.started("c")) << "the first in the queue took the free slot";
	EXPECT_FALSE(f.started("d"));
	counts = f.table.counts();
	EXPECT_EQ(counts.running, 2);
	EXPECT_EQ(counts.queued, 1);
	EXPECT_EQ(counts.succeeded, 1);
	EXPECT_FALSE(f.table.allSettled());
}

TEST(JobTable, WhileAdmissionIsHeldQueuedRunsWait)
{
	TableFixture f(4);
	f.table.holdAdmission(true);
	f.table.reconcile(f.files({"a", "b"}), true);
	f.core.clock.advance(1s);
	EXPECT_EQ(f.table.counts().queued, 2);
	EXPECT_EQ(f.core.dbs().count("StartRestoreTask"), 0);
	f.table.holdAdmission(false);
	f.core.clock.settle();
	EXPECT_EQ(f.table.counts().running, 2);
	EXPECT_TRUE(f.started("a"));
	EXPECT_TRUE(f.started("b"));
}

TEST(JobTable, RemovingARunningJobsFileCancelsItsRunAndForgetsTheJob)
{
	TableFixture f(2);
	f.table.reconcile(f.files({"a", "b"}), true);
	f.core.clock.advance(2s);
	ASSERT_EQ(f.status("a")->phase, "running");
	ASSERT_TRUE(f.core.recordOnDisk("a"));

	f.table.reconcile(f.files({"b"}), true);
	f.core.clock.advance(1s);
	EXPECT_FALSE(f.status("a")) << "forgotten";
	EXPECT_FALSE(std::filesystem::exists(f.core.dir.path() / os::StateStore::fileNameFor("a")))
		<< "its state file too";
	EXPECT_EQ(f.core.finishedRuns, std::vector<std::string>{"a"});
	EXPECT_FALSE(f.core.eventLines("cancelled").empty());
	auto polls = f.core.dbs().count("DescribeRestoreTaskList", "rt-a");
	f.core.clock.advance(1min);
	EXPECT_EQ(f.core.dbs().count("DescribeRestoreTaskList", "rt-a"), polls) << "its task is no longer polled";
	EXPECT_EQ(f.status("b")->phase, "running") << "the other job goes on";
}

TEST(JobTable, RemovingAQueuedJobsFileDropsItFromTheQueue)
{
	TableFixture f(1);
	f.table.reconcile(f.files({"a", "b"}), true);
	f.core.clock.settle();
	ASSERT_EQ(f.status("b")->phase, "queued");
	f.table.reconcile({}, false, {test::startExistingJob("b", "rt-b")->sourceFile});
	EXPECT_FALSE(f.status("b"));
	f.finish("a");
	f.core.clock.advance(3s);
	EXPECT_EQ(f.status("a")->outcome, "succeeded");
	EXPECT_FALSE(f.started("b"));
	EXPECT_TRUE(f.table.allSettled());
}

TEST(JobTable, AReloadRunsAChangedDefinitionAgainAndAnUnchangedOneNot)
{
	TableFixture f(2);
	f.table.reconcile(f.files({"a"}), true);
	f.core.clock.settle();
	f.finish("a");
	f.core.clock.advance(3s);
	ASSERT_EQ(f.status("a")->outcome, "succeeded");
	ASSERT_EQ(f.core.dbs().count("StartRestoreTask"), 1);
	const auto firstToken = f.core.dbs().calls.at(0).clientToken;

	f.table.reconcile(f.files({"a"}), true);
	f.core.clock.advance(3s);
	EXPECT_EQ(f.core.dbs().count("StartRestoreTask"), 1) << "the same definition ran once already";
	EXPECT_TRUE(f.table.allSucceeded());

	f.core.dbs().addTask("rt-a", "init");
	f.table.reconcile(f.files({"a"}, test::shortTiming + "precheck_timeout: 10m\n"), true);
	f.core.clock.settle();
	ASSERT_EQ(f.core.dbs().count("StartRestoreTask"), 2) << "a changed definition runs again";
	std::string secondToken;
	for (const auto &c : f.core.dbs().calls)
		if (c.action == "StartRestoreTask")
			secondToken = c.clientToken;
	EXPECT_NE(secondToken, firstToken) << "a new run, with tokens of its own";
}

TEST(JobTable, AFileChangedDuringARunLeavesTheRunOnTheDefinitionItStartedWith)
{
	TableFixture f(2);
	f.table.reconcile(f.files({"a"}), true);
	f.core.clock.advance(2s);
	f.table.reconcile(f.files({"a"}, test::shortTiming + "precheck_timeout: 10m\n"), true);
	f.core.clock.advance(1s);
	EXPECT_FALSE(f.core.eventLines("spec_changed").empty());
	EXPECT_EQ(f.status("a")->phase, "running");
	EXPECT_EQ(f.core.dbs().count("StartRestoreTask"), 1) << "not restarted";
	f.finish("a");
	f.core.clock.advance(3s);
	EXPECT_EQ(f.core.dbs().count("StartRestoreTask", "rt-a"), 2) << "the changed definition runs next";
}

TEST(JobTable, AfterARestartUnfinishedRunsResumeWhateverTheCapAndFinishedOnesStayFinished)
{
	CoreHarness core;
	{
		JobTable before(core.services, 3, false);
		core.onRunFinished = [&](Job &job) { before.onRunFinished(job); };
		config::JobsDirResult dir;
		for (std::string id : {"a", "b", "c"}) {
			core.dbs().addTask("rt-" + id, "init");
			auto spec = test::startExistingJob(id, "rt-" + id);
			dir.files.push_back({spec->sourceFile, *spec, {}});
		}
		before.reconcile(dir, true);
		core.clock.settle();
		core.dbs().tasks.at("rt-a").restoreStatus = "finish";
		core.dbs().tasks.at("rt-a").restoreTaskFinishTime = core.clock.wallMs();
		core.clock.advance(3s);
		before.shutdown();
		core.flusher.flushAll();
	}
	core.onRunFinished = {};
	ASSERT_EQ(core.dbs().count("StartRestoreTask"), 3);
	auto loaded = core.store.loadAll();
	ASSERT_EQ(loaded.records.size(), 3u);
	ASSERT_TRUE(loaded.problems.empty());

	JobTable after(core.services, 1, false);
	core.onRunFinished = [&](Job &job) { after.onRunFinished(job); };
	after.restore(std::move(loaded.records));
	core.clock.advance(2s);
	auto counts = after.counts();
	EXPECT_EQ(counts.running, 2) << "b and c were running: both resume although the cap is 1";
	EXPECT_EQ(counts.succeeded, 1);
	EXPECT_EQ(core.dbs().count("StartRestoreTask"), 3)
		<< "a resumed run polls its task, it does not start it again";
	EXPECT_GE(core.dbs().count("DescribeRestoreTaskList"), 1);
	EXPECT_EQ(core.eventLines("resumed").size(), 2u);
}

TEST(JobTable, AnUnusableStateRecordIsMovedAsideAndTheJobStartsAfresh)
{
	TableFixture f(2);
	ASSERT_FALSE(f.core.store.save("a", boost::json::object{{"run", 1}}));
	auto loaded = f.core.store.loadAll();
	f.table.restore(std::move(loaded.records));
	EXPECT_EQ(f.core.eventLines("state_corrupt").size(), 1u);
	EXPECT_FALSE(std::filesystem::exists(f.core.dir.path() / os::StateStore::fileNameFor("a")));
	f.table.reconcile(f.files({"a"}), true);
	f.core.clock.settle();
	EXPECT_TRUE(f.started("a"));
}

TEST(JobTable, AScheduledJobRunsAtItsCronTimeAndNotBefore)
{
	TableFixture f(2);
	// The clock starts at 08:00:00 UTC; the job is due at 09:00.
	f.table.reconcile(f.files({"a"}, test::shortTiming + "schedule: \"0 9 * * *\"\n"), true);
	f.core.clock.settle();
	EXPECT_EQ(f.status("a")->phase, "idle");
	f.core.clock.advance(1h - 1ms);
	EXPECT_FALSE(f.started("a"));
	f.core.clock.advance(1ms);
	EXPECT_TRUE(f.started("a"));
	EXPECT_EQ(f.status("a")->phase, "running");
}

} // namespace
} // namespace restored
