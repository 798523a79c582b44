// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/StateFlusher.h"

#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include "TempDir.h"
#include "daemon/os/JobEventLog.h"
#include "daemon/os/StateStore.h"

namespace os = restored::os;

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using restored::os::JobEventLog;
using restored::os::LogTarget;
using restored::os::StateFlusher;
using restored::os::StateStore;
using restored::test::TempDir;

namespace {

// A store with `n` records saved Deferred and noted for a group commit,
// none of them on disk under its own name yet.
struct Fixture {
	explicit Fixture(int n)
		: store(dir.path()),
		  logger(std::make_shared<spdlog::logger>("test",
							  std::make_shared<spdlog::sinks::ostream_sink_st>(log))),
		  events(os::LogTarget::Stderr, logger)
	{
		for (int i = 0; i < n; ++i) {
			ids.push_back("job-" + std::to_string(i));
			EXPECT_FALSE(
				store.save(ids.back(), boost::json::value(i), os::StateStore::Durability::Deferred));
			store.flushLater(ids.back());
		}
	}

	int visible() const
	{
		int count = 0;
		for (const auto &id : ids)
			count += fs::exists(dir.path() / os::StateStore::fileNameFor(id)) ? 1 : 0;
		return count;
	}

	TempDir dir;
	os::StateStore store;
	std::ostringstream log;
	std::shared_ptr<spdlog::logger> logger;
	os::JobEventLog events;
	std::vector<std::string> ids;
	boost::asio::io_context io;
};

} // namespace

TEST(StateFlusherTest, OutcomesAreFlushedInSlicesEachItsOwnLoopTurn)
{
	Fixture f(5);
	os::StateFlusher flusher(f.io.get_executor(), f.store, f.events, {0ms, 0ms, 2});
	flusher.eventually();
	EXPECT_EQ(f.visible(), 0); // never inside the call

	std::vector<int> afterEachHandler;
	while (f.io.run_one() > 0)
		afterEachHandler.push_back(f.visible());
	EXPECT_EQ(afterEachHandler, (std::vector<int>{2, 4, 5}));
	EXPECT_EQ(f.store.unflushedCount(), 0u);
	EXPECT_EQ(f.log.str(), "");
}

TEST(StateFlusherTest, MaxDelayBoundsTheWaitForAQuietPeriod)
{
	// A quiet period of an hour is never waited for: maxDelay (zero here)
	// caps the wait after the first outcome.
	Fixture f(3);
	os::StateFlusher flusher(f.io.get_executor(), f.store, f.events, {1h, 0ms, 32});
	flusher.eventually();
	flusher.eventually();
	ASSERT_EQ(f.io.run_one(), 1u);
	EXPECT_EQ(f.visible(), 3);
	EXPECT_EQ(f.io.run(), 0u); // nothing else was left pending
}

TEST(StateFlusherTest, TokensAreFlushedRightAfterTheCurrentHandler)
{
	Fixture f(3);
	os::StateFlusher flusher(f.io.get_executor(), f.store, f.events, {1h, 1h, 1});
	flusher.soon();
	flusher.soon(); // one flush serves the burst
	EXPECT_EQ(f.visible(), 0);
	ASSERT_EQ(f.io.run_one(), 1u);
	EXPECT_EQ(f.visible(), 3); // the whole group, whatever the slice size
	EXPECT_EQ(f.io.run(), 0u);
}

TEST(StateFlusherTest, FlushAllWritesEverythingAtOnceAndStopsTheBackgroundWork)
{
	Fixture f(4);
	os::StateFlusher flusher(f.io.get_executor(), f.store, f.events, {1h, 1h, 1});
	flusher.eventually();
	flusher.flushAll();
	EXPECT_EQ(f.visible(), 4);
	f.io.run(); // only the cancelled wait is left; it ends at once
	EXPECT_EQ(f.store.unflushedCount(), 0u);
}
