// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string_view>

namespace metrics {

enum class MetricType { Counter, Gauge, Histogram };

std::string_view toString(MetricType t);

// One metric family as the text exposition declares it: a name, a help
// line, a type and the names of its labels (a histogram's `le` is not
// among them: the writer adds it). The unit is the name's last word, as
// Prometheus's naming rules want (base units: `_seconds`, `_bytes`,
// `_ratio`); a count has none, and a counter's name ends in `_total` after
// it. Families are constants with static storage (DaemonFamilies.h), so
// the spans and views never dangle. Every member has an initializer, so
// a family without labels compiles cleanly under -Wextra. Immutable; any
// thread.
struct Family {
	std::string_view name{};
	std::string_view help{};
	MetricType type = MetricType::Gauge;
	std::string_view unit{}; // "seconds", "bytes", "ratio" or "" for a count
	std::span<const std::string_view> labels{};
	std::span<const double> buckets{}; // histograms: upper bounds, ascending, without +Inf
};

} // namespace metrics
