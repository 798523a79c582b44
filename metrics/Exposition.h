// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "metrics/JobSnapshot.h"

namespace metrics {

class ApiCounters;
struct ProcessStats;

// Everything one exposition shows, gathered by the daemon at scrape time
// (daemon/MetricsSource.h). Views: valid while the exposition is written.
struct MetricsInput {
	std::string_view version;
	// Null leaves the process_* families out: the textfile does, because
	// node_exporter exports its own process_* and would refuse ours.
	const ProcessStats *process = nullptr;
	std::span<const JobSnapshot> jobs; // in job id order
	int invalidJobFiles = 0;
	std::size_t apiQueued = 0;
	std::uint64_t stateWriteErrors = 0;
	const ApiCounters *api = nullptr; // null: no API series (never, in the daemon)
};

// The whole text exposition (format 0.0.4) of dbs-restored: the families
// of daemonRegistry() in its order. Every series a job can have is
// written from the moment the job is in `jobs`, at 0 until it means
// something; a job no longer in `jobs` has no series. Pure: the same input
// gives the same bytes.
std::string exposition(const MetricsInput &in);

} // namespace metrics
