// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <functional>

#include "daemon/RequestFactory.h"

namespace history {
class HistoryStore;
}

namespace statemachine {
class RandomSource;
}

namespace restored {

class ApiRateLimiter;
class Job;
class RegionRoutes;
namespace os {
class Clock;
class JobEventLog;
class StateFlusher;
class StateStore;
} // namespace os

// What a Job needs from the daemon around it. Owned by the Daemon, which
// outlives every Job; used only on the daemon's io_context thread.
struct JobServices {
	boost::asio::any_io_executor executor;
	RegionRoutes &routes; // the DBS client and pollers of a job's region
	ApiRateLimiter &limiter;
	os::StateStore &store;
	os::StateFlusher &flusher;
	os::JobEventLog &events;
	statemachine::RandomSource &random;
	SecretReader readSecret;
	os::Clock &clock;                         // the time, and alarms
	std::function<void(Job &)> onRunFinished; // after the terminal state is persisted
	std::function<void()> onChange;           // something a status report shows changed
	history::HistoryStore &history;           // the drill history in the state directory
};

} // namespace restored
