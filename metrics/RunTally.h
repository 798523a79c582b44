// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "metrics/DrillOutcome.h"
#include "metrics/JobSnapshot.h"

namespace metrics {

// How one run ended, as the daemon reports it when the run finishes.
struct RunEnd {
	statemachine::Outcome run = statemachine::Outcome::None;
	Verification verification = Verification::NotRun;
	bool rtoMissed = false;
	std::int64_t finishedAtMs = 0;
	std::int64_t restoreDurationMs = 0; // 0: not known (no restore step reached its end)
};

// What the metrics remember of a job's finished runs since the daemon
// started: runs per outcome, and the times and restore duration of the
// last success, which a later failed run must not erase. The state file
// keeps only the last outcome, so after a restart these start again from
// it (docs/operations.md says which series start at 0).
struct JobRunStats {
	std::array<std::uint64_t, drillOutcomes.size()> runs{};
	// The last run recorded here, with what only a live run knows (its
	// verification), told apart from an older one by its end time.
	std::optional<DrillOutcome> lastOutcome;
	std::int64_t lastFinishedMs = 0;
	std::int64_t lastSuccessMs = 0;
	std::int64_t lastVerifiedMs = 0;
	std::int64_t restoreDurationMs = 0;
};

// Every job's JobRunStats, by job id. Owned by the Daemon; used only on its
// io_context thread.
class RunTally
{
public:
	void record(const std::string &jobId, const RunEnd &end);
	const JobRunStats *find(std::string_view jobId) const;
	// Forgets the jobs that are not in `jobs` (sorted by id, as a scrape
	// lists them), so a removed job's counts do not come back with it.
	void retainOnly(std::span<const JobSnapshot> jobs);
	std::size_t size() const { return jobs_.size(); }

private:
	std::map<std::string, JobRunStats, std::less<>> jobs_;
};

} // namespace metrics
