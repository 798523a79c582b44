// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace restored::os {

// Sends WATCHDOG=1 at half of systemd's WatchdogSec= interval.
// The pings come from a timer on the daemon's own io_context, not from a
// side thread, so they stop when the event loop wedges and systemd then
// restarts the daemon, which is the point of the watchdog.
// Owned by the daemon; start/stop only from its io_context thread.
class Watchdog
{
public:
	explicit Watchdog(boost::asio::any_io_executor ex);

	// Reads $WATCHDOG_USEC/$WATCHDOG_PID (sd_watchdog_enabled(3)); returns
	// false, and does nothing, when no watchdog is configured for us.
	bool start();
	void stop();

	bool enabled() const { return interval_.count() > 0; }
	// The ping interval (half the watchdog timeout); zero when disabled.
	std::chrono::microseconds interval() const { return interval_; }

private:
	void ping();

	boost::asio::steady_timer timer_;
	std::chrono::microseconds interval_{0};
};

} // namespace restored::os
