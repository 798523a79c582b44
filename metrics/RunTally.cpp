// SPDX-License-Identifier: Apache-2.0
#include "metrics/RunTally.h"

#include <cassert>

namespace metrics {

void RunTally::record(const std::string &jobId, const RunEnd &end)
{
	if (JobRunStats *stats = remember(jobId, end))
		++stats->runs[indexOf(*stats->lastOutcome)];
}

void RunTally::seed(const std::string &jobId, const RunEnd &end) { remember(jobId, end); }

JobRunStats *RunTally::remember(const std::string &jobId, const RunEnd &end)
{
	auto outcome = drillOutcome(end.run, end.verification, end.rtoMissed);
	assert(outcome); // a finished run has an outcome
	if (!outcome)
		return nullptr;
	JobRunStats &stats = jobs_[jobId];
	stats.lastOutcome = outcome;
	stats.lastFinishedMs = end.finishedAtMs;
	if (end.run == statemachine::Outcome::Succeeded) {
		stats.lastSuccessMs = end.finishedAtMs;
		stats.restoreDurationMs = end.restoreDurationMs;
	}
	if (end.verification == Verification::Verified)
		stats.lastVerifiedMs = end.finishedAtMs;
	return &stats;
}

const JobRunStats *RunTally::find(std::string_view jobId) const
{
	auto it = jobs_.find(jobId);
	return it == jobs_.end() ? nullptr : &it->second;
}

void RunTally::retainOnly(std::span<const JobSnapshot> jobs)
{
	// Both sorted by id: one merge walk.
	auto job = jobs.begin();
	for (auto it = jobs_.begin(); it != jobs_.end();) {
		while (job != jobs.end() && job->id < it->first)
			++job;
		if (job != jobs.end() && job->id == it->first)
			++it;
		else
			it = jobs_.erase(it);
	}
}

} // namespace metrics
