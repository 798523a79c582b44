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

// What the metrics remember of a job's finished runs: runs per outcome
// since the daemon started, and the times and restore duration of the last
// success and the last verification, which a later failed run must not
// erase. At start the times are seeded from the drill history (seed()), so
// a restart keeps them; the counts are not (docs/operations.md, "Metrics").
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
	// A run that ended in this process: counted, and its times kept.
	void record(const std::string &jobId, const RunEnd &end);
	// A run from the drill history, oldest first: its times and outcome
	// are kept, but it is not counted. A counter Prometheus sees restart
	// at a value other than 0 reads as that many new runs, and the history
	// is bounded anyway, so it could not give the true total.
	void seed(const std::string &jobId, const RunEnd &end);
	const JobRunStats *find(std::string_view jobId) const;
	// Forgets the jobs that are not in `jobs` (sorted by id, as a scrape
	// lists them), so a removed job's counts do not come back with it.
	void retainOnly(std::span<const JobSnapshot> jobs);
	std::size_t size() const { return jobs_.size(); }

private:
	JobRunStats *remember(const std::string &jobId, const RunEnd &end);

	std::map<std::string, JobRunStats, std::less<>> jobs_;
};

} // namespace metrics
