// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/Family.h"

namespace metrics {

// What is wrong with a family's declaration, or nullopt: a name or label
// that is not snake_case, a unit that is not the name's suffix, a counter
// without `_total` (or a gauge with it), a histogram without buckets or
// with buckets out of order, a reserved label (`le`, or one starting with
// `__`), a help line that is empty. These are the rules
// `promtool check metrics` lints, checked here so no scrape is needed to
// find them. Pure.
std::optional<std::string> familyProblem(const Family &f);

// Every family one exposition may contain, in the order they are written.
// Declaring a family twice or a family with a problem is a bug (assert):
// the families are constants, so a test that builds the registry once
// proves them all. Owned by whoever builds it (DaemonFamilies.cpp keeps the
// daemon's as a function-local static); immutable once built, any thread.
class Registry
{
public:
	void add(const Family &f);

	const std::vector<const Family *> &families() const { return families_; }
	const Family *find(std::string_view name) const;

private:
	std::vector<const Family *> families_;
};

} // namespace metrics
