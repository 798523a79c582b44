// SPDX-License-Identifier: Apache-2.0
#include "daemon/DeadlineTimer.h"

#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

using restored::DeadlineTimer;

namespace {

// Deadlines are set in the past of an injected wall clock, so each one is
// due at once: nothing here waits on the real clock.
struct Fixture {
	boost::asio::io_context io;
	std::int64_t now = 10'000;
	std::vector<std::size_t> fired;

	std::unique_ptr<DeadlineTimer> make(DeadlineTimer::Due due = {})
	{
		if (!due)
			due = [this](std::size_t slot) { fired.push_back(slot); };
		return std::make_unique<DeadlineTimer>(io.get_executor(), [this] { return now; }, due);
	}
	// Runs what is ready; a bounded number of turns.
	void settle()
	{
		for (int i = 0; i < 10 && io.poll() > 0; ++i)
			io.restart();
		io.restart();
	}
};

} // namespace

TEST(DeadlineTimer, DueSlotsFireEarliestFirstAndOnce)
{
	Fixture f;
	auto t = f.make();
	t->set(2, 9'000);
	t->set(0, 8'000);
	t->set(3, 9'500);
	t->set(3, 9'700); // replaces, never fires twice
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<std::size_t>{0, 2, 3}));
	EXPECT_EQ(f.io.run(), 0u) << "nothing left to wait for";
}

TEST(DeadlineTimer, AFutureDeadlineWaitsAndCancellingItLeavesNoWork)
{
	Fixture f;
	auto t = f.make();
	t->set(1, f.now + 3'600'000);
	t->set(4, 9'000);
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<std::size_t>{4}));
	t->cancel(1);
	EXPECT_EQ(f.io.run(), 1u) << "only the aborted wait is left, and it ends at once";
	EXPECT_EQ(f.fired, (std::vector<std::size_t>{4}));
}

TEST(DeadlineTimer, AHandlerMaySetTheNextDeadline)
{
	Fixture f;
	std::unique_ptr<DeadlineTimer> t;
	t = f.make([&](std::size_t slot) {
		f.fired.push_back(slot);
		if (slot == 0)
			t->set(1, 9'999);
	});
	t->set(0, 9'000);
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<std::size_t>{0, 1}));
}

TEST(DeadlineTimer, NothingFiresAfterTheTimerIsGone)
{
	Fixture f;
	{
		auto t = f.make();
		t->set(0, 9'000);
	}
	f.settle();
	EXPECT_TRUE(f.fired.empty());

	// A handler that ends its owner's life stops the round of due slots.
	std::unique_ptr<DeadlineTimer> t;
	t = f.make([&](std::size_t slot) {
		f.fired.push_back(slot);
		t.reset();
	});
	t->set(0, 9'000);
	t->set(1, 9'100);
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<std::size_t>{0}));
}
