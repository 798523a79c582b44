// SPDX-License-Identifier: Apache-2.0
#include "history/HistoryCommand.h"

#include <ostream>

#include "config/SafeText.h"
#include "history/AuditReport.h"
#include "history/HistoryStore.h"
#include "history/HistoryTable.h"
#include "history/HtmlReport.h"

namespace history {

namespace {

// How many runs `--history JOB` lists.
constexpr std::size_t recentRuns = 20;

// Every record in the history files; what could not be read is warned about.
std::vector<DrillRecord> readAll(const std::filesystem::path &stateDir, std::ostream &err)
{
	std::vector<DrillRecord> records;
	for (auto &file : HistoryStore::loadAll(stateDir)) {
		std::string path = config::escapeForDisplay(file.path.string());
		if (!file.error.empty())
			err << "dbs-restored: warning: " << path << ": " << file.error << "\n";
		if (file.skippedBytes > 0)
			err << "dbs-restored: warning: " << path << ": only its last " << HistoryStore::maxFileBytes
			    << " bytes were read\n";
		for (const auto &p : file.history.problems)
			err << "dbs-restored: warning: " << path << ":" << p.line << ": " << p.what << "\n";
		for (auto &r : file.history.records)
			records.push_back(std::move(r));
	}
	return records;
}

} // namespace

int printHistory(const std::filesystem::path &stateDir, const std::string &job, std::ostream &out, std::ostream &err)
{
	std::vector<DrillRecord> records = readAll(stateDir, err);
	if (!job.empty())
		std::erase_if(records, [&](const DrillRecord &r) { return r.jobId != job; });
	std::string where = config::escapeForDisplay((stateDir / HistoryStore::directoryName).string());
	if (records.empty() && !job.empty()) {
		err << "dbs-restored: no drill history for job '" << config::escapeForDisplay(job) << "' in " << where
		    << "\n";
		return 1;
	}
	if (records.empty()) {
		out << "no drill history in " << where << "\n";
		return 0;
	}
	out << formatHistoryTable(summarize(records));
	if (!job.empty())
		out << "\n" << formatRunTable(records, recentRuns);
	return 0;
}

int printReport(const std::filesystem::path &stateDir, std::chrono::milliseconds since, ReportFormat format,
		std::int64_t nowMs, std::ostream &out, std::ostream &err)
{
	std::int64_t sinceMs = nowMs - since.count();
	std::vector<DrillRecord> runs = runsSince(readAll(stateDir, err), sinceMs);
	switch (format) {
	case ReportFormat::Csv: out << formatCsv(runs); break;
	case ReportFormat::Json: out << formatJson(runs, sinceMs, nowMs); break;
	case ReportFormat::Html: out << formatHtml(runs, sinceMs, nowMs); break;
	}
	return 0;
}

} // namespace history
