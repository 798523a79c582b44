// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/signal_set.hpp>

namespace restored::os {

// SIGTERM/SIGINT mean "shut down cleanly", SIGHUP means "reload the
// configuration" (daemon(7); systemd's ExecReload sends SIGHUP).
// Asio turns the signal into a normal completion, so the callbacks run on
// the daemon's single io_context thread like everything else.
// Owned by the daemon; call start/stop only from that thread.
class Signals
{
public:
	struct Callbacks {
		std::function<void(int signal)> terminate; // SIGTERM or SIGINT
		std::function<void()> reload;              // SIGHUP
	};

	Signals(boost::asio::any_io_executor ex, Callbacks callbacks);

	void start();
	void stop();

private:
	void wait();

	boost::asio::signal_set set_;
	Callbacks callbacks_;
};

} // namespace restored::os
