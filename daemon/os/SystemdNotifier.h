// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace restored::os {

// Talks to systemd through $NOTIFY_SOCKET (sd_notify(3)); every call is a
// no-op when the daemon does not run under a Type=notify unit.
//
// STATUS= lines are rate-limited (at most one per minStatusInterval, last
// one wins) because the daemon updates its status on every job event and
// systemd need not see each of them.
//
// Owned by the daemon; called only from its single io_context thread.
class SystemdNotifier
{
public:
	explicit SystemdNotifier(boost::asio::any_io_executor ex,
				 std::chrono::milliseconds minStatusInterval = std::chrono::seconds(1));

	// Each returns true when a datagram was sent.
	bool ready();
	// RELOADING=1 with MONOTONIC_USEC= (systemd >= 253 wants it; older ones ignore it).
	bool reloading();
	bool stopping();
	// Sends now, or later (the newest text) when one was sent too recently.
	void status(std::string text);
	// Sends a pending rate-limited status immediately (before stopping).
	void flushStatus();

	// Sends one raw notification; for fields without a method.
	static bool notify(std::string_view state);

private:
	void sendStatus(const std::string &text);

	boost::asio::steady_timer timer_;
	std::chrono::milliseconds minInterval_;
	std::optional<std::chrono::steady_clock::time_point> lastStatus_;
	std::optional<std::string> pendingStatus_;
	bool timerArmed_ = false;
};

} // namespace restored::os
