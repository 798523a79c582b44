// SPDX-License-Identifier: Apache-2.0
#include "history/HistoryTable.h"

#include <algorithm>
#include <chrono>

#include "config/Duration.h"
#include "config/SafeText.h"
#include "history/UtcTime.h"

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

// To the second: "1h12m5s". Whole seconds are what a drill is judged by.
std::string duration(const std::optional<std::int64_t> &ms)
{
	if (!ms || *ms < 0)
		return "-";
	return config::formatDuration(std::chrono::seconds(*ms / 1000));
}

std::string time(const std::optional<std::int64_t> &ms)
{
	return ms ? formatUtc(*ms) : "-";
}

std::string outcome(const DrillRecord &r)
{
	std::string s(toString(r.outcome));
	if (r.verification != Verification::None)
		s += "/" + std::string(toString(r.verification));
	return s;
}

std::string orDash(const std::string &s)
{
	return s.empty() ? "-" : config::escapeForDisplay(s);
}

} // namespace

std::string formatHistoryTable(const std::vector<JobSummary> &jobs)
{
	std::vector<Row> rows{{"JOB", "RUNS", "LAST RUN", "LAST OUTCOME", "LAST VERIFIED", "P50 RESTORE", "MAX RESTORE",
		"RTO MET"}};
	for (const auto &j : jobs) {
		std::string rto = "-";
		if (j.rtoMeasured > 0)
			rto = std::to_string(j.rtoMet) + "/" + std::to_string(j.rtoMeasured) + " (" +
				std::to_string(j.rtoMet * 100 / j.rtoMeasured) + "%)";
		rows.push_back({config::escapeForDisplay(j.jobId), std::to_string(j.runs), formatUtc(j.last.startedAtMs),
			outcome(j.last), time(j.lastVerifiedMs), duration(j.p50RestoreMs), duration(j.maxRestoreMs), rto});
	}
	return aligned(rows);
}

std::string formatRunTable(std::vector<DrillRecord> runs, std::size_t maxRows)
{
	std::stable_sort(runs.begin(), runs.end(),
		[](const DrillRecord &a, const DrillRecord &b) { return a.startedAtMs > b.startedAtMs; });
	if (runs.size() > maxRows)
		runs.resize(maxRows);
	std::vector<Row> rows{{"STARTED", "OUTCOME", "RESTORE", "END TO END", "BACKUP AGE", "RTO", "RESTORE TASK",
		"REASON"}};
	for (const auto &r : runs) {
		auto met = rtoMet(r);
		rows.push_back({formatUtc(r.startedAtMs), outcome(r), duration(restoreDurationMs(r)),
			duration(endToEndMs(r)), duration(backupSetAgeMs(r)), met ? (*met ? "met" : "missed") : "-",
			orDash(r.restoreTaskId), orDash(r.reason)});
	}
	return aligned(rows);
}

} // namespace history
