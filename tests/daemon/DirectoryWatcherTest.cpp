// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/DirectoryWatcher.h"

#include <cstdio>
#include <fstream>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "TempDir.h"

namespace os = restored::os;

namespace fs = std::filesystem;
using restored::os::DirectoryWatcher;
using restored::test::TempDir;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// One watcher on a fresh directory plus the changes it reported.
struct Fixture {
	TempDir dir;
	boost::asio::io_context io;
	std::vector<os::DirectoryWatcher::Change> changes;
	os::DirectoryWatcher watcher;

	explicit Fixture(std::chrono::milliseconds rescan = 0ms)
		: watcher(io.get_executor(), dir.path(), 50ms, rescan,
			  [this](const os::DirectoryWatcher::Change &c) { changes.push_back(c); })
	{
		watcher.start();
	}

	// Runs the loop until `count` callbacks have arrived, bounded.
	bool waitFor(std::size_t count, std::chrono::milliseconds limit = 5s)
	{
		auto deadline = Clock::now() + limit;
		while (changes.size() < count && Clock::now() < deadline) {
			io.restart();
			io.run_for(10ms);
		}
		return changes.size() >= count;
	}

	void write(const std::string &name, const std::string &text) { std::ofstream(dir.path() / name) << text; }
};

} // namespace

TEST(DirectoryWatcherTest, CreatedFileIsReported)
{
	Fixture f;
	f.write("nightly.yaml", "id: nightly\n");
	ASSERT_TRUE(f.waitFor(1));
	EXPECT_FALSE(f.changes[0].fullRescan);
	EXPECT_EQ(f.changes[0].names, std::set<std::string>{"nightly.yaml"});
}

TEST(DirectoryWatcherTest, ModifiedFileIsReported)
{
	Fixture f;
	f.write("a.yaml", "1");
	ASSERT_TRUE(f.waitFor(1));
	f.write("a.yaml", "2");
	ASSERT_TRUE(f.waitFor(2));
	EXPECT_EQ(f.changes[1].names, std::set<std::string>{"a.yaml"});
}

TEST(DirectoryWatcherTest, EditorWriteAndRenameIsOneChange)
{
	TempDir outside;
	Fixture f;
	// An editor writes a temp file next to the target and renames it over.
	f.write(".a.yaml.swp", "new");
	ASSERT_EQ(std::rename((f.dir.path() / ".a.yaml.swp").c_str(), (f.dir.path() / "a.yaml").c_str()), 0);
	// And a file moved in from elsewhere.
	std::ofstream(outside.path() / "b.yaml") << "b";
	ASSERT_EQ(std::rename((outside.path() / "b.yaml").c_str(), (f.dir.path() / "b.yaml").c_str()), 0);
	ASSERT_TRUE(f.waitFor(1));
	EXPECT_EQ(f.changes[0].names, (std::set<std::string>{".a.yaml.swp", "a.yaml", "b.yaml"}));
	// Nothing else trickles in afterwards: the burst was one callback.
	f.io.restart();
	f.io.run_for(150ms);
	EXPECT_EQ(f.changes.size(), 1u);
}

TEST(DirectoryWatcherTest, DeletedAndMovedOutFilesAreReported)
{
	TempDir outside;
	Fixture f;
	f.write("gone.yaml", "x");
	f.write("moved.yaml", "y");
	ASSERT_TRUE(f.waitFor(1));
	fs::remove(f.dir.path() / "gone.yaml");
	ASSERT_EQ(std::rename((f.dir.path() / "moved.yaml").c_str(), (outside.path() / "moved.yaml").c_str()), 0);
	ASSERT_TRUE(f.waitFor(2));
	EXPECT_EQ(f.changes[1].names, (std::set<std::string>{"gone.yaml", "moved.yaml"}));
}

TEST(DirectoryWatcherTest, DeletingTheDirectoryAsksForFullRescan)
{
	auto f = std::make_unique<Fixture>();
	fs::remove(f->dir.path());
	ASSERT_TRUE(f->waitFor(1));
	EXPECT_TRUE(f->changes[0].fullRescan);
	fs::create_directory(f->dir.path()); // for TempDir's cleanup
}

TEST(DirectoryWatcherTest, PeriodicRescanFires)
{
	Fixture f(30ms);
	ASSERT_TRUE(f.waitFor(2));
	EXPECT_TRUE(f.changes[0].fullRescan);
	EXPECT_TRUE(f.changes[1].fullRescan);
}

TEST(DirectoryWatcherTest, StopSilencesCallbacks)
{
	Fixture f;
	f.watcher.stop();
	f.write("late.yaml", "x");
	f.io.restart();
	f.io.run_for(200ms); // nothing is pending, so this returns at once
	EXPECT_TRUE(f.changes.empty());
}

TEST(DirectoryWatcherTest, MissingDirectoryThrowsAtStartup)
{
	boost::asio::io_context io;
	EXPECT_THROW(os::DirectoryWatcher(io.get_executor(), "/nonexistent/dbs-restored-jobs", 50ms, 0ms,
					  [](const os::DirectoryWatcher::Change &) {}),
		     std::system_error);
}

TEST(DirectoryWatcherTest, ReplacedDirectoryIsWatchedAgainAfterRescan)
{
	TempDir outside;
	// Long enough between rescans for the new write's debounce (50 ms) to
	// fire first: a rescan would otherwise absorb the name.
	Fixture f(500ms);
	// Config management swaps the whole directory.
	ASSERT_EQ(std::rename(f.dir.path().c_str(), (outside.path() / "old").c_str()), 0);
	fs::create_directory(f.dir.path());
	// The move is noticed (full rescan), then the periodic rescan re-watches.
	ASSERT_TRUE(f.waitFor(2));
	EXPECT_TRUE(f.changes[0].fullRescan);
	EXPECT_TRUE(f.changes[1].fullRescan);
	std::size_t before = f.changes.size();
	// Writes into the moved-away directory are no concern of ours.
	std::ofstream(outside.path() / "old" / "stale.yaml") << "x";
	f.write("fresh.yaml", "y");
	auto deadline = Clock::now() + 5s;
	bool seen = false;
	while (!seen && Clock::now() < deadline) {
		f.io.restart();
		f.io.run_for(10ms);
		for (std::size_t i = before; i < f.changes.size(); ++i) {
			EXPECT_EQ(f.changes[i].names.count("stale.yaml"), 0u);
			if (f.changes[i].names.count("fresh.yaml"))
				seen = true;
		}
	}
	EXPECT_TRUE(seen) << "fresh.yaml reported by inotify, not only by a rescan";
}
