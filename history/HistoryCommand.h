// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>

namespace history {

// The command-line readers of the drill history. They read the files in
// <stateDir>/history directly, so they work whether the daemon runs or not
// (a record being appended at that moment is a torn last line, skipped).
// Damaged lines are reported on err as warnings and never fail the
// command. Called from main() with the wall clock's now.

// `--history [JOB]`: the per-job table; with a job, also its recent runs.
// Returns 0, or 1 when the job has no history.
int printHistory(const std::filesystem::path &stateDir, const std::string &job, std::ostream &out, std::ostream &err);

enum class ReportFormat { Csv, Json, Html };

// `--report --since D --format F`: every run that started in the last
// `since` before nowMs. Returns 0.
int printReport(const std::filesystem::path &stateDir, std::chrono::milliseconds since, ReportFormat format,
		std::int64_t nowMs, std::ostream &out, std::ostream &err);

} // namespace history
