// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "history/DrillRecord.h"

namespace history {

// What `--history` says about one job's drills.
struct JobSummary {
	std::string jobId;
	std::size_t runs = 0;
	DrillRecord last;                           // the run that finished last
	std::optional<std::int64_t> lastVerifiedMs; // when the last verified run finished
	std::optional<std::int64_t> p50RestoreMs;   // median restore duration (nearest rank)
	std::optional<std::int64_t> maxRestoreMs;
	std::size_t rtoMet = 0;      // runs that met their objective
	std::size_t rtoMeasured = 0; // runs with an objective and a finished restore
};

// One summary per job, in job id order. Pure.
std::vector<JobSummary> summarize(const std::vector<DrillRecord> &records);

// How often the job met its objective, "1/2 (50%)"; "-" when no run was measured.
std::string rtoMetRatio(const JobSummary &s);

} // namespace history
