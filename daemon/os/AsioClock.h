// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>

#include <boost/asio/any_io_executor.hpp>

#include "daemon/os/Clock.h"

namespace restored::os {

// The daemon's Clock: the system clocks, and alarms on asio steady timers
// of one executor.
//
// Owned by the Daemon; used only on its io_context thread.
class AsioClock final : public Clock
{
public:
	// wallMs: the wall clock; by default the system clock (a test of a
	// timer's asio side may inject one).
	explicit AsioClock(boost::asio::any_io_executor ex, std::function<std::int64_t()> wallMs = {});

	std::int64_t wallMs() const override;
	std::int64_t steadyMs() const override;
	std::unique_ptr<Alarm> makeAlarm() override;

private:
	boost::asio::any_io_executor ex_;
	std::function<std::int64_t()> wallMs_;
};

} // namespace restored::os
