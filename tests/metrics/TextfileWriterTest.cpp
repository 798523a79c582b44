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

// A scratch directory, a clock the test moves, and a writer of
// `dir/m.prom` that waits 5 s between writes.
class TextfileWriterTest : public ::testing::Test
{
protected:
	std::filesystem::path file(const std::string &name = "m.prom") const { return dir_.path() / name; }
	TextfileWriter writer(const std::filesystem::path &path)
	{
		return TextfileWriter(path, 5s, [this] { return now_; });
	}

	restored::test::TempDir dir_;
	std::chrono::steady_clock::time_point now_{};
};

std::string read(const std::filesystem::path &p)
{
	std::ifstream in(p);
	return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ino_t inode(const std::filesystem::path &p)
{
	struct stat st {};
	return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

TEST_F(TextfileWriterTest, WritesTheTextReadableByOthersAndLeavesNoTemporary)
{
	auto path = file("dbs-restored.prom");
	::umask(077); // as the unit's UMask=
	auto w = writer(path);
	EXPECT_EQ(w.offer("a 1\n"), Result::Written);
	EXPECT_EQ(read(path), "a 1\n");
	struct stat st {};
	ASSERT_EQ(::stat(path.c_str(), &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0644u);
	EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_.path()), {}), 1);
}

TEST_F(TextfileWriterTest, ReplacesTheFileByRenameSoAReaderNeverSeesHalfOfIt)
{
	auto path = file();
	auto w = writer(path);
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	auto first = inode(path);
	now_ += 5s;
	ASSERT_EQ(w.offer("a 2\n"), Result::Written);
	EXPECT_NE(inode(path), first); // a new file renamed over the old one, not a rewrite in place
	EXPECT_EQ(read(path), "a 2\n");
}

TEST_F(TextfileWriterTest, AnUnchangedTextIsNotWrittenAgain)
{
	auto path = file();
	auto w = writer(path);
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	auto first = inode(path);
	now_ += 1h;
	EXPECT_EQ(w.offer("a 1\n"), Result::Unchanged);
	EXPECT_EQ(w.offer("a 1\n", true), Result::Unchanged);
	EXPECT_EQ(inode(path), first);
}

TEST_F(TextfileWriterTest, AChangeWithinTheIntervalWaitsUntilItHasPassed)
{
	auto path = file();
	auto w = writer(path);
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	now_ += 4999ms;
	EXPECT_EQ(w.offer("a 2\n"), Result::TooSoon);
	EXPECT_TRUE(w.pending());
	EXPECT_EQ(read(path), "a 1\n");
	now_ += 1ms;
	EXPECT_EQ(w.offer("a 2\n"), Result::Written);
	EXPECT_FALSE(w.pending());
	EXPECT_EQ(read(path), "a 2\n");
}

TEST_F(TextfileWriterTest, ForceWritesAChangeAtOnceForTheLastWordAtShutdown)
{
	auto path = file();
	auto w = writer(path);
	ASSERT_EQ(w.offer("a 1\n"), Result::Written);
	EXPECT_EQ(w.offer("a 3\n", true), Result::Written);
	EXPECT_EQ(read(path), "a 3\n");
}

TEST_F(TextfileWriterTest, AFailedWriteSaysWhereAndWhyAndTheNextOfferRetries)
{
	auto path = file("missing") / "m.prom";
	auto w = writer(path);
	EXPECT_EQ(w.offer("a 1\n"), Result::Failed);
	EXPECT_NE(w.error().find((dir_.path() / "missing").string()), std::string::npos) << w.error();
	EXPECT_NE(w.error().find("No such file"), std::string::npos) << w.error();
	std::filesystem::create_directory(dir_.path() / "missing");
	EXPECT_EQ(w.offer("a 1\n"), Result::Written); // a failure does not start the interval
	EXPECT_EQ(read(path), "a 1\n");
	EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_.path() / "missing"), {}), 1);
}

} // namespace
} // namespace metrics
