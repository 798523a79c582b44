// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "metrics/Histogram.h"

namespace metrics {

// How an API call ended, as the `result` label says it: ok, or the class
// of its error (dbs::ErrorClass; the daemon maps one to the other).
enum class ApiResult { Ok, Transient, Throttled, Clock, Permanent, Business };

inline constexpr std::array<ApiResult, 6> apiResults{
	ApiResult::Ok, ApiResult::Transient, ApiResult::Throttled,
	ApiResult::Clock, ApiResult::Permanent, ApiResult::Business,
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

	// In action name order.
	void forEach(const std::function<void(std::string_view action, const Action &)> &visit) const;

private:
	std::map<std::string, Action, std::less<>> actions_;
};

} // namespace metrics
