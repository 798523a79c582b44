// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobRecordWriter.h"

#include <sstream>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include "JobSpecs.h"
#include "TempDir.h"
#include "daemon/JobRecord.h"
#include "daemon/os/JobEventLog.h"
#include "daemon/os/StateFlusher.h"
#include "daemon/os/StateStore.h"
#include "statemachine/JobRunJson.h"

namespace restored {
namespace {

using Write = JobRecordWriter::Write;
using namespace std::chrono_literals;
using namespace statemachine;

constexpr std::int64_t t0 = 1'800'000'000'000;

// A job's writer over a real state directory. The flusher's background
// passes never run: nothing here runs the io_context.
struct Fixture {
	test::TempDir dir;
	os::StateStore store{dir.path()};
	boost::asio::io_context io;
	std::ostringstream log;
	os::JobEventLog events{os::LogTarget::Stderr,
			       std::make_shared<spdlog::logger>("test",
								std::make_shared<spdlog::sinks::ostream_sink_st>(log))};
	os::StateFlusher flusher{io.get_executor(), store, events, os::StateFlusher::Timing{}};
	std::string jobId = "nightly";
	JobRecordWriter writer{store, flusher, jobId};
	config::JobSpecPtr spec = test::startExistingJob("nightly", "rt-1");
	JobRun run;

	Fixture()
	{
		run.jobId = jobId;
		run.runId = "run-1";
		run.steps.resize(1);
		run.steps[0].phase = StepPhase::Polling;
		run.steps[0].restoreTaskId = "rt-1";
	}
	// The run as the job's state file holds it now.
	JobRun onDisk()
	{
		auto loaded = store.loadAll();
		EXPECT_EQ(loaded.records.size(), 1u);
		auto record = parseJobRecord(loaded.records.at(0).payload);
		return std::get<JobRecord>(record).run;
	}
};

TEST(JobRecordWriter, APersistBeforeACallIsATokenBeforeTheEndAnOutcomeElseProgress)
{
	Commands token{Persist{}, Log{}, CallApi{ApiAction::StartRestoreTask, "tok", 0}};
	Commands outcome{Persist{}, Log{}, Finished{Outcome::Succeeded, ""}};
	Commands progress{Persist{}, ArmTimer{TimerKind::Poll, t0}};
	EXPECT_EQ(JobRecordWriter::writeFor(token), Write::Token);
	EXPECT_EQ(JobRecordWriter::writeFor(outcome), Write::Outcome);
	EXPECT_EQ(JobRecordWriter::writeFor(progress), Write::Progress);
}

TEST(JobRecordWriter, APersistBeforeAHookIsAHookWriteAndIsOnDiskAtOnce)
{
	Commands hook{Persist{}, Log{}, RunHook{HookKind::Notify}};
	EXPECT_EQ(JobRecordWriter::writeFor(hook), Write::Hook);
	Fixture f;
	f.run.drillPhase = DrillPhase::Verifying;
	ASSERT_FALSE(f.writer.write(Write::Hook, *f.spec, f.run, t0));
	EXPECT_FALSE(f.store.unflushed(f.jobId)) << "durable before the hook starts, not left for a group commit";
	EXPECT_EQ(f.onDisk().drillPhase, DrillPhase::Verifying);
}

TEST(JobRecordWriter, ATokenRecordWaitsForTheGroupCommitUntilACallIsAboutToCarryIt)
{
	Fixture f;
	f.run.steps[0].startToken = "token-1";
	ASSERT_FALSE(f.writer.write(Write::Token, *f.spec, f.run, t0));
	EXPECT_TRUE(f.store.unflushed(f.jobId)) << "noted for the group commit, not flushed on its own";
	ASSERT_FALSE(f.writer.flushBeforeSend());
	EXPECT_FALSE(f.store.unflushed(f.jobId));
	EXPECT_EQ(f.onDisk().steps.at(0).startToken, "token-1");
}

TEST(JobRecordWriter, ProgressOnlyChangesAreRewrittenAtMostEveryInterval)
{
	Fixture f;
	f.run.lastStatus = "running";
	f.run.lastProgress = {10, 0, 0, 0};
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0));
	EXPECT_FALSE(f.store.unflushed(f.jobId)) << "progress is published, not group-committed";

	// The stall timeout (1 h) allows a quarter of it; the interval (5 min) is shorter.
	const auto interval = JobRecordWriter::visibleWriteInterval.count();
	f.run.lastProgress = {20, 0, 0, 0};
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0 + interval - 1));
	EXPECT_EQ(f.onDisk().lastProgress[0], 10) << "skipped: only progress changed, within the interval";

	f.run.lastProgress = {30, 0, 0, 0};
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0 + interval));
	EXPECT_EQ(f.onDisk().lastProgress[0], 30) << "written once the interval has passed";
}

TEST(JobRecordWriter, AProgressRecordWhoseShapeChangedIsWrittenAtOnce)
{
	Fixture f;
	f.run.lastStatus = "running";
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0));
	f.run.paused = true;
	f.run.lastStatus = "pause";
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0 + 1));
	EXPECT_EQ(f.onDisk().lastStatus, "pause");
}

TEST(JobRecordWriter, WhileTheDaemonStopsNoWriteIsSkipped)
{
	Fixture f;
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0));
	f.writer.writeEverything();
	f.run.lastProgress = {50, 0, 0, 0};
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0 + 1));
	EXPECT_EQ(f.onDisk().lastProgress[0], 50);
}

TEST(JobRecordWriter, AFailedWriteSaysWhyAndLeavesTheOldRecord)
{
	Fixture f;
	f.run.lastStatus = "running";
	ASSERT_FALSE(f.writer.write(Write::Progress, *f.spec, f.run, t0));
	// A directory where the slot file goes: the write cannot open it.
	std::filesystem::create_directory(f.dir.path() / ("." + os::StateStore::fileNameFor(f.jobId) + ".tmp"));
	f.run.lastStatus = "pause";
	auto error = f.writer.write(Write::Token, *f.spec, f.run, t0 + 1);
	ASSERT_TRUE(error);
	EXPECT_NE(error->find("cannot open"), std::string::npos) << *error;
	EXPECT_EQ(f.onDisk().lastStatus, "running");
}

TEST(JobRecord, ARecordReadsBackAsItWasWrittenAndAnUnusableOneSaysWhy)
{
	auto spec = test::startExistingJob("nightly", "rt-1");
	JobRun run;
	run.jobId = "nightly";
	run.runId = "run-7";
	run.specHash = spec->specHash;
	auto back = std::get<JobRecord>(parseJobRecord(jobRecordToJson(*spec, run)));
	EXPECT_EQ(back.spec.specHash, spec->specHash);
	EXPECT_EQ(back.run.runId, "run-7");

	auto missing = parseJobRecord(boost::json::object{{"run", statemachine::toJson(run)}});
	ASSERT_TRUE(std::holds_alternative<std::string>(missing));
	EXPECT_FALSE(std::get<std::string>(missing).empty());
	EXPECT_TRUE(std::holds_alternative<std::string>(parseJobRecord(boost::json::value(42))));
}

} // namespace
} // namespace restored
