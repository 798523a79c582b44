// SPDX-License-Identifier: Apache-2.0
#include "history/HistorySummary.h"

#include <algorithm>
#include <map>

namespace history {

std::vector<JobSummary> summarize(const std::vector<DrillRecord> &records)
{
	std::map<std::string, std::vector<const DrillRecord *>> byJob;
	for (const auto &r : records)
		byJob[r.jobId].push_back(&r);
	std::vector<JobSummary> out;
	for (const auto &[jobId, runs] : byJob) {
		JobSummary s;
		s.jobId = jobId;
		s.runs = runs.size();
		std::vector<std::int64_t> durations;
		const DrillRecord *last = runs.front();
		for (const DrillRecord *r : runs) {
			if (r->finishedAtMs >= last->finishedAtMs)
				last = r;
			if (r->verification == Verification::Verified)
				s.lastVerifiedMs =
					std::max(s.lastVerifiedMs.value_or(r->finishedAtMs), r->finishedAtMs);
			if (auto d = restoreDurationMs(*r))
				durations.push_back(*d);
			if (auto met = rtoMet(*r)) {
				++s.rtoMeasured;
				s.rtoMet += *met ? 1 : 0;
			}
		}
		s.last = *last;
		if (!durations.empty()) {
			std::sort(durations.begin(), durations.end());
			s.p50RestoreMs = durations[(durations.size() + 1) / 2 - 1];
			s.maxRestoreMs = durations.back();
		}
		out.push_back(std::move(s));
	}
	return out;
}

std::string rtoMetRatio(const JobSummary &s)
{
	if (s.rtoMeasured == 0)
		return "-";
	return std::to_string(s.rtoMet) + "/" + std::to_string(s.rtoMeasured) + " (" +
	       std::to_string(s.rtoMet * 100 / s.rtoMeasured) + "%)";
}

} // namespace history
