// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace metrics {

// Observations counted into fixed buckets, as a Prometheus histogram
// exposes them. The bounds are the family's (Family::buckets), so every
// histogram of a family has the same buckets. A plain value owned by its
// counter set (ApiCounters); used on one thread.
class Histogram
{
public:
	// bounds: upper bounds, finite and ascending (familyProblem checks the
	// family's); the +Inf bucket is implied.
	explicit Histogram(std::span<const double> bounds);

	void observe(double value);

	std::span<const double> bounds() const { return bounds_; }
	// Per bucket, not cumulative: counts()[i] holds observations in
	// (bounds[i-1], bounds[i]]; the last element is the +Inf overflow.
	const std::vector<std::uint64_t> &counts() const { return counts_; }
	double sum() const { return sum_; }
	std::uint64_t count() const { return count_; }

private:
	std::span<const double> bounds_;
	std::vector<std::uint64_t> counts_;
	double sum_ = 0;
	std::uint64_t count_ = 0;
};

} // namespace metrics
