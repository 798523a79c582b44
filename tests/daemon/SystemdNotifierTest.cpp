// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/SystemdNotifier.h"

#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "NotifySocket.h"

namespace os = restored::os;

using restored::os::SystemdNotifier;
using restored::test::NotifySocket;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(SystemdNotifierTest, SendsExactLifecycleDatagrams)
{
	NotifySocket sock;
	boost::asio::io_context io;
	os::SystemdNotifier n(io.get_executor());
	EXPECT_TRUE(n.ready());
	EXPECT_EQ(sock.tryReceive(), "READY=1");
	EXPECT_TRUE(n.stopping());
	EXPECT_EQ(sock.tryReceive(), "STOPPING=1");

	timespec before{};
	::clock_gettime(CLOCK_MONOTONIC, &before);
	EXPECT_TRUE(n.reloading());
	auto msg = sock.tryReceive();
	ASSERT_TRUE(msg);
	const std::string prefix = "RELOADING=1\nMONOTONIC_USEC=";
	ASSERT_EQ(msg->rfind(prefix, 0), 0u) << *msg;
	unsigned long long usec = std::stoull(msg->substr(prefix.size()));
	unsigned long long beforeUsec = static_cast<unsigned long long>(before.tv_sec) * 1000000ULL +
					static_cast<unsigned long long>(before.tv_nsec) / 1000ULL;
	EXPECT_GE(usec, beforeUsec);
	EXPECT_LT(usec, beforeUsec + 10'000'000ULL);
	EXPECT_FALSE(sock.tryReceive());
}

TEST(SystemdNotifierTest, NoSocketMeansNoOp)
{
	::unsetenv("NOTIFY_SOCKET");
	boost::asio::io_context io;
	os::SystemdNotifier n(io.get_executor());
	EXPECT_FALSE(n.ready());
}

TEST(SystemdNotifierTest, StatusIsRateLimitedLastOneWins)
{
	NotifySocket sock;
	boost::asio::io_context io;
	os::SystemdNotifier n(io.get_executor(), 250ms);
	auto start = Clock::now();
	n.status("1 running");
	EXPECT_EQ(sock.tryReceive(), "STATUS=1 running");
	n.status("2 running");
	n.status("3 running\nsecond line");
	EXPECT_FALSE(sock.tryReceive()) << "second status within the interval is held back";

	std::optional<std::string> later;
	auto deadline = Clock::now() + 5s;
	while (!later && Clock::now() < deadline) {
		io.restart();
		io.run_for(10ms);
		later = sock.tryReceive();
	}
	EXPECT_GE(Clock::now() - start, 250ms);
	EXPECT_EQ(later, "STATUS=3 running second line");
	EXPECT_FALSE(sock.tryReceive()) << "the superseded status is never sent";
}

TEST(SystemdNotifierTest, FlushStatusSendsPendingNow)
{
	NotifySocket sock;
	boost::asio::io_context io;
	os::SystemdNotifier n(io.get_executor(), 1h);
	n.status("a");
	n.status("b");
	EXPECT_EQ(sock.tryReceive(), "STATUS=a");
	n.flushStatus();
	EXPECT_EQ(sock.tryReceive(), "STATUS=b");
	n.flushStatus();
	EXPECT_FALSE(sock.tryReceive());
}
