// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "history/DrillRecord.h"

namespace history {

// One job's restore-duration trend as an inline <svg> element for the HTML
// report: restore time up, start time across, oldest run left. Pure.
//
// The elements carry stable classes and data attributes, documented in
// docs/operations.md ("HTML report"), so that a test (or a reader's own
// tooling) can count them in the DOM:
//   <svg class="trend" data-job=J data-runs=N data-points=P>
//   <circle class="run-point STATUS [rto-missed]" data-job data-run
//           data-restore-s data-rto-met>   one per run with a restore time
//   <path class="run-gap STATUS" data-job data-run>
//           one per run without (its restore never finished), a cross on the time axis
//   <polyline class="trend-line">          joining the points, oldest first
//   <line class="rto-line" data-rto-s=S>   only when the newest run has an
//           objective: a job's objective is what it is configured with now
// STATUS is statusClass(). Every point has a <title>, the browser's tooltip.
std::string trendChartSvg(std::string_view jobId, std::vector<DrillRecord> runs);

} // namespace history
