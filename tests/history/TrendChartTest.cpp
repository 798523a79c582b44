// SPDX-License-Identifier: Apache-2.0
// The restore-time chart: one mark per run, placed by start time and
// restore time, and the RTO line only where the job has an objective.
#include "history/TrendChart.h"

#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/Occurrences.h"

using history::DrillOutcome;
using history::DrillRecord;
using history::trendChartSvg;
using testing::HasSubstr;
using testing::Not;
using testsupport::countOccurrences;

namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t start = 1'795'392'000'000; // 2026-11-23T00:00:00Z

// A run on day n that restored in the given minutes (none: it never finished).
DrillRecord run(int n, std::optional<std::int64_t> restoreMinutes, std::optional<std::int64_t> rtoMinutes = 60)
{
	DrillRecord r;
	r.jobId = "nightly";
	r.runId = "r" + std::to_string(n);
	r.startedAtMs = start + n * day;
	r.finishedAtMs = r.startedAtMs + 3 * 60 * minute;
	r.outcome = restoreMinutes ? DrillOutcome::Succeeded : DrillOutcome::Failed;
	r.restoreStartedAtMs = r.startedAtMs + 5 * minute;
	if (restoreMinutes)
		r.restoreFinishedAtMs = *r.restoreStartedAtMs + *restoreMinutes * minute;
	if (rtoMinutes)
		r.rtoObjectiveMs = *rtoMinutes * minute;
	return r;
}

struct Point {
	std::string run;
	double cx = 0, cy = 0;
};

// The circles in document order, with their run and centre.
std::vector<Point> points(const std::string &svg)
{
	static const std::regex circle(
		R"re(<circle class="run-point[^"]*" data-job="[^"]*" data-run="([^"]*)"[^>]* cx="([0-9.]+)" cy="([0-9.]+)")re");
	std::vector<Point> out;
	for (std::sregex_iterator it(svg.begin(), svg.end(), circle), end; it != end; ++it)
		out.push_back({(*it)[1], std::stod((*it)[2]), std::stod((*it)[3])});
	return out;
}

double rtoLineY(const std::string &svg)
{
	static const std::regex line(R"re(<line class="rto-line"[^>]* y1="([0-9.]+)")re");
	std::smatch m;
	return std::regex_search(svg, m, line) ? std::stod(m[1]) : -1;
}

} // namespace

TEST(TrendChart, OnePointPerRunWithARestoreTimeAndACrossForEachOther)
{
	std::string svg = trendChartSvg("nightly", {run(0, 40), run(1, 90), run(2, std::nullopt), run(3, 30)});
	EXPECT_EQ(countOccurrences(svg, "<circle class=\"run-point"), 3u);
	EXPECT_EQ(countOccurrences(svg, "<path class=\"run-gap failed\" data-job=\"nightly\" data-run=\"r2\""), 1u);
	EXPECT_THAT(svg, HasSubstr("data-runs=\"4\" data-points=\"3\""));
	EXPECT_THAT(svg, HasSubstr("data-run=\"r1\" data-restore-s=\"5400\" data-rto=\"missed\""));
	EXPECT_EQ(countOccurrences(svg, "<polyline class=\"trend-line\""), 1u);
}

TEST(TrendChart, PointsGoLeftToRightByStartAndUpWithRestoreTime)
{
	// Given out of order: the chart sorts by start time.
	std::string svg = trendChartSvg("nightly", {run(3, 30), run(0, 40), run(1, 90)});
	auto p = points(svg);
	ASSERT_EQ(p.size(), 3u);
	EXPECT_EQ(p[0].run, "r0");
	EXPECT_EQ(p[2].run, "r3");
	EXPECT_LT(p[0].cx, p[1].cx);
	EXPECT_LT(p[1].cx, p[2].cx);
	// A day apart, then two days apart: the time axis is linear.
	EXPECT_NEAR(p[2].cx - p[1].cx, 2 * (p[1].cx - p[0].cx), 0.2);
	// SVG's y grows downwards: 90 minutes is highest, 30 lowest, all inside the 720x220 view.
	EXPECT_LT(p[1].cy, p[0].cy);
	EXPECT_LT(p[0].cy, p[2].cy);
	for (const auto &q : p) {
		EXPECT_GT(q.cx, 0);
		EXPECT_LT(q.cx, 720);
		EXPECT_GT(q.cy, 0);
		EXPECT_LT(q.cy, 220);
	}
	// 90 minutes in steps of 30: the axis reads up to 2h, above the tallest point.
	EXPECT_THAT(svg, HasSubstr(">1h30m</text>"));
	EXPECT_THAT(svg, HasSubstr(">2h</text>"));
	EXPECT_THAT(svg, Not(HasSubstr(">2h30m</text>")));
}

TEST(TrendChart, RtoLineSitsBetweenTheRunsThatMetAndMissedIt)
{
	std::string svg = trendChartSvg("nightly", {run(0, 40), run(1, 90)});
	EXPECT_EQ(countOccurrences(svg, "class=\"rto-line\""), 1u);
	EXPECT_THAT(svg, HasSubstr("data-rto-s=\"3600\""));
	EXPECT_THAT(svg, HasSubstr(">RTO 1h</text>"));
	auto p = points(svg);
	ASSERT_EQ(p.size(), 2u);
	double y = rtoLineY(svg);
	EXPECT_GT(p[0].cy, y) << "40m is below the 1h line";
	EXPECT_LT(p[1].cy, y) << "90m is above it";
	EXPECT_THAT(svg, HasSubstr("class=\"run-point succeeded rto-missed\" data-job=\"nightly\" data-run=\"r1\""));
}

TEST(TrendChart, NoRtoLineWithoutAnObjective)
{
	std::string svg = trendChartSvg("weekly", {run(0, 40, std::nullopt), run(1, 50, std::nullopt)});
	EXPECT_THAT(svg, Not(HasSubstr("rto-line")));
	EXPECT_THAT(svg, Not(HasSubstr("RTO")));
	EXPECT_THAT(svg, Not(HasSubstr("rto-missed")));
	// The objective is the job's as it is now: the newest run's.
	svg = trendChartSvg("weekly", {run(0, 40, 60), run(1, 50, std::nullopt)});
	EXPECT_THAT(svg, Not(HasSubstr("rto-line")));
	svg = trendChartSvg("weekly", {run(0, 40, std::nullopt), run(1, 50, 30)});
	EXPECT_THAT(svg, HasSubstr("data-rto-s=\"1800\""));
}

TEST(TrendChart, OneRunIsOnePointInTheMiddleWithNoLine)
{
	std::string svg = trendChartSvg("weekly", {run(0, 23, std::nullopt)});
	auto p = points(svg);
	ASSERT_EQ(p.size(), 1u);
	EXPECT_DOUBLE_EQ(p[0].cx, (64 + 656) / 2.0);
	EXPECT_THAT(svg, Not(HasSubstr("trend-line")));
	EXPECT_EQ(countOccurrences(svg, ">2026-11-23</text>"), 1u);
}

TEST(TrendChart, NoRunsIsAnEmptyChart)
{
	std::string svg = trendChartSvg("idle", {});
	EXPECT_THAT(svg, HasSubstr("data-runs=\"0\" data-points=\"0\""));
	EXPECT_THAT(svg, Not(HasSubstr("<circle")));
	EXPECT_THAT(svg, testing::EndsWith("</svg>"));
}

TEST(TrendChart, OnlyFailedRunsAreCrossesOnTheAxis)
{
	std::string svg = trendChartSvg("nightly", {run(0, std::nullopt), run(1, std::nullopt)});
	EXPECT_EQ(countOccurrences(svg, "<path class=\"run-gap failed\""), 2u);
	EXPECT_THAT(svg, Not(HasSubstr("<circle")));
	EXPECT_EQ(countOccurrences(svg, "class=\"rto-line\""), 1u) << "the objective still shows";
}

TEST(TrendChart, RunIdsAndReasonsAreEscaped)
{
	DrillRecord r = run(0, std::nullopt);
	r.runId = "r\"><script>alert(1)</script>";
	r.reason = "DBS says <b>disk & \"full\"</b>";
	std::string svg = trendChartSvg("nightly", {r});
	EXPECT_THAT(svg, Not(HasSubstr("<script")));
	EXPECT_THAT(svg, Not(HasSubstr("<b>")));
	EXPECT_THAT(svg, HasSubstr("data-run=\"r&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
	EXPECT_THAT(svg, HasSubstr("no restore time: DBS says &lt;b&gt;disk &amp; &quot;full&quot;&lt;/b&gt;</title>"));
}
