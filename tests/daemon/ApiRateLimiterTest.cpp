// SPDX-License-Identifier: Apache-2.0
#include "daemon/ApiRateLimiter.h"

#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "ManualClock.h"

using restored::ApiRateLimiter;
using restored::test::ManualClock;
using namespace std::chrono_literals;

namespace {

// Time moves only by hand: each send's moment is exact.
struct Fixture {
	boost::asio::io_context io;
	ManualClock clock{io};
	std::int64_t start = clock.steadyMs();

	std::int64_t elapsedMs() const { return clock.steadyMs() - start; }
};

} // namespace

TEST(ApiRateLimiterTest, RunsSendsInOrderWithinRate)
{
	Fixture f;
	const double rate = 20.0, burst = 3.0;
	ApiRateLimiter limiter(f.clock, rate, burst);
	std::vector<int> order;
	std::vector<std::int64_t> when;
	const int n = 10;
	for (int i = 0; i < n; ++i) {
		limiter.submit([&, i] {
			order.push_back(i);
			when.push_back(f.elapsedMs());
		});
	}
	EXPECT_EQ(limiter.queueLength(), static_cast<std::size_t>(n));
	EXPECT_TRUE(order.empty()) << "submit never runs a send inline";

	f.clock.advance(10s);
	ASSERT_EQ(order.size(), static_cast<std::size_t>(n));
	EXPECT_EQ(limiter.queueLength(), 0u);
	for (int i = 0; i < n; ++i) {
		EXPECT_EQ(order[i], i);
	}
	// No more than burst + rate*t sends by any time t.
	for (int k = 0; k < n; ++k) {
		double t = when[k] / 1000.0;
		EXPECT_LE(k + 1, burst + rate * t + 1e-6) << "send " << k << " at " << t << " s";
	}
	// And not needlessly slow: the burst at once, then one every 1/rate.
	EXPECT_EQ(when, (std::vector<std::int64_t>{0, 0, 0, 50, 100, 150, 200, 250, 300, 350}));
}

TEST(ApiRateLimiterTest, QueueLengthShrinksAsSendsStart)
{
	Fixture f;
	ApiRateLimiter limiter(f.clock, 10.0, 1.0);
	int ran = 0;
	for (int i = 0; i < 3; ++i)
		limiter.submit([&] { ++ran; });
	f.clock.settle();
	EXPECT_EQ(ran, 1);
	EXPECT_EQ(limiter.queueLength(), 2u);
	f.clock.advance(100ms);
	EXPECT_EQ(ran, 2);
	EXPECT_EQ(limiter.queueLength(), 1u);
	f.clock.advance(100ms);
	EXPECT_EQ(ran, 3);
	EXPECT_EQ(limiter.queueLength(), 0u);
}

TEST(ApiRateLimiterTest, SendSubmittingAnotherKeepsFifo)
{
	Fixture f;
	ApiRateLimiter limiter(f.clock, 100.0, 5.0);
	std::vector<std::string> order;
	limiter.submit([&] {
		order.push_back("a");
		limiter.submit([&] { order.push_back("a-retry"); });
	});
	limiter.submit([&] { order.push_back("b"); });
	f.clock.advance(1s);
	EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "a-retry"}));
}

TEST(ApiRateLimiterTest, ClearDropsPendingSends)
{
	Fixture f;
	ApiRateLimiter limiter(f.clock, 1.0, 1.0);
	int ran = 0;
	for (int i = 0; i < 3; ++i)
		limiter.submit([&] { ++ran; });
	f.clock.settle();
	ASSERT_EQ(ran, 1);
	limiter.clear();
	EXPECT_EQ(limiter.queueLength(), 0u);
	EXPECT_EQ(f.clock.armedAlarms(), 0u) << "nothing left to wait for";
	f.clock.advance(1h);
	EXPECT_EQ(ran, 1);
}

TEST(ApiRateLimiterTest, SetRateAppliesToQueuedSends)
{
	Fixture f;
	// So slow that the queued sends would wait an hour each.
	ApiRateLimiter limiter(f.clock, 1.0 / 3600, 1.0);
	std::vector<int> order;
	for (int i = 0; i < 4; ++i)
		limiter.submit([&, i] { order.push_back(i); });
	f.clock.settle();
	ASSERT_EQ(order.size(), 1u);
	limiter.setRate(100.0, 5.0);
	f.clock.settle();
	EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3})) << "the new bucket starts full";
}
