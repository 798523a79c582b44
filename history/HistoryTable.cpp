// SPDX-License-Identifier: Apache-2.0
#include "history/HistoryTable.h"

#include <algorithm>

#include "base/UtcTime.h"
#include "config/SafeText.h"
#include "history/RunText.h"

namespace history {

namespace {

using Row = std::vector<std::string>;

// Columns two spaces apart, each as wide as its widest cell; no trailing blanks.
std::string aligned(const std::vector<Row> &rows)
{
	std::vector<std::size_t> width;
	for (const auto &row : rows) {
		width.resize(std::max(width.size(), row.size()));
		for (std::size_t i = 0; i < row.size(); ++i)
			width[i] = std::max(width[i], row[i].size());
	}
	std::string out;
	for (const auto &row : rows) {
		std::string line;
		for (std::size_t i = 0; i < row.size(); ++i) {
			line += row[i];
			if (i + 1 < row.size())
				line.append(width[i] - row[i].size() + 2, ' ');
		}
		out += line + "\n";
	}
	return out;
}

std::string orDash(const std::string &s) { return s.empty() ? "-" : config::escapeForDisplay(s); }

} // namespace

std::string formatHistoryTable(const std::vector<JobSummary> &jobs)
{
	std::vector<Row> rows{
		{"JOB", "RUNS", "LAST RUN", "LAST OUTCOME", "LAST VERIFIED", "P50 RESTORE", "MAX RESTORE", "RTO MET"}};
	for (const auto &j : jobs) {
		rows.push_back({config::escapeForDisplay(j.jobId), std::to_string(j.runs),
				base::formatUtc(j.last.startedAtMs), outcomeText(j.last), timeText(j.lastVerifiedMs),
				durationText(j.p50RestoreMs), durationText(j.maxRestoreMs), rtoMetRatio(j)});
	}
	return aligned(rows);
}

std::string formatRunTable(std::vector<DrillRecord> runs, std::size_t maxRows)
{
	std::stable_sort(runs.begin(), runs.end(),
			 [](const DrillRecord &a, const DrillRecord &b) { return a.startedAtMs > b.startedAtMs; });
	if (runs.size() > maxRows)
		runs.resize(maxRows);
	std::vector<Row> rows{
		{"STARTED", "OUTCOME", "RESTORE", "END TO END", "BACKUP AGE", "RTO", "RESTORE TASK", "REASON"}};
	for (const auto &r : runs) {
		rows.push_back({base::formatUtc(r.startedAtMs), outcomeText(r), durationText(restoreDurationMs(r)),
				durationText(endToEndMs(r)), durationText(backupSetAgeMs(r)), rtoText(r),
				orDash(r.restoreTaskId), orDash(r.reason)});
	}
	return aligned(rows);
}

} // namespace history
