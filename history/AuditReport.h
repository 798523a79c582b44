// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "history/DrillRecord.h"

namespace history {

// `dbs-restored --report`: one row per drill run, for audit evidence. The
// columns, their order and their meaning are documented in
// docs/operations.md ("Audit report") and never change meaning; new ones
// are only ever added at the end. Times are RFC 3339 UTC, durations whole
// seconds, an unknown value is empty (CSV) or null (JSON). Pure.

// The column names, in order.
const std::vector<std::string_view> &reportColumns();

// The runs that started at or after sinceMs, oldest first (ties: by job id, then run id).
std::vector<DrillRecord> runsSince(std::vector<DrillRecord> records, std::int64_t sinceMs);

// RFC 4180 CSV: a header line of the column names, then one line per run,
// each line ending in "\n"; a field with a comma, quote or line break is
// quoted, its quotes doubled.
std::string formatCsv(const std::vector<DrillRecord> &runs);

// {"schema": "dbs-restored-report/1", "generated_at": ..., "since": ...,
//  "columns": [...], "runs": [{<column>: <value>, ...}, ...]}.
std::string formatJson(const std::vector<DrillRecord> &runs, std::int64_t sinceMs, std::int64_t nowMs);

} // namespace history
