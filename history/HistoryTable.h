// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "history/DrillRecord.h"
#include "history/HistorySummary.h"

namespace history {

// The text `dbs-restored --history` prints: one line per job with its last
// outcome, when it was last verified, its p50 and max restore time and how
// often it met its RTO objective. Columns are aligned; "-" stands for
// "unknown". Pure.
std::string formatHistoryTable(const std::vector<JobSummary> &jobs);

// One job's runs, newest first, at most maxRows of them, for `--history JOB`.
std::string formatRunTable(std::vector<DrillRecord> runs, std::size_t maxRows);

} // namespace history
