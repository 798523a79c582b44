// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/Signals.h"

#include <algorithm>
#include <csignal>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

using restored::os::Signals;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(SignalsTest, DeliversTerminateAndReloadOnTheLoop)
{
	boost::asio::io_context io;
	int reloads = 0;
	std::vector<int> terms;
	restored::os::Signals s(io.get_executor(), {[&](int sig) { terms.push_back(sig); }, [&] { ++reloads; }});
	s.start();
	::raise(SIGHUP);
	EXPECT_EQ(reloads, 0) << "callbacks run from the loop, not the signal handler";
	::raise(SIGTERM);
	::raise(SIGINT);
	auto deadline = Clock::now() + 5s;
	while ((reloads < 1 || terms.size() < 2) && Clock::now() < deadline) {
		io.restart();
		io.run_for(10ms);
	}
	EXPECT_EQ(reloads, 1);
	// Asio reports pending signals in signal-number order, not arrival order.
	std::sort(terms.begin(), terms.end());
	EXPECT_EQ(terms, (std::vector<int>{SIGINT, SIGTERM}));
	s.stop();
}
