// SPDX-License-Identifier: Apache-2.0
#include "daemon/ApiRateLimiter.h"

#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

using restored::ApiRateLimiter;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Runs the loop until `done` or the deadline; never sleeps by itself.
template<typename Pred>
bool runUntil(boost::asio::io_context &io, Pred done, std::chrono::milliseconds limit = 5s)
{
	auto deadline = Clock::now() + limit;
	while (!done() && Clock::now() < deadline) {
		io.restart();
		io.run_for(20ms);
	}
	return done();
}

} // namespace

TEST(ApiRateLimiterTest, RunsSendsInOrderWithinRate)
{
	boost::asio::io_context io;
	const double rate = 20.0, burst = 3.0;
	ApiRateLimiter limiter(io.get_executor(), rate, burst);
	auto start = Clock::now();
	std::vector<int> order;
	std::vector<Clock::time_point> when;
	const int n = 10;
	for (int i = 0; i < n; ++i) {
		limiter.submit([&, i] {
			order.push_back(i);
			when.push_back(Clock::now());
		});
	}
	EXPECT_EQ(limiter.queueLength(), static_cast<std::size_t>(n));
	EXPECT_TRUE(order.empty()) << "submit never runs a send inline";

	ASSERT_TRUE(runUntil(io, [&] { return order.size() == n; }));
	EXPECT_EQ(limiter.queueLength(), 0u);
	for (int i = 0; i < n; ++i) {
		EXPECT_EQ(order[i], i);
	}
	// No more than burst + rate*t sends by any time t.
	for (int k = 0; k < n; ++k) {
		double t = std::chrono::duration<double>(when[k] - start).count();
		EXPECT_LE(k + 1, burst + rate * t + 1e-6) << "send " << k << " at " << t << " s";
	}
	// And it is not needlessly slow: the last one is due at (n-burst)/rate.
	double last = std::chrono::duration<double>(when.back() - start).count();
	EXPECT_GE(last, (n - burst) / rate - 0.001);
	EXPECT_LT(last, (n - burst) / rate + 2.0);
}

TEST(ApiRateLimiterTest, QueueLengthShrinksAsSendsStart)
{
	boost::asio::io_context io;
	ApiRateLimiter limiter(io.get_executor(), 10.0, 1.0);
	int ran = 0;
	for (int i = 0; i < 3; ++i)
		limiter.submit([&] { ++ran; });
	ASSERT_TRUE(runUntil(io, [&] { return ran >= 1; }));
	EXPECT_EQ(limiter.queueLength(), static_cast<std::size_t>(3 - ran));
	ASSERT_TRUE(runUntil(io, [&] { return ran == 3; }));
	EXPECT_EQ(limiter.queueLength(), 0u);
}

TEST(ApiRateLimiterTest, SendSubmittingAnotherKeepsFifo)
{
	boost::asio::io_context io;
	ApiRateLimiter limiter(io.get_executor(), 100.0, 5.0);
	std::vector<std::string> order;
	limiter.submit([&] {
		order.push_back("a");
		limiter.submit([&] { order.push_back("a-retry"); });
	});
	limiter.submit([&] { order.push_back("b"); });
	ASSERT_TRUE(runUntil(io, [&] { return order.size() == 3; }));
	EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "a-retry"}));
}

TEST(ApiRateLimiterTest, ClearDropsPendingSends)
{
	boost::asio::io_context io;
	ApiRateLimiter limiter(io.get_executor(), 1.0, 1.0);
	int ran = 0;
	for (int i = 0; i < 3; ++i)
		limiter.submit([&] { ++ran; });
	ASSERT_TRUE(runUntil(io, [&] { return ran == 1; }));
	limiter.clear();
	EXPECT_EQ(limiter.queueLength(), 0u);
	io.restart();
	io.run_for(50ms); // the loop has nothing left to do and returns at once
	EXPECT_EQ(ran, 1);
	EXPECT_TRUE(io.stopped());
}

TEST(ApiRateLimiterTest, SetRateAppliesToQueuedSends)
{
	boost::asio::io_context io;
	// So slow that the queued sends would wait an hour each.
	ApiRateLimiter limiter(io.get_executor(), 1.0 / 3600, 1.0);
	std::vector<int> order;
	for (int i = 0; i < 4; ++i)
		limiter.submit([&, i] { order.push_back(i); });
	ASSERT_TRUE(runUntil(io, [&] { return order.size() == 1; }));
	limiter.setRate(100.0, 5.0);
	ASSERT_TRUE(runUntil(io, [&] { return order.size() == 4; }, 2s));
	EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}
