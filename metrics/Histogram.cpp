// SPDX-License-Identifier: Apache-2.0
#include "metrics/Histogram.h"

#include <algorithm>
#include <cassert>

namespace metrics {

Histogram::Histogram(std::span<const double> bounds) : bounds_(bounds), counts_(bounds.size() + 1, 0)
{
	assert(std::is_sorted(bounds.begin(), bounds.end()));
}

void Histogram::observe(double value)
{
	// `le` is inclusive: a value equal to a bound belongs to that bucket.
	auto at = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
	++counts_[static_cast<std::size_t>(at)];
	sum_ += value;
	++count_;
}

} // namespace metrics
