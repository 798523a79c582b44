// SPDX-License-Identifier: Apache-2.0
#include "history/TrendChart.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <tuple>

#include "base/UtcTime.h"
#include "history/HtmlEscape.h"
#include "history/RunText.h"

namespace history {

namespace {

// The drawing, in SVG user units; the page scales it to its own width. The
// right margin holds the RTO line's label, clear of the newest points.
constexpr double chartWidth = 720, chartHeight = 220;
constexpr double plotLeft = 64, plotRight = chartWidth - 64, plotTop = 16, plotBottom = chartHeight - 36;
// Points keep this far from the plot's sides, so none is cut in half.
constexpr double inset = 14;
constexpr double pointRadius = 5;

// Grid steps that read as round durations, in seconds; the first one that
// needs at most maxSteps steps to reach above the tallest value is used.
constexpr std::array<std::int64_t, 20> gridSteps{1,   2,    5,    10,   15,    30,    60,    120,   300,    600,
						 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
constexpr std::int64_t maxSteps = 5;
constexpr std::int64_t dayMs = 86'400'000;

// A restore time that can be drawn: known, and not negative (which only a
// clock step between the daemon and DBS could produce).
std::optional<std::int64_t> drawable(const DrillRecord &r)
{
	auto d = restoreDurationMs(r);
	return d && *d >= 0 ? d : std::nullopt;
}

std::string num(double v)
{
	char buf[32];
	std::snprintf(buf, sizeof buf, "%.1f", v);
	return buf;
}

struct Axes {
	std::int64_t firstMs = 0; // the oldest run's start
	std::int64_t lastMs = 0;  // the newest run's start
	std::int64_t stepMs = 0;  // one grid step up
	std::int64_t topMs = 0;   // the top of the restore-time axis, a whole number of steps

	double x(std::int64_t startedAtMs) const
	{
		if (lastMs == firstMs)
			return (plotLeft + plotRight) / 2;
		double share = double(startedAtMs - firstMs) / double(lastMs - firstMs);
		return plotLeft + inset + share * (plotRight - plotLeft - 2 * inset);
	}

	double y(std::int64_t durationMs) const
	{
		return plotBottom - double(durationMs) / double(topMs) * (plotBottom - plotTop);
	}
};

// runs: sorted by start, not empty. The top leaves at least part of a step
// above the tallest point or the objective, so neither sits on the edge.
Axes axesFor(const std::vector<DrillRecord> &runs, const std::optional<std::int64_t> &objectiveMs)
{
	Axes a;
	a.firstMs = runs.front().startedAtMs;
	a.lastMs = runs.back().startedAtMs;
	std::int64_t tallest = std::max<std::int64_t>(objectiveMs.value_or(0), 0);
	for (const auto &r : runs)
		tallest = std::max(tallest, drawable(r).value_or(0));
	a.stepMs = (tallest / (maxSteps - 1) / dayMs + 1) * dayMs; // past a week a step: whole days
	for (std::int64_t s : gridSteps) {
		if (tallest / (s * 1000) + 1 <= maxSteps) {
			a.stepMs = s * 1000;
			break;
		}
	}
	a.topMs = (tallest / a.stepMs + 1) * a.stepMs;
	return a;
}

std::string grid(const Axes &a)
{
	std::string out = "<g class=\"grid\">";
	for (std::int64_t v = 0; v <= a.topMs; v += a.stepMs) {
		std::string y = num(a.y(v));
		out += "<line x1=\"" + num(plotLeft) + "\" x2=\"" + num(plotRight) + "\" y1=\"" + y + "\" y2=\"" + y +
		       "\"/><text class=\"tick\" x=\"" + num(plotLeft - 8) + "\" y=\"" + num(a.y(v) + 4) +
		       "\" text-anchor=\"end\">" + durationText(v) + "</text>";
	}
	return out + "</g>";
}

// The first and the last run's day under the time axis (one label when they share it).
std::string timeLabels(const Axes &a)
{
	std::string first = base::formatUtc(a.firstMs).substr(0, 10), last = base::formatUtc(a.lastMs).substr(0, 10);
	std::string y = num(plotBottom + 22);
	if (first == last)
		return "<text class=\"tick\" x=\"" + num(a.x(a.firstMs)) + "\" y=\"" + y +
		       "\" text-anchor=\"middle\">" + first + "</text>";
	return "<text class=\"tick\" x=\"" + num(plotLeft) + "\" y=\"" + y + "\" text-anchor=\"start\">" + first +
	       "</text><text class=\"tick\" x=\"" + num(plotRight) + "\" y=\"" + y + "\" text-anchor=\"end\">" + last +
	       "</text>";
}

std::string rtoLine(const Axes &a, std::int64_t objectiveMs)
{
	std::string y = num(a.y(objectiveMs));
	return "<line class=\"rto-line\" data-rto-s=\"" + std::to_string(objectiveMs / 1000) + "\" x1=\"" +
	       num(plotLeft) + "\" x2=\"" + num(plotRight) + "\" y1=\"" + y + "\" y2=\"" + y +
	       "\"/><text class=\"rto-label\" x=\"" + num(plotRight + 6) + "\" y=\"" + num(a.y(objectiveMs) + 4) +
	       "\">RTO " + durationText(objectiveMs) + "</text>";
}

// The attributes every mark of a run carries, so a mark leads back to its row and record.
std::string runData(std::string_view job, const DrillRecord &r)
{
	return " data-job=\"" + escapeHtml(job) + "\" data-run=\"" + escapeHtml(r.runId) + "\"";
}

std::string tooltip(const DrillRecord &r)
{
	std::string text = base::formatUtc(r.startedAtMs) + " " + outcomeText(r);
	if (drawable(r))
		text += ", restore " + durationText(restoreDurationMs(r)) + (rtoMet(r) ? ", RTO " + rtoText(r) : "");
	else
		text += ", no restore time" + (r.reason.empty() ? std::string() : ": " + r.reason);
	return "<title>" + escapeHtml(text) + "</title>";
}

std::string mark(std::string_view job, const DrillRecord &r, const Axes &a)
{
	std::string status(statusClass(r));
	double x = a.x(r.startedAtMs);
	if (auto d = drawable(r)) {
		auto met = rtoMet(r);
		std::string classes = "run-point " + status + (met && !*met ? " rto-missed" : "");
		return "<circle class=\"" + classes + "\"" + runData(job, r) + " data-restore-s=\"" +
		       std::to_string(*d / 1000) + "\" data-rto=\"" + rtoText(r) + "\" cx=\"" + num(x) + "\" cy=\"" +
		       num(a.y(*d)) + "\" r=\"" + num(pointRadius) + "\">" + tooltip(r) + "</circle>";
	}
	double y = plotBottom, s = pointRadius;
	return "<path class=\"run-gap " + status + "\"" + runData(job, r) + " d=\"M" + num(x - s) + " " + num(y - s) +
	       "L" + num(x + s) + " " + num(y + s) + "M" + num(x - s) + " " + num(y + s) + "L" + num(x + s) + " " +
	       num(y - s) + "\">" + tooltip(r) + "</path>";
}

} // namespace

std::string trendChartSvg(std::string_view jobId, std::vector<DrillRecord> runs)
{
	std::sort(runs.begin(), runs.end(), [](const DrillRecord &a, const DrillRecord &b) {
		return std::tie(a.startedAtMs, a.runId) < std::tie(b.startedAtMs, b.runId);
	});
	auto points = std::count_if(runs.begin(), runs.end(), [](const DrillRecord &r) { return drawable(r); });
	std::string job = escapeHtml(jobId);
	// Inline in HTML, the <svg> element needs no xmlns.
	std::string out = "<svg class=\"trend\" viewBox=\"0 0 " + num(chartWidth) + " " + num(chartHeight) +
			  "\" role=\"img\" aria-label=\"Restore time of the runs of " + job + "\" data-job=\"" + job +
			  "\" data-runs=\"" + std::to_string(runs.size()) + "\" data-points=\"" +
			  std::to_string(points) + "\">";
	if (runs.empty())
		return out + "</svg>";
	std::optional<std::int64_t> objective = runs.back().rtoObjectiveMs;
	Axes a = axesFor(runs, objective);
	out += grid(a) + "<line class=\"axis\" x1=\"" + num(plotLeft) + "\" x2=\"" + num(plotRight) + "\" y1=\"" +
	       num(plotBottom) + "\" y2=\"" + num(plotBottom) + "\"/>" + timeLabels(a);
	if (objective)
		out += rtoLine(a, *objective);
	if (points > 1) {
		std::string coords;
		for (const auto &r : runs)
			if (auto d = drawable(r))
				coords += (coords.empty() ? "" : " ") + num(a.x(r.startedAtMs)) + "," + num(a.y(*d));
		out += "<polyline class=\"trend-line\" points=\"" + coords + "\"/>";
	}
	for (const auto &r : runs)
		out += mark(jobId, r, a);
	return out + "</svg>";
}

} // namespace history
