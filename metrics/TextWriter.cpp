// SPDX-License-Identifier: Apache-2.0
#include "metrics/TextWriter.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "metrics/Histogram.h"

namespace metrics {

void TextWriter::appendLabelValue(std::string &out, std::string_view value)
{
	// Most values (job ids, actions) need no escape: one append. A plain
	// loop, not find_first_of, which calls memchr once per character and
	// was half the cost of a scrape (bench/RESULTS.md, "Metrics").
	if (std::none_of(value.begin(), value.end(), [](char c) { return c == '\\' || c == '"' || c == '\n'; })) {
		out += value;
		return;
	}
	for (char c : value) {
		switch (c) {
		case '\\': out += "\\\\"; break;
		case '"': out += "\\\""; break;
		case '\n': out += "\\n"; break;
		default: out += c;
		}
	}
}

void TextWriter::appendHelp(std::string &out, std::string_view help)
{
	for (char c : help) {
		switch (c) {
		case '\\': out += "\\\\"; break;
		case '\n': out += "\\n"; break;
		default: out += c;
		}
	}
}

void TextWriter::appendValue(std::string &out, double value)
{
	if (std::isnan(value)) {
		out += "NaN";
		return;
	}
	if (std::isinf(value)) {
		out += value > 0 ? "+Inf" : "-Inf";
		return;
	}
	char buf[32];
	std::to_chars_result r;
	// Exactly representable integers (counts, whole seconds) print as
	// integers: "1" rather than "1e+00".
	if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0)
		r = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(value));
	else
		r = std::to_chars(buf, buf + sizeof buf, value);
	assert(r.ec == std::errc());
	out.append(buf, r.ptr);
}

void TextWriter::family(const Family &f)
{
	assert(current_ != &f);
	current_ = &f;
	out_ += "# HELP ";
	out_ += f.name;
	out_ += ' ';
	appendHelp(out_, f.help);
	out_ += "\n# TYPE ";
	out_ += f.name;
	out_ += ' ';
	out_ += toString(f.type);
	out_ += '\n';
}

void TextWriter::labels(std::initializer_list<std::string_view> values, std::string_view le, bool escaped)
{
	assert(values.size() == current_->labels.size());
	if (values.size() == 0 && le.empty())
		return;
	out_ += '{';
	auto name = current_->labels.begin();
	bool first = true;
	for (auto value : values) {
		if (!first)
			out_ += ',';
		first = false;
		out_ += *name++;
		out_ += "=\"";
		if (escaped)
			out_ += value;
		else
			appendLabelValue(out_, value);
		out_ += '"';
	}
	if (!le.empty()) {
		if (!first)
			out_ += ',';
		out_ += "le=\"";
		out_ += le;
		out_ += '"';
	}
	out_ += '}';
}

void TextWriter::line(std::string_view suffix, std::initializer_list<std::string_view> labelValues, std::string_view le,
		      double value, bool escaped)
{
	out_ += current_->name;
	out_ += suffix;
	labels(labelValues, le, escaped);
	out_ += ' ';
	appendValue(out_, value);
	out_ += '\n';
}

void TextWriter::sample(std::initializer_list<std::string_view> labelValues, double value)
{
	assert(current_ && current_->type != MetricType::Histogram);
	line({}, labelValues, {}, value);
}

void TextWriter::sampleEscaped(std::initializer_list<std::string_view> escapedLabelValues, double value)
{
	assert(current_ && current_->type != MetricType::Histogram);
	line({}, escapedLabelValues, {}, value, true);
}

void TextWriter::histogram(std::initializer_list<std::string_view> labelValues, const Histogram &h)
{
	assert(current_ && current_->type == MetricType::Histogram);
	assert(h.bounds().data() == current_->buckets.data());
	std::uint64_t cumulative = 0;
	std::string le;
	for (std::size_t i = 0; i <= h.bounds().size(); ++i) {
		cumulative += h.counts()[i];
		le.clear();
		if (i < h.bounds().size())
			appendValue(le, h.bounds()[i]);
		else
			le = "+Inf";
		line("_bucket", labelValues, le, static_cast<double>(cumulative));
	}
	line("_sum", labelValues, {}, h.sum());
	line("_count", labelValues, {}, static_cast<double>(h.count()));
}

} // namespace metrics
