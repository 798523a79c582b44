// SPDX-License-Identifier: Apache-2.0
#include "daemon/DeadlineTimer.h"

#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "daemon/os/AsioClock.h"

using restored::DeadlineTimer;
using restored::TimerSlot;

namespace {

// Deadlines are set in the past of an injected wall clock, so each one is
// due at once: nothing here waits on the real clock.
struct Fixture {
	boost::asio::io_context io;
	std::int64_t now = 10'000;
	restored::os::AsioClock clock{io.get_executor(), [this] { return now; }};
	std::vector<TimerSlot> fired;

	std::unique_ptr<DeadlineTimer> make(DeadlineTimer::Due due = {})
	{
		if (!due)
			due = [this](TimerSlot slot) { fired.push_back(slot); };
		return std::make_unique<DeadlineTimer>(clock, due);
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
	t->set(TimerSlot::Deadline, 9'000);
	t->set(TimerSlot::Retry, 8'000);
	t->set(TimerSlot::Stall, 9'500);
	t->set(TimerSlot::Stall, 9'700); // replaces, never fires twice
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<TimerSlot>{TimerSlot::Retry, TimerSlot::Deadline, TimerSlot::Stall}));
	EXPECT_EQ(f.io.run(), 0u) << "nothing left to wait for";
}

TEST(DeadlineTimer, AFutureDeadlineWaitsAndCancellingItLeavesNoWork)
{
	Fixture f;
	auto t = f.make();
	t->set(TimerSlot::Poll, f.now + 3'600'000);
	t->set(TimerSlot::Repoll, 9'000);
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<TimerSlot>{TimerSlot::Repoll}));
	t->cancel(TimerSlot::Poll);
	EXPECT_EQ(f.io.run(), 1u) << "only the aborted wait is left, and it ends at once";
	EXPECT_EQ(f.fired, (std::vector<TimerSlot>{TimerSlot::Repoll}));
}

TEST(DeadlineTimer, AHandlerMaySetTheNextDeadline)
{
	Fixture f;
	std::unique_ptr<DeadlineTimer> t;
	t = f.make([&](TimerSlot slot) {
		f.fired.push_back(slot);
		if (slot == TimerSlot::Retry)
			t->set(TimerSlot::Poll, 9'999);
	});
	t->set(TimerSlot::Retry, 9'000);
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<TimerSlot>{TimerSlot::Retry, TimerSlot::Poll}));
}

TEST(DeadlineTimer, NothingFiresAfterTheTimerIsGone)
{
	Fixture f;
	{
		auto t = f.make();
		t->set(TimerSlot::Retry, 9'000);
	}
	f.settle();
	EXPECT_TRUE(f.fired.empty());

	// A handler that ends its owner's life stops the round of due slots.
	std::unique_ptr<DeadlineTimer> t;
	t = f.make([&](TimerSlot slot) {
		f.fired.push_back(slot);
		t.reset();
	});
	t->set(TimerSlot::Retry, 9'000);
	t->set(TimerSlot::Poll, 9'100);
	f.settle();
	EXPECT_EQ(f.fired, (std::vector<TimerSlot>{TimerSlot::Retry}));
}
