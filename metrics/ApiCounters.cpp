// SPDX-License-Identifier: Apache-2.0
#include "metrics/ApiCounters.h"

#include <algorithm>

#include "metrics/DaemonFamilies.h"

namespace metrics {

namespace {

// The DBS actions dbs::DbsClient sends (its public calls and their paged walks).
constexpr std::array<std::string_view, 6> knownActions{
	"CreateRestoreTask",       "DescribeFullBackupList", "DescribeJobErrorCode",
	"DescribeRestoreTaskList", "StartBackupPlan",        "StartRestoreTask",
};

} // namespace

std::string_view toString(ApiResult r) { return r ? base::toString(*r) : "ok"; }

std::size_t ApiCounters::indexOf(ApiResult result)
{
	return static_cast<std::size_t>(std::find(apiResults.begin(), apiResults.end(), result) - apiResults.begin());
}

ApiCounters::ApiCounters()
{
	for (auto action : knownActions)
		actions_.emplace(std::string(action), Action(families::apiRequestDuration.buckets));
}

void ApiCounters::record(std::string_view action, ApiResult result, double seconds)
{
	auto it = actions_.find(action);
	if (it == actions_.end())
		it = actions_.emplace(std::string(action), Action(families::apiRequestDuration.buckets)).first;
	++it->second.requests[indexOf(result)];
	it->second.duration.observe(seconds);
}

void ApiCounters::forEach(const std::function<void(std::string_view, const Action &)> &visit) const
{
	for (const auto &[name, action] : actions_)
		visit(name, action);
}

} // namespace metrics
