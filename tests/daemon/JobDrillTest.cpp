// SPDX-License-Identifier: Apache-2.0
// A Job's restore-drill side against a FakeDbsApi and a ManualClock, with
// real hooks (small scripts in a temporary directory, run by HookRunner):
// the verify hook starts only once the last restore succeeded, its result
// decides the run, the notify hook runs after the outcome is on disk, and
// the run lands in the drill history once.
#include "daemon/Job.h"

#include <fstream>
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "CoreHarness.h"
#include "JobSpecs.h"
#include "base/ReadFile.h"

namespace restored {
namespace {

using namespace std::chrono_literals;
using statemachine::DrillPhase;
using statemachine::Outcome;
using statemachine::Verification;
using test::CoreHarness;
using testing::HasSubstr;

class JobDrillTest : public testing::Test
{
protected:
	// An executable /bin/sh script; `$OUT` in its body is a file beside it.
	std::string script(const std::string &name, const std::string &body)
	{
		std::string path = (scripts_.path() / name).string();
		std::ofstream(path) << "#!/bin/sh\nOUT=" << out() << "\n" << body << "\n";
		::chmod(path.c_str(), 0755);
		return path;
	}
	std::string out() const { return (scripts_.path() / "out").string(); }
	std::string outText() const
	{
		auto text = base::readFile(out());
		return std::holds_alternative<std::string>(text) ? std::get<std::string>(text) : std::string();
	}

	std::shared_ptr<Job> start(const std::string &id, const std::string &drillKeys)
	{
		auto spec =
			test::jobSpec(id, "  - restore:\n      restore_task_id: rt-1\n", test::shortTiming + drillKeys);
		auto job = std::make_shared<Job>(core_.services, id);
		job->setDefinition(std::move(spec));
		job->startRun();
		core_.clock.settle();
		return job;
	}

	void finishTask(std::int64_t atMs)
	{
		auto &t = core_.dbs().tasks.at("rt-1");
		t.restoreStatus = "finish";
		t.restoreTaskFinishTime = atMs;
		t.backupSetId = "bs-1";
	}

	// Real children: the io_context waits on their pipes and pidfds, at
	// most 20 s in all; the ManualClock's time stands still meanwhile.
	bool runUntil(const std::function<bool()> &done)
	{
		const auto deadline = std::chrono::steady_clock::now() + 20s;
		while (!done() && std::chrono::steady_clock::now() < deadline) {
			core_.io.restart();
			core_.io.run_one_for(100ms);
			core_.clock.settle();
		}
		return done();
	}

	std::vector<history::DrillRecord> historyOf(const std::string &id)
	{
		return history::HistoryStore::load(core_.history.directory() / history::HistoryStore::fileNameFor(id))
			.history.records;
	}

	CoreHarness core_;
	test::TempDir scripts_;
};

TEST_F(JobDrillTest, TheVerifyHookStartsOnceTheLastRestoreSucceededAndItsExitDecidesTheRun)
{
	auto hook = script("verify",
			   "echo \"$DBS_HOOK $DBS_RUN_ID $DBS_RESTORE_TASK_ID $DBS_BACKUP_SET_ID\" >> \"$OUT\"\n"
			   "echo checked 1200 rows; echo 'slow disk' >&2");
	core_.dbs().addTask("rt-1", "running");
	auto job = start("a", "verify: {command: [" + hook + "]}\n");
	core_.clock.advance(3s);
	ASSERT_EQ(job->machineState(), statemachine::MachineState::Polling);
	EXPECT_EQ(outText(), "") << "no verify hook while the restore runs";

	finishTask(core_.clock.wallMs());
	core_.clock.advance(2s);
	ASSERT_TRUE(runUntil([&] { return !core_.finishedRuns.empty(); })) << core_.log.str();
	const std::string runId = job->run()->runId;
	EXPECT_EQ(outText(), "verify " + runId + " rt-1 bs-1\n") << "once, told the run and the restore";
	EXPECT_EQ(job->lastOutcome(), Outcome::Succeeded);
	EXPECT_EQ(job->run()->verification, Verification::Verified);

	// Its output reached the journal with the run's and the hook's fields.
	auto output = core_.eventLines("hook_output");
	ASSERT_EQ(output.size(), 2u) << core_.log.str();
	EXPECT_THAT(output[0], HasSubstr("job=a run=" + runId + " hook=verify"));
	EXPECT_THAT(output[0], HasSubstr(": checked 1200 rows"));
	EXPECT_THAT(output[1], HasSubstr(": slow disk"));
	ASSERT_EQ(core_.eventLines("hook_started").size(), 1u);
	ASSERT_EQ(core_.eventLines("verification").size(), 1u);

	// The record on disk (after its group commit) and the drill history
	// say the same, once.
	EXPECT_FALSE(core_.store.flush());
	auto record = core_.recordOnDisk("a");
	ASSERT_TRUE(record);
	EXPECT_EQ(record->run.drillPhase, DrillPhase::Done);
	EXPECT_EQ(record->run.verification, Verification::Verified);
	auto drills = historyOf("a");
	ASSERT_EQ(drills.size(), 1u);
	EXPECT_EQ(drills[0].runId, runId);
	EXPECT_EQ(drills[0].verification, Verification::Verified);
	EXPECT_EQ(drills[0].verificationDetail, "exit 0");
	EXPECT_EQ(drills[0].restoreTaskId, "rt-1");
	EXPECT_EQ(drills[0].backupSetId, "bs-1");
	EXPECT_TRUE(drills[0].restoreFinishedAtMs.has_value());
}

TEST_F(JobDrillTest, AVerifyHookThatCannotStartFailsTheRunAsCouldNotVerify)
{
	core_.dbs().addTask("rt-1", "running");
	auto job = start("a", "verify: {command: [" + (scripts_.path() / "missing").string() + "]}\n");
	finishTask(core_.clock.wallMs());
	core_.clock.advance(2s);
	ASSERT_TRUE(runUntil([&] { return !core_.finishedRuns.empty(); })) << core_.log.str();
	EXPECT_EQ(job->lastOutcome(), Outcome::Failed);
	EXPECT_EQ(job->run()->verification, Verification::CouldNotVerify);
	EXPECT_THAT(job->run()->verificationDetail, HasSubstr("could not start"));
	auto drills = historyOf("a");
	ASSERT_EQ(drills.size(), 1u);
	EXPECT_EQ(drills[0].verification, Verification::CouldNotVerify);
	EXPECT_THAT(drills[0].reason, HasSubstr("could_not_verify"));
}

TEST_F(JobDrillTest, TheNotifyHookRunsAfterTheOutcomeIsOnDiskAndTheRunIsRecordedOnce)
{
	// The hook copies the job's state record as it is when the hook runs.
	const std::string stateFile = (core_.dir.path() / os::StateStore::fileNameFor("a")).string();
	auto hook = script("notify", "cat '" + stateFile +
					     "' > \"$OUT.state\"\n"
					     "echo \"$DBS_OUTCOME|$DBS_CONDITIONS|$DBS_REASON\" >> \"$OUT\"; exit 4");
	core_.dbs().addTask("rt-1", "running");
	auto job = start("a", "notify: {command: [" + hook + "], when: [failed]}\n");
	core_.dbs().tasks.at("rt-1").restoreStatus = "stop";
	core_.dbs().tasks.at("rt-1").errMessage = "disk full";
	core_.clock.advance(2s);
	ASSERT_TRUE(runUntil([&] { return !core_.finishedRuns.empty(); })) << core_.log.str();

	EXPECT_EQ(job->lastOutcome(), Outcome::Failed);
	EXPECT_THAT(outText(), testing::StartsWith("failed|failed|"));
	auto seen = base::readFile(out() + ".state");
	ASSERT_TRUE(std::holds_alternative<std::string>(seen));
	EXPECT_THAT(std::get<std::string>(seen), HasSubstr("\"outcome\":\"failed\""));
	EXPECT_THAT(std::get<std::string>(seen), HasSubstr("\"phase\":\"notifying\""));
	// Its own failure is logged and changes nothing.
	auto failed = core_.eventLines("hook_failed");
	ASSERT_EQ(failed.size(), 1u) << core_.log.str();
	EXPECT_THAT(failed[0], HasSubstr("exit 4"));
	ASSERT_EQ(historyOf("a").size(), 1u);
	EXPECT_EQ(historyOf("a")[0].outcome, history::DrillOutcome::Failed);
	EXPECT_EQ(core_.finishedRuns, std::vector<std::string>{"a"});
}

TEST_F(JobDrillTest, ARunWithoutHooksIsRecordedInTheHistoryToo)
{
	core_.dbs().addTask("rt-1", "running");
	auto job = start("a", "rto_objective: 1h\n");
	finishTask(core_.clock.wallMs());
	core_.clock.advance(2s);
	ASSERT_EQ(core_.finishedRuns, std::vector<std::string>{"a"});
	auto drills = historyOf("a");
	ASSERT_EQ(drills.size(), 1u);
	EXPECT_EQ(drills[0].verification, Verification::None);
	EXPECT_EQ(drills[0].rtoObjectiveMs, 3'600'000);
	EXPECT_TRUE(core_.eventLines("hook_started").empty());
}

} // namespace
} // namespace restored
