// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/Watchdog.h"

#include <cstdint>

#include <systemd/sd-daemon.h>

namespace restored::os {

Watchdog::Watchdog(boost::asio::any_io_executor ex) : timer_(std::move(ex)) {}

bool Watchdog::start()
{
	std::uint64_t usec = 0;
	if (::sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
		interval_ = std::chrono::microseconds(0);
		return false;
	}
	interval_ = std::chrono::microseconds(usec / 2);
	ping();
	return true;
}

void Watchdog::stop()
{
	timer_.cancel();
	interval_ = std::chrono::microseconds(0);
}

void Watchdog::ping()
{
	::sd_notify(0, "WATCHDOG=1");
	timer_.expires_after(interval_);
	timer_.async_wait([this](boost::system::error_code ec) {
		if (ec)
			return; // stopped or destroyed: `this` may be gone
		ping();
	});
}

} // namespace restored::os
