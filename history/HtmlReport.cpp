// SPDX-License-Identifier: Apache-2.0
#include "history/HtmlReport.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

#include "base/UtcTime.h"
#include "history/HistorySummary.h"
#include "history/HtmlEscape.h"
#include "history/RunText.h"
#include "history/TrendChart.h"

namespace history {

namespace {

// Only what the page itself holds may be used: no fetch, no script, no
// frame, no form. A <style> element is the one inline thing it allows.
constexpr std::string_view contentPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
					   "form-action 'none'";

// The status colours (one --c per statusClass) are set once and used by the
// chart's marks, the legend and the tables alike, so they cannot disagree.
// The palette stays apart for the colour-blind (ColorBrewer RdYlBu, plus grey).
constexpr std::string_view styleSheet = R"(
body { font: 14px/1.45 system-ui, sans-serif; color: #222; max-width: 1000px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 4px; padding-bottom: 2px; border-bottom: 1px solid #ddd; }
a { color: #2c5d8f; }
.period, .facts, figcaption, .legend { color: #555; }
.legend { list-style: none; padding: 0; margin: 8px 0 16px; display: flex; flex-wrap: wrap; gap: 6px 18px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #eee; vertical-align: top; white-space: nowrap; }
th, td.verification, td.reason { white-space: normal; }
th { font-weight: 600; border-bottom-color: #ccc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.reason { min-width: 14em; overflow-wrap: break-word; }
figure { margin: 10px 0 6px; }
figcaption { font-size: 12px; max-width: 720px; }
svg.trend { display: block; width: 100%; max-width: 720px; height: auto; background: #fbfbfb; border: 1px solid #e4e4e4; }
.trend .grid line { stroke: #e4e4e4; }
.trend .axis { stroke: #999; }
.trend text { font: 11px system-ui, sans-serif; fill: #555; }
.trend .rto-line { stroke: #b2182b; stroke-width: 1.5; stroke-dasharray: 6 4; }
.trend .rto-label { fill: #b2182b; font-weight: 600; }
.trend .trend-line { fill: none; stroke: #8c8c8c; stroke-width: 1.5; }
.run-point { fill: var(--c); stroke: #fff; stroke-width: 1.5; }
.run-point.rto-missed { stroke: #b2182b; stroke-width: 2.5; }
.run-gap { fill: none; stroke: var(--c); stroke-width: 2.5; }
.verified { --c: #1a9850; }
.succeeded { --c: #4575b4; }
.unverified { --c: #e08214; }
.failed { --c: #d73027; }
.cancelled { --c: #878787; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: var(--c); margin-right: 6px; }
.missed { color: #b2182b; font-weight: 600; }
)";

std::string td(const std::string &html, std::string_view cls = {})
{
	return (cls.empty() ? "<td>" : "<td class=\"" + std::string(cls) + "\">") + html + "</td>";
}

std::string dot(std::string_view status) { return "<span class=\"dot " + std::string(status) + "\"></span>"; }

std::string legend()
{
	std::string out = "<ul class=\"legend\">";
	for (std::string_view s : {"verified", "succeeded", "unverified", "failed", "cancelled"})
		out += "<li>" + dot(s) + std::string(s) + "</li>";
	return out + "<li>ringed: the restore missed its RTO</li><li>&#215; on the axis: no restore time</li></ul>";
}

// The newest known backup set age of a job's runs (sorted oldest first):
// how stale the data was that the last measured drill restored.
std::optional<std::int64_t> newestBackupAge(const std::vector<DrillRecord> &runs)
{
	for (auto it = runs.rbegin(); it != runs.rend(); ++it)
		if (auto age = backupSetAgeMs(*it))
			return age;
	return std::nullopt;
}

std::string overview(const std::vector<JobSummary> &jobs, const std::map<std::string, std::vector<DrillRecord>> &byJob)
{
	std::string out = "<table class=\"overview\"><thead><tr><th>Job</th><th>Runs</th><th>Last run</th>"
			  "<th>Last outcome</th><th>Last verified</th><th>P50 restore</th><th>Max restore</th>"
			  "<th>RTO met</th><th>Backup set age</th></tr></thead><tbody>";
	for (const auto &j : jobs) {
		std::string id = escapeHtml(j.jobId);
		out += "<tr data-job=\"" + id + "\">" + td("<a href=\"#job-" + id + "\">" + id + "</a>") +
		       td(std::to_string(j.runs), "num") + td(base::formatUtc(j.last.startedAtMs)) +
		       td(dot(statusClass(j.last)) + outcomeText(j.last)) + td(timeText(j.lastVerifiedMs)) +
		       td(durationText(j.p50RestoreMs), "num") + td(durationText(j.maxRestoreMs), "num") +
		       td(rtoMetRatio(j), "num") + td(durationText(newestBackupAge(byJob.at(j.jobId))), "num") +
		       "</tr>";
	}
	return out + "</tbody></table>";
}

std::string verification(const DrillRecord &r)
{
	std::string text(toString(r.verification));
	if (!r.verificationDetail.empty())
		text += " (" + r.verificationDetail + ")";
	return escapeHtml(text);
}

// runs: one job's, oldest first; the table lists them newest first. The
// DBS task ids stay in the CSV and JSON report: the page is for reading.
std::string runTable(const std::vector<DrillRecord> &runs)
{
	std::string out = "<table class=\"runs\"><thead><tr><th>Started (UTC)</th><th>Outcome</th>"
			  "<th>Verification</th><th>Restore</th><th>RTO</th><th>End to end</th><th>Backup set</th>"
			  "<th>Backup set age</th><th>Reason</th></tr></thead><tbody>";
	for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
		const DrillRecord &r = *it;
		std::string rto = rtoText(r);
		out += "<tr class=\"run\" data-run=\"" + escapeHtml(r.runId) + "\" data-status=\"" +
		       std::string(statusClass(r)) + "\">" + td(base::formatUtc(r.startedAtMs)) +
		       td(dot(statusClass(r)) + std::string(toString(r.outcome))) +
		       td(verification(r), "verification") + td(durationText(restoreDurationMs(r)), "num") +
		       td(rto, rto == "missed" ? "missed" : "") + td(durationText(endToEndMs(r)), "num") +
		       td(r.backupSetId.empty() ? "-" : escapeHtml(r.backupSetId)) +
		       td(durationText(backupSetAgeMs(r)), "num") +
		       td(r.reason.empty() ? "-" : escapeHtml(r.reason), "reason") + "</tr>";
	}
	return out + "</tbody></table>";
}

std::string jobSection(const JobSummary &j, const std::vector<DrillRecord> &runs)
{
	std::string id = escapeHtml(j.jobId);
	const auto &objective = runs.back().rtoObjectiveMs;
	std::string facts = std::to_string(j.runs) + (j.runs == 1 ? " run" : " runs") + " &#183; " +
			    (objective ? "RTO objective " + durationText(objective) : std::string("no RTO objective")) +
			    " &#183; newest backup set age " + durationText(newestBackupAge(runs));
	return "<section class=\"job\" id=\"job-" + id + "\" data-job=\"" + id + "\"><h2>" + id +
	       "</h2><p class=\"facts\">" + facts + "</p><figure>" + trendChartSvg(j.jobId, runs) +
	       "<figcaption>Restore time of each run (StartRestoreTask accepted to DBS's finish time) by the time "
	       "it started" +
	       (objective ? std::string(", against the RTO objective (dashed)") : std::string()) +
	       ".</figcaption></figure>" + runTable(runs) + "</section>\n";
}

} // namespace

std::string formatHtml(const std::vector<DrillRecord> &runs, std::int64_t sinceMs, std::int64_t nowMs)
{
	std::map<std::string, std::vector<DrillRecord>> byJob;
	for (const auto &r : runs)
		byJob[r.jobId].push_back(r);
	for (auto &[job, jobRuns] : byJob)
		std::sort(jobRuns.begin(), jobRuns.end(), [](const DrillRecord &a, const DrillRecord &b) {
			return std::tie(a.startedAtMs, a.runId) < std::tie(b.startedAtMs, b.runId); // as the chart does
		});
	std::vector<JobSummary> jobs = summarize(runs);
	// clang-format off
	std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(contentPolicy) + "\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>Restore drill report</title>\n<style>" + std::string(styleSheet) + "</style>\n</head>\n";
	// clang-format on
	out += "<body data-runs=\"" + std::to_string(runs.size()) + "\" data-jobs=\"" + std::to_string(jobs.size()) +
	       "\">\n<h1>Restore drill report</h1>\n<p class=\"period\">Drill runs that started from <time datetime=\"" +
	       base::formatUtc(sinceMs) + "\">" + base::formatUtc(sinceMs) + "</time> to <time datetime=\"" +
	       base::formatUtc(nowMs) + "\">" + base::formatUtc(nowMs) + "</time>: " + std::to_string(runs.size()) +
	       (runs.size() == 1 ? " run of " : " runs of ") + std::to_string(jobs.size()) +
	       (jobs.size() == 1 ? " job" : " jobs") + ". Times are UTC.</p>\n";
	if (jobs.empty())
		return out + "<p class=\"empty\">No drill run started in this period.</p>\n</body>\n</html>\n";
	out += legend() + "\n" + overview(jobs, byJob) + "\n";
	for (const auto &j : jobs)
		out += jobSection(j, byJob.at(j.jobId));
	return out + "</body>\n</html>\n";
}

} // namespace history
