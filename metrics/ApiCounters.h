// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/ApiError.h"
#include "metrics/Histogram.h"

namespace metrics {

// How an API request ended, as the `result` label says it: ok (nullopt),
// or its error's class under base::toString(ErrorClass)'s name: transient,
// throttled, clock, permanent, business.
using ApiResult = std::optional<base::ErrorClass>;

inline constexpr std::array<ApiResult, 6> apiResults{
	std::nullopt,
	base::ErrorClass::Transient,
	base::ErrorClass::Throttled,
	base::ErrorClass::Clock,
	base::ErrorClass::Permanent,
	base::ErrorClass::Business,
};

std::string_view toString(ApiResult r);

// API requests per action and result, and their durations per action, for
// dbs_restored_api_requests_total and dbs_restored_api_request_duration_seconds.
// Every action the daemon calls is known from the start, so each series is
// exported at 0 before its first request; an action not in that list is
// added when first seen. Counts only grow (they are counters) and start at
// 0 with the process. Owned by the Daemon; used only on its io_context
// thread, where the DbsClient reports each finished request.
class ApiCounters
{
public:
	struct Action {
		explicit Action(std::span<const double> buckets) : duration(buckets) {}
		std::array<std::uint64_t, apiResults.size()> requests{};
		Histogram duration;
	};

	ApiCounters();

	void record(std::string_view action, ApiResult result, double seconds);
	// Where a result's count is in Action::requests: its place in apiResults.
	static std::size_t indexOf(ApiResult result);

	// In action name order.
	void forEach(const std::function<void(std::string_view action, const Action &)> &visit) const;

private:
	std::map<std::string, Action, std::less<>> actions_;
};

} // namespace metrics
