// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "daemon/ScheduleCache.h"
#include "dbs/DbsClient.h"
#include "metrics/ApiCounters.h"
#include "metrics/RunTally.h"

namespace restored {

class Job;
class JobTable;

// What the daemon knows for its metrics and the job table does not: API
// requests and their times (from each DbsClient's onRequestDone), runs per
// outcome since start, and the last success, verification and restore
// time of each job (seeded from the drill history at start, so that a
// restart does not forget them); and the rendering of the whole exposition from the
// job table at scrape time, so a scrape always shows the table as it is
// between two events.
//
// Owned by the Daemon, which outlives every DbsClient it observes; used
// only on the daemon's io_context thread.
class MetricsSource
{
public:
	using Clock = std::function<std::chrono::system_clock::time_point()>;

	explicit MetricsSource(std::string version, Clock now = std::chrono::system_clock::now);

	// Client options that report every request sent to these counters.
	dbs::DbsClientOptions observed(dbs::DbsClientOptions options);
	// A run just ended (before the table reacts to it).
	void runFinished(const Job &job);
	// Before the first scrape: what the drill history in the state
	// directory says of each job's last runs. Reads only the newest
	// historyTailBytes of each file, so a start with thousands of jobs and
	// a year of history each stays quick; a last success or verification
	// older than that tail (about a hundred runs) stays 0 until the next.
	// Returns the number of jobs seeded.
	std::size_t seedFromHistory(const std::filesystem::path &stateDir);
	static constexpr std::size_t historyTailBytes = 64 * 1024;

	// The exposition now; without the process_* families for the textfile.
	std::string render(const JobTable &table, std::size_t apiQueued, std::uint64_t stateWriteErrors,
			   bool withProcess);

	const metrics::ApiCounters &api() const { return api_; }
	const metrics::RunTally &tally() const { return tally_; }

private:
	std::string version_;
	Clock now_;
	metrics::ApiCounters api_;
	metrics::RunTally tally_;
	ScheduleCache schedules_;
	std::size_t lastJobCount_ = 0; // to size the next scrape's snapshots at once
};

} // namespace restored
