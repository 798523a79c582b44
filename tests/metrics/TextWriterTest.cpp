// SPDX-License-Identifier: Apache-2.0
// The text exposition format 0.0.4: HELP/TYPE lines, escaping, values and
// histograms, byte for byte.

#include <array>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>

#include "metrics/Histogram.h"
#include "metrics/TextWriter.h"

namespace metrics {
namespace {

constexpr std::array<std::string_view, 2> twoLabels{"job", "outcome"};
constexpr Family counter{"x_runs_total", "Runs.", MetricType::Counter, "", twoLabels};
constexpr Family plainGauge{"x_open_fds", "Open\\fds\nnow.", MetricType::Gauge};
constexpr std::array<double, 3> bounds{0.1, 1, 2.5};
constexpr std::array<std::string_view, 1> actionLabel{"action"};
constexpr Family histogramFamily{
	"x_request_duration_seconds", "Time.", MetricType::Histogram, "seconds", actionLabel, bounds};

std::string value(double v)
{
	std::string out;
	TextWriter::appendValue(out, v);
	return out;
}

TEST(TextWriter, WritesHelpTypeAndLabelledSamples)
{
	std::string out;
	TextWriter w(out);
	w.family(counter);
	w.sample({"nightly", "failed"}, 3);
	EXPECT_EQ(out, "# HELP x_runs_total Runs.\n"
		       "# TYPE x_runs_total counter\n"
		       "x_runs_total{job=\"nightly\",outcome=\"failed\"} 3\n");
}

TEST(TextWriter, EscapesBackslashAndNewlineInHelpButNotQuotes)
{
	std::string out;
	TextWriter::appendHelp(out, "a \\ b\nc \"d\"");
	EXPECT_EQ(out, "a \\\\ b\\nc \"d\"");
	std::string all;
	TextWriter w(all);
	w.family(plainGauge);
	w.sample(7);
	EXPECT_EQ(all, "# HELP x_open_fds Open\\\\fds\\nnow.\n# TYPE x_open_fds gauge\nx_open_fds 7\n");
}

TEST(TextWriter, EscapesBackslashQuoteAndNewlineInLabelValues)
{
	std::string out;
	TextWriter::appendLabelValue(out, "a\\b\"c\nd");
	EXPECT_EQ(out, "a\\\\b\\\"c\\nd");
	out.clear();
	TextWriter::appendLabelValue(out, "plain-job_01.x");
	EXPECT_EQ(out, "plain-job_01.x");
}

TEST(TextWriter, FormatsValuesAsGoParsesThem)
{
	EXPECT_EQ(value(0), "0");
	EXPECT_EQ(value(-0.0), "0");
	EXPECT_EQ(value(42), "42");
	EXPECT_EQ(value(1767225600.123), "1767225600.123");
	EXPECT_EQ(value(0.25), "0.25");
	EXPECT_EQ(value(1e300), "1e+300");
	EXPECT_EQ(value(std::numeric_limits<double>::infinity()), "+Inf");
	EXPECT_EQ(value(-std::numeric_limits<double>::infinity()), "-Inf");
	EXPECT_EQ(value(std::nan("")), "NaN");
}

TEST(TextWriter, WritesACumulativeHistogramWithInfSumAndCount)
{
	Histogram h(bounds);
	for (double v : {0.05, 0.1, 0.7, 3.0})
		h.observe(v);
	std::string out;
	TextWriter w(out);
	w.family(histogramFamily);
	w.histogram({"StartRestoreTask"}, h);
	EXPECT_EQ(out, "# HELP x_request_duration_seconds Time.\n"
		       "# TYPE x_request_duration_seconds histogram\n"
		       "x_request_duration_seconds_bucket{action=\"StartRestoreTask\",le=\"0.1\"} 2\n"
		       "x_request_duration_seconds_bucket{action=\"StartRestoreTask\",le=\"1\"} 3\n"
		       "x_request_duration_seconds_bucket{action=\"StartRestoreTask\",le=\"2.5\"} 3\n"
		       "x_request_duration_seconds_bucket{action=\"StartRestoreTask\",le=\"+Inf\"} 4\n"
		       "x_request_duration_seconds_sum{action=\"StartRestoreTask\"} 3.85\n"
		       "x_request_duration_seconds_count{action=\"StartRestoreTask\"} 4\n");
}

TEST(Histogram, CountsAValueOnABoundIntoThatBucketAndBeyondTheLastIntoInf)
{
	Histogram h(bounds);
	h.observe(1);
	h.observe(2.5);
	h.observe(1000);
	EXPECT_EQ(h.counts(), (std::vector<std::uint64_t>{0, 1, 1, 1}));
	EXPECT_EQ(h.count(), 3u);
	EXPECT_DOUBLE_EQ(h.sum(), 1003.5);
}

} // namespace
} // namespace metrics
