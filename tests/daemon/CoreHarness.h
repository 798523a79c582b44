// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "FakeDbsApi.h"
#include "ManualClock.h"
#include "TempDir.h"
#include "daemon/ApiRateLimiter.h"
#include "daemon/Job.h"
#include "daemon/JobRecord.h"
#include "daemon/JobServices.h"
#include "daemon/RegionRoutes.h"
#include "daemon/os/JobEventLog.h"
#include "daemon/os/StateFlusher.h"
#include "daemon/os/StateStore.h"
#include "history/HistoryStore.h"
#include "statemachine/SeededRandom.h"

namespace restored::test {

// The daemon core as Daemon wires it, minus the OS edge: a real state
// directory (a temp dir), real StateFlusher, rate limiter, pollers and
// event log, with a FakeDbsApi per region and a ManualClock, so a test runs
// Jobs and a JobTable without sockets or the real clock. Declare it before
// the Jobs or the JobTable under test.
//
// Owned by one test; single-threaded.
class CoreHarness
{
public:
	CoreHarness();
	~CoreHarness();

	boost::asio::io_context io;
	ManualClock clock{io};
	TempDir dir;
	os::StateStore store{dir.path()};
	history::HistoryStore history{dir.path()};
	std::ostringstream log;
	os::JobEventLog events;
	os::StateFlusher flusher{io.get_executor(), store, events, os::StateFlusher::Timing{}};
	ApiRateLimiter limiter{clock, 1000, 1000};
	std::map<std::string, FakeDbsApi *> dbsOf; // by region, as routed
	RegionRoutes routes;
	statemachine::SeededRandom random{20261130};
	JobServices services;

	// The main config's region, and its DBS.
	FakeDbsApi &dbs() { return *dbsOf.at(defaultRegion); }
	static constexpr const char *defaultRegion = "cn-hangzhou";

	// Called for each run that ends, after the harness noted it.
	std::function<void(Job &)> onRunFinished;
	std::vector<std::string> finishedRuns; // job ids, in order

	// The event log's lines of this kind ("job_queued", ...).
	std::vector<std::string> eventLines(const std::string &kind) const;
	// The job's state record as it is on disk now, if it is there and
	// readable.
	std::optional<JobRecord> recordOnDisk(const std::string &jobId) const;
};

} // namespace restored::test
