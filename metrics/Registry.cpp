// SPDX-License-Identifier: Apache-2.0
#include "metrics/Registry.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cmath>

namespace metrics {

namespace {

bool snakeCase(std::string_view s)
{
	if (s.empty() || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_'))
		return false;
	return std::all_of(s.begin(), s.end(), [](char c) {
		return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
		       c == '_';
	});
}

} // namespace

std::string_view toString(MetricType t)
{
	switch (t) {
	case MetricType::Counter: return "counter";
	case MetricType::Gauge: return "gauge";
	case MetricType::Histogram: return "histogram";
	}
	return "untyped";
}

std::optional<std::string> familyProblem(const Family &f)
{
	const std::string name(f.name);
	if (!snakeCase(f.name) || f.name.starts_with("__"))
		return name + ": the name is not snake_case";
	if (f.help.empty())
		return name + ": no help text";
	std::string_view stem = f.name;
	if (f.type == MetricType::Counter) {
		if (!stem.ends_with("_total"))
			return name + ": a counter's name ends in _total";
		stem.remove_suffix(6);
	} else if (stem.ends_with("_total")) {
		return name + ": only a counter's name ends in _total";
	}
	if (!f.unit.empty() && !stem.ends_with("_" + std::string(f.unit)))
		return name + ": the unit " + std::string(f.unit) + " is not the name's suffix";
	for (const auto &label : f.labels)
		if (!snakeCase(label) || label.starts_with("__") || label == "le")
			return name + ": label '" + std::string(label) + "' is not allowed";
	if (f.type == MetricType::Histogram) {
		if (f.buckets.empty())
			return name + ": a histogram needs buckets";
		for (std::size_t i = 0; i < f.buckets.size(); ++i)
			if (!std::isfinite(f.buckets[i]) || (i > 0 && f.buckets[i] <= f.buckets[i - 1]))
				return name + ": buckets must be finite and ascending";
	} else if (!f.buckets.empty()) {
		return name + ": only a histogram has buckets";
	}
	return std::nullopt;
}

void Registry::add(const Family &f)
{
	assert(!familyProblem(f));
	assert(!find(f.name));
	families_.push_back(&f);
}

const Family *Registry::find(std::string_view name) const
{
	auto it = std::find_if(families_.begin(), families_.end(), [name](const Family *f) { return f->name == name; });
	return it == families_.end() ? nullptr : *it;
}

} // namespace metrics
