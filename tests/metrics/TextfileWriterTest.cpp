// SPDX-License-Identifier: Apache-2.0
// The node_exporter textfile: written through NAME.$$ and a rename, only
// when the text changed, at most once per interval (on an injected clock),
// readable by another user, and retried after a failure.

#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "metrics/TextfileWriter.h"
#include "tests/daemon/TempDir.h"

namespace metrics {
namespace {

using namespace std::chrono_literals;
using Result = TextfileWriter::Result;

struct FakeClock {
	std::chrono::steady_clock::time_point now{};
	TextfileWriter::Clock fn()
	{
		return [this] { return now; };
	}
};

std::string read(const std::filesystem::path &p)
{
	std::ifstream in(p);
	return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ino_t inode(const std::filesystem::path &p)
{
	struct stat st{};
	return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

TEST(TextfileWriter, WritesTheTextReadableByOthersAndLeavesNoTemporary)
{
	restored::test::TempDir dir;
	FakeClock clock;
	auto path = dir.path() / "dbs-restored.prom";
	::umask(077); // as the unit's UMask=
	TextfileWriter w(path, 5s, clock.fn());
	EXPECT_EQ(w.offer("a 1\n"), Result::Written);
	EXPECT_EQ(read(path), "a 1\n");
	struct stat st{};
	ASSERT_EQ(::stat(path.c_str(), &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0644u);
	EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(TextfileWriter, ReplacesTheFileByRenameSoAReaderNeverSeesHalfOfIt)
{
	restored::test::TempDir dir;
	FakeClock clock;
	auto path = dir.path() / "m.prom";
	TextfileWriter w(path, 5s, clock.fn());
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	auto first = inode(path);
	clock.now += 5s;
	ASSERT_EQ(w.offer("a 2\n"), Result::Written);
	EXPECT_NE(inode(path), first); // a new file renamed over the old one, not a rewrite in place
	EXPECT_EQ(read(path), "a 2\n");
}

TEST(TextfileWriter, AnUnchangedTextIsNotWrittenAgain)
{
	restored::test::TempDir dir;
	FakeClock clock;
	auto path = dir.path() / "m.prom";
	TextfileWriter w(path, 5s, clock.fn());
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	auto first = inode(path);
	clock.now += 1h;
	EXPECT_EQ(w.offer("a 1\n"), Result::Unchanged);
	EXPECT_EQ(w.offer("a 1\n", true), Result::Unchanged);
	EXPECT_EQ(inode(path), first);
}

TEST(TextfileWriter, AChangeWithinTheIntervalWaitsUntilItHasPassed)
{
	restored::test::TempDir dir;
	FakeClock clock;
	auto path = dir.path() / "m.prom";
	TextfileWriter w(path, 5s, clock.fn());
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	clock.now += 4999ms;
	EXPECT_EQ(w.offer("a 2\n"), Result::TooSoon);
	EXPECT_TRUE(w.pending());
	EXPECT_EQ(read(path), "a 1\n");
	clock.now += 1ms;
	EXPECT_EQ(w.offer("a 2\n"), Result::Written);
	EXPECT_FALSE(w.pending());
	EXPECT_EQ(read(path), "a 2\n");
}

TEST(TextfileWriter, ForceWritesAChangeAtOnceForTheLastWordAtShutdown)
{
	restored::test::TempDir dir;
	FakeClock clock;
	auto path = dir.path() / "m.prom";
	TextfileWriter w(path, 5s, clock.fn());
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	EXPECT_EQ(w.offer("a 3\n", true), Result::Written);
	EXPECT_EQ(read(path), "a 3\n");
}

TEST(TextfileWriter, AFailedWriteSaysWhereAndWhyAndTheNextOfferRetries)
{
	restored::test::TempDir dir;
	FakeClock clock;
	auto path = dir.path() / "missing" / "m.prom";
	TextfileWriter w(path, 5s, clock.fn());
	EXPECT_EQ(w.offer("a 1\n"), Result::Failed);
	EXPECT_NE(w.error().find((dir.path() / "missing").string()), std::string::npos) << w.error();
	EXPECT_NE(w.error().find("No such file"), std::string::npos) << w.error();
	std::filesystem::create_directory(dir.path() / "missing");
	EXPECT_EQ(w.offer("a 1\n"), Result::Written); // a failure does not start the interval
	EXPECT_EQ(read(path), "a 1\n");
	EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() / "missing"), {}), 1);
}

} // namespace
} // namespace metrics
