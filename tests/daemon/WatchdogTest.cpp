// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/Watchdog.h"

#include <string>

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "NotifySocket.h"

namespace os = restored::os;

using restored::os::Watchdog;
using restored::test::NotifySocket;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// What systemd sets for a unit with WatchdogSec=; unset on destruction.
struct WatchdogEnv {
	WatchdogEnv(const std::string &usec, pid_t pid)
	{
		::setenv("WATCHDOG_USEC", usec.c_str(), 1);
		::setenv("WATCHDOG_PID", std::to_string(pid).c_str(), 1);
	}
	~WatchdogEnv()
	{
		::unsetenv("WATCHDOG_USEC");
		::unsetenv("WATCHDOG_PID");
	}
};

} // namespace

TEST(WatchdogTest, PingsAtHalfTheIntervalFromTheLoop)
{
	NotifySocket sock;
	WatchdogEnv env("200000", ::getpid());
	boost::asio::io_context io;
	os::Watchdog w(io.get_executor());
	auto start = Clock::now();
	ASSERT_TRUE(w.start());
	EXPECT_EQ(w.interval(), 100ms);
	EXPECT_EQ(sock.tryReceive(), "WATCHDOG=1") << "first ping at start";

	// Only the running loop produces further pings.
	EXPECT_FALSE(sock.tryReceive());
	int pings = 0;
	auto deadline = Clock::now() + 5s;
	while (pings < 2 && Clock::now() < deadline) {
		io.restart();
		io.run_for(10ms);
		while (auto m = sock.tryReceive()) {
			EXPECT_EQ(*m, "WATCHDOG=1");
			++pings;
		}
	}
	EXPECT_EQ(pings, 2);
	EXPECT_GE(Clock::now() - start, 200ms);

	w.stop();
	EXPECT_FALSE(w.enabled());
	io.restart();
	io.run_for(10ms);
	EXPECT_TRUE(io.stopped()) << "no timer left after stop";
}

TEST(WatchdogTest, DisabledForAnotherPid)
{
	NotifySocket sock;
	WatchdogEnv env("200000", ::getpid() + 1);
	boost::asio::io_context io;
	os::Watchdog w(io.get_executor());
	EXPECT_FALSE(w.start());
	EXPECT_FALSE(w.enabled());
	EXPECT_FALSE(sock.tryReceive());
}

TEST(WatchdogTest, DisabledWithoutWatchdogUsec)
{
	NotifySocket sock;
	boost::asio::io_context io;
	os::Watchdog w(io.get_executor());
	EXPECT_FALSE(w.start());
	EXPECT_FALSE(sock.tryReceive());
}
