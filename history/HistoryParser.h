// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "history/DrillRecord.h"

namespace history {

// A history file's records, and what was wrong with the rest of it.
struct ParsedHistory {
	struct Problem {
		std::size_t line = 0; // 1-based
		std::string what;
	};
	std::vector<DrillRecord> records; // in file order (the order of appends)
	std::vector<Problem> problems;
	bool tornTail = false; // the last line has no newline: an append cut short by a crash
};

// Reads the text of a history file: one record per line (DrillRecordJson.h).
// A line that cannot be read is skipped and reported, never fatal: the
// last line without its newline is what a crash during an append leaves,
// and a damaged line anywhere else must not hide the records around it.
// Empty lines are skipped silently. Pure.
ParsedHistory parseHistory(std::string_view text);

} // namespace history
