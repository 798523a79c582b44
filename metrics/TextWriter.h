// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "metrics/Family.h"

namespace metrics {

class Histogram;

// The Prometheus text exposition format, version 0.0.4: per family a
// `# HELP` and a `# TYPE` line, then its samples, each
// `name{label="value",...} value`. Label values escape `\`, `"` and the
// line feed; help text escapes `\` and the line feed. A histogram becomes
// cumulative `_bucket{le="..."}` samples ending in `le="+Inf"`, then
// `_sum` and `_count`.
//
// It appends to a string the caller owns, so a scrape builds one buffer
// and no per-sample objects: at 10,000 jobs an exposition has about
// 250,000 samples (bench/MetricsBench.cpp). Writing a sample that does not
// belong to the current family, with the wrong number of label values, or
// a family twice in a row is a bug (assert). One writer per exposition,
// on the caller's thread.
class TextWriter
{
public:
	explicit TextWriter(std::string &out) : out_(out) {}

	// Starts a family: its HELP and TYPE lines.
	void family(const Family &f);
	// One sample of the current family (not a histogram), label values in
	// the family's label order.
	void sample(std::initializer_list<std::string_view> labelValues, double value);
	void sample(double value) { sample({}, value); }
	// The same with label values escaped already (appendLabelValue): a
	// value written many times, such as a job id in each per-job family,
	// is escaped once per exposition, from one buffer read in order.
	void sampleEscaped(std::initializer_list<std::string_view> escapedLabelValues, double value);
	// One histogram of the current (histogram) family.
	void histogram(std::initializer_list<std::string_view> labelValues, const Histogram &h);

	// Pure helpers, exposed for tests.
	static void appendLabelValue(std::string &out, std::string_view value);
	static void appendHelp(std::string &out, std::string_view help);
	// A sample value as Go's ParseFloat reads it: integers without an
	// exponent, others in the shortest form that reads back exactly,
	// and +Inf, -Inf, NaN.
	static void appendValue(std::string &out, double value);

private:
	void labels(std::initializer_list<std::string_view> values, std::string_view le, bool escaped);
	void line(std::string_view suffix, std::initializer_list<std::string_view> labelValues, std::string_view le,
		  double value, bool escaped = false);

	std::string &out_;
	const Family *current_ = nullptr;
};

} // namespace metrics
