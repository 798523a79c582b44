// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace restored {

// How many jobs are where, for sd_notify STATUS= and status.json.
struct StatusCounts {
	int running = 0;
	int paused = 0;
	int queued = 0;
	int idle = 0; // waiting for their schedule or a changed definition
	int succeeded = 0;
	int failed = 0;
	int cancelled = 0;
	int invalidFiles = 0;
	std::size_t apiQueued = 0; // calls held back by the client-side rate limit
};

// One job's line in status.json: where it is now.
struct JobStatus {
	std::string jobId;
	std::string phase;   // queued|running|idle|finished
	std::string state;   // the machine state, when a run exists
	std::string outcome; // of the current or last run
	std::string step;    // "2/2 restore"
	std::string restoreTaskId;
	std::array<int, 4> progress{};
	std::int64_t startedAtMs = 0;
	std::int64_t finishedAtMs = 0;
	std::string reason;
	std::string sourceFile;
};

// "3 running (1 paused), 2 queued, 10 succeeded, 1 failed, 0 cancelled, 1 invalid file;
//  0 API calls queued"
std::string statusLine(const StatusCounts &c);

// {"counts": {...}, "jobs": [...]} for $STATE_DIRECTORY/status.json.
boost::json::value statusJson(const StatusCounts &c, const std::vector<JobStatus> &jobs, std::int64_t nowMs);

// Calls its argument once per job, in report order.
using JobStatusVisitor = std::function<void(const JobStatus &)>;
using ForEachJobStatus = std::function<void(const JobStatusVisitor &)>;
// The same document, written job by job as `forEachJob` produces them: a
// report of 10,000 jobs never holds its JSON tree, nor a list of 10,000
// JobStatus values (each was in turn the daemon's largest transient
// allocation; bench/RESULTS.md).
void writeStatusJson(std::ostream &out, const StatusCounts &c, const ForEachJobStatus &forEachJob, std::int64_t nowMs);
void writeStatusJson(std::ostream &out, const StatusCounts &c, const std::vector<JobStatus> &jobs, std::int64_t nowMs);

} // namespace restored
