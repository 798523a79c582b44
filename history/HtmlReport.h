// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "history/DrillRecord.h"

namespace history {

// `dbs-restored --report --format html`: the drill report to look at, for
// the people who sign off on recovery objectives. One self-contained UTF-8
// page: styles inline, charts as inline SVG (TrendChart.h), nothing to
// fetch and no script; its Content-Security-Policy forbids both, so the page
// cannot start doing either unnoticed. Per job, in job id order: a summary,
// the restore-time trend against the RTO objective, and a table of the
// runs, newest first, with outcome, verification and the backup set's age.
// runs are what runsSince() returns; every user string is escaped
// (HtmlEscape.h). The stable ids, classes and data attributes are in
// docs/operations.md ("HTML report"). Pure.
std::string formatHtml(const std::vector<DrillRecord> &runs, std::int64_t sinceMs, std::int64_t nowMs);

} // namespace history
