// SPDX-License-Identifier: Apache-2.0
#include "history/HistoryStore.h"

#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "history/DrillRecordJson.h"
#include "tests/daemon/TempDir.h"

using history::DrillRecord;
using history::HistoryStore;
using history::Retention;
using testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t now = 20'000 * day;

DrillRecord run(const std::string &runId, std::int64_t finishedMs = now, const std::string &job = "nightly")
{
	DrillRecord r;
	r.jobId = job;
	r.runId = runId;
	r.startedAtMs = finishedMs - 60'000;
	r.finishedAtMs = finishedMs;
	return r;
}

std::string read(const fs::path &p)
{
	std::ifstream in(p, std::ios::binary);
	std::stringstream s;
	s << in.rdbuf();
	return s.str();
}

std::size_t lines(const fs::path &p)
{
	std::string text = read(p);
	return std::size_t(std::count(text.begin(), text.end(), '\n'));
}

class HistoryStoreTest : public testing::Test
{
protected:
	fs::path file(const std::string &job = "nightly") const
	{
		return dir_.path() / "history" / HistoryStore::fileNameFor(job);
	}

	restored::test::TempDir dir_;
};

} // namespace

TEST_F(HistoryStoreTest, AppendsOneLinePerRunToAPrivateFilePerJob)
{
	HistoryStore store(dir_.path());
	EXPECT_FALSE(store.append(run("a"), now).error);
	EXPECT_FALSE(store.append(run("b"), now).error);
	EXPECT_FALSE(store.append(run("x", now, "weekly/odd id"), now).error);
	EXPECT_EQ(read(file()), history::encodeLine(run("a")) + history::encodeLine(run("b")));
	EXPECT_EQ(HistoryStore::fileNameFor("weekly/odd id"), "weekly%2Fodd%20id.jsonl");
	struct stat st {};
	ASSERT_EQ(::stat((dir_.path() / "history").c_str(), &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0700u);
	ASSERT_EQ(::stat(file().c_str(), &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0600u);

	auto all = HistoryStore::loadAll(dir_.path());
	ASSERT_EQ(all.size(), 2u);
	EXPECT_EQ(all[0].history.records.size(), 2u);
	EXPECT_EQ(all[1].history.records[0].jobId, "weekly/odd id");
}

TEST_F(HistoryStoreTest, StaysWithinItsCountBoundAndKeepsTheNewest)
{
	Retention retention{10, std::chrono::days(400)};
	HistoryStore store(dir_.path(), retention);
	int compactions = 0;
	for (int i = 0; i < 200; ++i) {
		auto result = store.append(run("r" + std::to_string(i), now + i), now + i);
		ASSERT_FALSE(result.error) << *result.error;
		compactions += result.compacted;
		ASSERT_LE(lines(file()), retention.maxRecords + retention.slackRecords()) << "after append " << i;
	}
	// Appends are lines; only one in about slackRecords() rewrites the file.
	EXPECT_LE(compactions, 200 / int(retention.slackRecords()) + 1);
	auto records = HistoryStore::load(file()).history.records;
	EXPECT_GE(records.size(), retention.maxRecords);
	EXPECT_EQ(records.back().runId, "r199");
}

TEST_F(HistoryStoreTest, DropsRunsOlderThanItsAge)
{
	HistoryStore store(dir_.path(), Retention{1000, std::chrono::days(30)});
	ASSERT_FALSE(store.append(run("old", now - 40 * day), now - 40 * day).error);
	ASSERT_FALSE(store.append(run("recent", now - 10 * day), now - 10 * day).error);
	// Forty days later the first run is past 30 days plus the day of slack.
	auto result = store.append(run("today"), now);
	EXPECT_TRUE(result.compacted);
	auto records = HistoryStore::load(file()).history.records;
	ASSERT_EQ(records.size(), 2u);
	EXPECT_EQ(records[0].runId, "recent");
}

TEST_F(HistoryStoreTest, ATornLastLineFromACrashIsReportedAndCompactedAway)
{
	fs::create_directory(dir_.path() / "history");
	std::string torn = history::encodeLine(run("torn"));
	std::ofstream(file(), std::ios::binary) << history::encodeLine(run("a")) << torn.substr(0, torn.size() / 2);
	// Readers skip it meanwhile.
	auto before = HistoryStore::load(file());
	EXPECT_EQ(before.history.records.size(), 1u);
	EXPECT_TRUE(before.history.tornTail);

	HistoryStore store(dir_.path());
	auto result = store.append(run("b"), now);
	EXPECT_FALSE(result.error);
	EXPECT_TRUE(result.compacted);
	ASSERT_EQ(result.repaired.size(), 1u);
	EXPECT_THAT(result.repaired[0], HasSubstr(":2: the last line"));
	EXPECT_EQ(read(file()), history::encodeLine(run("a")) + history::encodeLine(run("b")));
	// The next append is a plain line again.
	result = store.append(run("c"), now);
	EXPECT_FALSE(result.compacted);
	EXPECT_TRUE(result.repaired.empty());
	EXPECT_EQ(lines(file()), 3u);
}

TEST_F(HistoryStoreTest, AppendsOnANewLineWhenTheFileWasTornSinceItWasRead)
{
	HistoryStore store(dir_.path());
	ASSERT_FALSE(store.append(run("a"), now).error);
	// Someone else's write cut short after this process read the file.
	std::ofstream(file(), std::ios::binary | std::ios::app) << "{\"v\":1,\"jo";
	ASSERT_FALSE(store.append(run("b"), now).error);
	auto parsed = HistoryStore::load(file()).history;
	ASSERT_EQ(parsed.records.size(), 2u);
	EXPECT_EQ(parsed.records[1].runId, "b");
	EXPECT_EQ(parsed.problems.size(), 1u);
}

TEST_F(HistoryStoreTest, ACompactionInterruptedByACrashLeavesTheOldFile)
{
	HistoryStore writer(dir_.path());
	ASSERT_FALSE(writer.append(run("a"), now).error);
	// A crash between writing the temp file and renaming it leaves both.
	fs::path tmp = dir_.path() / "history" / ("." + HistoryStore::fileNameFor("nightly") + ".tmp");
	std::ofstream(tmp) << "half a compaction";
	auto all = HistoryStore::loadAll(dir_.path());
	ASSERT_EQ(all.size(), 1u);
	EXPECT_TRUE(all[0].history.problems.empty());
	EXPECT_EQ(all[0].history.records.size(), 1u);
	// The next compaction overwrites the leftover.
	HistoryStore store(dir_.path(), Retention{1, std::chrono::days(400)});
	for (int i = 0; i < 3; ++i)
		ASSERT_FALSE(store.append(run("r" + std::to_string(i)), now).error);
	EXPECT_EQ(HistoryStore::load(file()).history.records.back().runId, "r2");
	EXPECT_FALSE(fs::exists(tmp));
}

TEST_F(HistoryStoreTest, AFileThatCannotBeWrittenIsAnErrorNotACrash)
{
	fs::create_directories(file()); // a directory where the file should be
	HistoryStore store(dir_.path());
	auto result = store.append(run("a"), now);
	ASSERT_TRUE(result.error);
	EXPECT_THAT(*result.error, HasSubstr(file().string()));
	EXPECT_TRUE(HistoryStore::loadAll(dir_.path()).empty()) << "not a regular file";
}

TEST_F(HistoryStoreTest, AnOversizedFileIsReadFromItsNewestRecords)
{
	fs::create_directory(dir_.path() / "history");
	std::string line = history::encodeLine(run("filler"));
	{
		std::ofstream out(file(), std::ios::binary);
		for (std::size_t written = 0; written <= HistoryStore::maxFileBytes; written += line.size())
			out << line;
		out << history::encodeLine(run("newest"));
	}
	auto f = HistoryStore::load(file());
	EXPECT_GT(f.skippedBytes, 0u);
	EXPECT_TRUE(f.history.problems.empty()) << "the cut first line is dropped, not reported";
	EXPECT_EQ(f.history.records.back().runId, "newest");
	EXPECT_LE(f.history.records.size() * line.size(), HistoryStore::maxFileBytes);
}

TEST_F(HistoryStoreTest, NoHistoryDirectoryIsNoHistory)
{
	EXPECT_TRUE(HistoryStore::loadAll(dir_.path()).empty());
	EXPECT_TRUE(HistoryStore::loadAll(dir_.path() / "missing").empty());
}

// A daemon that dies after appending a run, before its state record says
// so, appends the same run again after its restart: the file keeps one.
TEST_F(HistoryStoreTest, ARunAppendedAgainAfterARestartIsKeptOnce)
{
	{
		HistoryStore before(dir_.path());
		EXPECT_FALSE(before.append(run("a"), now).error);
		EXPECT_FALSE(before.append(run("b"), now).error);
	}
	HistoryStore after(dir_.path()); // a new process: learns the file on its first append
	auto again = after.append(run("b"), now);
	EXPECT_FALSE(again.error);
	EXPECT_TRUE(again.duplicate);
	EXPECT_EQ(lines(file()), 2u);
	auto same = after.append(run("b"), now);
	EXPECT_TRUE(same.duplicate) << "within one process too";
	auto next = after.append(run("c"), now);
	EXPECT_FALSE(next.duplicate);
	EXPECT_EQ(read(file()),
		  history::encodeLine(run("a")) + history::encodeLine(run("b")) + history::encodeLine(run("c")));
}

// The crash hit in the middle of that append: the torn line is not the run,
// so the run is appended (after the repair) and kept once.
TEST_F(HistoryStoreTest, ARunWhoseAppendWasTornIsAppendedAgainOnce)
{
	{
		HistoryStore before(dir_.path());
		EXPECT_FALSE(before.append(run("a"), now).error);
	}
	std::string whole = history::encodeLine(run("b"));
	std::ofstream(file(), std::ios::app) << whole.substr(0, whole.size() / 2);
	HistoryStore after(dir_.path());
	auto again = after.append(run("b"), now);
	EXPECT_FALSE(again.duplicate);
	EXPECT_FALSE(again.repaired.empty());
	EXPECT_EQ(read(file()), history::encodeLine(run("a")) + history::encodeLine(run("b")));
}
