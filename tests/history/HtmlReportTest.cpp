// SPDX-License-Identifier: Apache-2.0
// The HTML drill report: self-contained, every user string escaped, one
// chart per job with a point per measured run, and the RTO line only for
// jobs with an objective.
#include "history/HtmlReport.h"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "history/HistoryCommand.h"
#include "history/HtmlEscape.h"
#include "tests/support/Occurrences.h"

using history::DrillOutcome;
using history::DrillRecord;
using history::formatHtml;
using history::Verification;
using testing::HasSubstr;
using testing::Not;
using testsupport::countOccurrences;

namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t now = 1'795'392'000'000; // 2026-11-23T00:00:00Z
constexpr std::int64_t since = now - 30 * 1440 * minute;

DrillRecord run(std::string job, int n, std::optional<std::int64_t> restoreMinutes,
		std::optional<std::int64_t> rtoMinutes)
{
	DrillRecord r;
	r.jobId = std::move(job);
	r.runId = "r" + std::to_string(n);
	r.startedAtMs = since + n * 1440 * minute;
	r.finishedAtMs = r.startedAtMs + 3 * 60 * minute;
	r.outcome = restoreMinutes ? DrillOutcome::Succeeded : DrillOutcome::Failed;
	r.verification = restoreMinutes ? Verification::Verified : Verification::None;
	r.verificationDetail = restoreMinutes ? "exit 0" : "";
	r.restoreStartedAtMs = r.startedAtMs + 5 * minute;
	if (restoreMinutes)
		r.restoreFinishedAtMs = *r.restoreStartedAtMs + *restoreMinutes * minute;
	r.backupSetEndMs = *r.restoreStartedAtMs - 125 * minute;
	if (rtoMinutes)
		r.rtoObjectiveMs = *rtoMinutes * minute;
	return r;
}

// The part of the page that is one job's section.
std::string section(const std::string &page, const std::string &job)
{
	auto from = page.find("<section class=\"job\" id=\"job-" + job + "\"");
	if (from == std::string::npos)
		return {};
	return page.substr(from, page.find("</section>", from) - from);
}

std::vector<DrillRecord> twoJobs()
{
	return {run("nightly", 1, 40, 60), run("nightly", 2, 90, 60), run("nightly", 3, std::nullopt, 60),
		run("nightly", 4, 35, 60), run("weekly", 2, 23, std::nullopt)};
}

} // namespace

TEST(HtmlReport, EscapeHtmlLeavesNoMarkupAndShowsControlBytes)
{
	EXPECT_EQ(history::escapeHtml("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
	EXPECT_EQ(history::escapeHtml("disk\x01"
				      "full\xff"),
		  "disk\\x01full\\xff");
	EXPECT_EQ(history::escapeHtml("caf\xc3\xa9"), "caf\xc3\xa9") << "valid UTF-8 passes";
}

TEST(HtmlReport, EveryUserStringIsEscaped)
{
	DrillRecord r = run("j<i>", 1, std::nullopt, 60);
	r.runId = "run\"1";
	r.reason = "<script>alert('x')</script> & \"more\"";
	r.verificationDetail = "exit <1>";
	r.backupSetId = "bs<1>";
	std::string page = formatHtml({r}, since, now);
	EXPECT_EQ(countOccurrences(page, "<script"), 0u);
	EXPECT_EQ(countOccurrences(page, "<i>"), 0u);
	EXPECT_THAT(page, HasSubstr("<h2>j&lt;i&gt;</h2>"));
	EXPECT_THAT(page, HasSubstr("data-run=\"run&quot;1\""));
	EXPECT_THAT(page, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"));
	EXPECT_THAT(page, HasSubstr("none (exit &lt;1&gt;)"));
	EXPECT_THAT(page, HasSubstr(">bs&lt;1&gt;<"));
}

TEST(HtmlReport, IsOneSelfContainedPageWithoutScript)
{
	std::string page = formatHtml(twoJobs(), since, now);
	EXPECT_THAT(page, testing::StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
	EXPECT_THAT(page, testing::EndsWith("</html>\n"));
	EXPECT_THAT(page, HasSubstr("<meta charset=\"utf-8\">"));
	EXPECT_THAT(page, HasSubstr("content=\"default-src 'none'; style-src 'unsafe-inline';"));
	for (const char *external :
	     {"<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http:", "https:"})
		EXPECT_THAT(page, Not(HasSubstr(external))) << external;
	// The only links are to the page's own sections.
	EXPECT_EQ(countOccurrences(page, "href=\""), countOccurrences(page, "href=\"#job-"));
	EXPECT_EQ(countOccurrences(page, "href=\"#job-"), 2u);
}

TEST(HtmlReport, OnePointPerMeasuredRunInEachJobsChart)
{
	std::string page = formatHtml(twoJobs(), since, now);
	EXPECT_EQ(countOccurrences(page, "<svg class=\"trend\""), 2u);
	std::string nightly = section(page, "nightly"), weekly = section(page, "weekly");
	EXPECT_EQ(countOccurrences(nightly, "<circle class=\"run-point"), 3u);
	EXPECT_EQ(countOccurrences(nightly, "<path class=\"run-gap"), 1u);
	EXPECT_EQ(countOccurrences(nightly, "<tr class=\"run\""), 4u) << "every run has a row, measured or not";
	EXPECT_EQ(countOccurrences(weekly, "<circle class=\"run-point"), 1u);
	EXPECT_EQ(countOccurrences(page, "<circle class=\"run-point"), 4u) << "the legend draws no points";
	EXPECT_THAT(page, HasSubstr("<body data-runs=\"5\" data-jobs=\"2\">"));
}

TEST(HtmlReport, RtoLineOnlyForTheJobWithAnObjective)
{
	std::string page = formatHtml(twoJobs(), since, now);
	EXPECT_EQ(countOccurrences(section(page, "nightly"), "class=\"rto-line\""), 1u);
	EXPECT_THAT(section(page, "nightly"), HasSubstr("RTO objective 1h"));
	EXPECT_EQ(countOccurrences(section(page, "weekly"), "rto-line"), 0u);
	EXPECT_THAT(section(page, "weekly"), HasSubstr("no RTO objective"));
	EXPECT_EQ(countOccurrences(page, "class=\"rto-line\""), 1u);
}

TEST(HtmlReport, RunsShowOutcomeVerificationAndBackupSetAge)
{
	std::string nightly = section(formatHtml(twoJobs(), since, now), "nightly");
	// Newest first, as in --history JOB.
	EXPECT_LT(nightly.find("data-run=\"r4\" data-status"), nightly.find("data-run=\"r1\" data-status"));
	EXPECT_THAT(
		nightly,
		HasSubstr(
			"<tr class=\"run\" data-run=\"r2\" data-status=\"verified\">"
			"<td>2026-10-26T00:00:00Z</td><td><span class=\"dot verified\"></span>succeeded</td>"
			"<td class=\"verification\">verified (exit 0)</td><td class=\"num\">1h30m</td><td class=\"missed\">missed</td>"));
	EXPECT_THAT(nightly, HasSubstr("data-run=\"r3\" data-status=\"failed\">"));
	EXPECT_THAT(nightly, HasSubstr("<td class=\"num\">2h5m</td>")) << "the backup set's age";
	EXPECT_THAT(nightly, HasSubstr("newest backup set age 2h5m"));
}

TEST(HtmlReport, EmptyHistorySaysSoAndDrawsNothing)
{
	std::string page = formatHtml({}, since, now);
	EXPECT_THAT(page, HasSubstr("<p class=\"empty\">No drill run started in this period.</p>"));
	EXPECT_THAT(page, HasSubstr("from <time datetime=\"2026-10-24T00:00:00Z\">"));
	EXPECT_THAT(page, HasSubstr("0 runs of 0 jobs"));
	EXPECT_THAT(page, Not(HasSubstr("<svg")));
	EXPECT_THAT(page, Not(HasSubstr("<table")));
	EXPECT_THAT(page, testing::EndsWith("</html>\n"));
}

TEST(HtmlReport, AJobWithOneRunHasOnePointAndNoTrendLine)
{
	std::string page = formatHtml({run("weekly", 2, 23, std::nullopt)}, since, now);
	std::string weekly = section(page, "weekly");
	EXPECT_EQ(countOccurrences(weekly, "<circle class=\"run-point"), 1u);
	EXPECT_THAT(weekly, Not(HasSubstr("trend-line")));
	EXPECT_THAT(weekly, HasSubstr("1 run &#183;"));
	EXPECT_THAT(page, HasSubstr("1 run of 1 job."));
}

TEST(HtmlReport, PrintReportWritesThePageForTheFixture)
{
	std::ostringstream out, err;
	const auto fixture = std::filesystem::path(SOURCE_DIR) / "tests" / "history" / "fixture";
	EXPECT_EQ(history::printReport(fixture, std::chrono::days(30), history::ReportFormat::Html, now, out, err), 0);
	std::string page = out.str();
	EXPECT_EQ(countOccurrences(section(page, "nightly-drill"), "<circle class=\"run-point"), 2u);
	EXPECT_EQ(countOccurrences(section(page, "nightly-drill"), "<path class=\"run-gap failed\""), 1u);
	EXPECT_EQ(countOccurrences(section(page, "weekly-pitr"), "<circle class=\"run-point"), 1u);
	EXPECT_THAT(page, HasSubstr("restore task failed: DBS says &quot;disk full&quot;, stop"));
}
