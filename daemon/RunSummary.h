// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "daemon/StatusReport.h"

namespace restored {

// The table `--once` prints at the end: job, steps, restore task id,
// duration and outcome, one job per line. Pure.
std::string formatRunSummary(const std::vector<JobStatus> &jobs);

} // namespace restored
