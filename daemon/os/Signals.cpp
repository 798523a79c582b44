// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/Signals.h"

#include <csignal>

namespace restored::os {

Signals::Signals(boost::asio::any_io_executor ex, Callbacks callbacks)
	: set_(ex, SIGTERM, SIGINT, SIGHUP), callbacks_(std::move(callbacks))
{}

void Signals::start() { wait(); }

void Signals::stop()
{
	boost::system::error_code ignored;
	set_.cancel(ignored);
}

void Signals::wait()
{
	set_.async_wait([this](boost::system::error_code ec, int signal) {
		if (ec)
			return; // cancelled or destroyed: `this` may be gone
		// Re-arm first, so a second SIGTERM during shutdown is still seen.
		wait();
		if (signal == SIGHUP) {
			if (callbacks_.reload)
				callbacks_.reload();
		} else if (callbacks_.terminate) {
			callbacks_.terminate(signal);
		}
	});
}

} // namespace restored::os
