// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "history/DrillRecord.h"

namespace history {

// How much drill history is kept per job (docs/operations.md, "Drill
// history"): at most maxRecords runs, none that finished more than maxAge
// ago. The defaults keep a daily drill's whole audit year and then some.
// A file may grow a little past either bound before it is compacted, so
// that an append is nearly always one line and not a rewrite of the file.
// Pure; a plain value.
struct Retention {
	std::size_t maxRecords = 1000;
	std::chrono::milliseconds maxAge = std::chrono::days(400);

	// Records past maxRecords, and time past maxAge, that a file may hold
	// before it is compacted.
	std::size_t slackRecords() const { return maxRecords / 10 + 1; }
	static constexpr std::chrono::milliseconds slackAge = std::chrono::days(1);

	// Whether a file of `count` records, the oldest finished at
	// oldestFinishedMs, is due for compaction.
	bool wantsCompaction(std::size_t count, std::int64_t oldestFinishedMs, std::int64_t nowMs) const;
	// What compaction keeps: the records within maxAge, then the newest
	// maxRecords of them, in their order.
	std::vector<DrillRecord> retain(std::vector<DrillRecord> records, std::int64_t nowMs) const;
};

} // namespace history
