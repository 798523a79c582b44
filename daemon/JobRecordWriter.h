// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "config/JobSpec.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobRun.h"

namespace restored {

namespace os {
class StateFlusher;
class StateStore;
} // namespace os

// Writes one job's state record (a JobRecord; docs/state-file.md) and
// decides how durable each write must be:
// - Token: the record holds a ClientToken that a following call carries.
//   It joins the group commit of the current burst, and flushBeforeSend()
//   makes sure it is on disk before the call leaves, so a power cut can
//   never lose a token DBS has seen.
// - Hook: the record says which hook runs next, and holds the result of
//   the one before. Saved Durable at once, before the hook starts, so a
//   restart runs again only a hook whose result was never recorded.
// - Outcome: the run ended. It joins a group commit after the burst
//   (StateFlusher::eventually): a run resumed from its previous record
//   polls and finds the same end.
// - Progress: anything else. Rewritten at most every visibleWriteInterval
//   (and never staler than a quarter of the stall timeout) while only
//   progress changes, and without the directory fsync: losing it costs
//   nothing, and one write per job per poll was the daemon's largest
//   steady cost at 10,000 jobs (bench/RESULTS.md).
//
// Owned by its Job, whose id it refers to; used only on the daemon's
// io_context thread.
class JobRecordWriter
{
public:
	enum class Write { Token, Hook, Outcome, Progress };

	// The Write a Persist command needs, given the commands from it to the
	// end of its batch: a call after it carries a token; a RunHook after it
	// starts a hook; a Finished after it ends the run. Pure.
	static Write writeFor(std::span<const statemachine::Command> rest);

	static constexpr std::chrono::milliseconds visibleWriteInterval{std::chrono::minutes(5)};

	JobRecordWriter(os::StateStore &store, os::StateFlusher &flusher, const std::string &jobId);

	// Saves the record (or skips a progress-only one, see above). Returns
	// the error text when it could not be written; the previous record is
	// then intact.
	std::optional<std::string> write(Write write, const config::JobSpec &spec, const statemachine::JobRun &run,
					 std::int64_t nowMs);
	// Before a mutating call leaves: flushes the job's record now if it
	// still waits for its group commit. Returns the error text on failure.
	std::optional<std::string> flushBeforeSend();
	// The daemon stops: the saved record is where the next start resumes,
	// so from now on no write is skipped.
	void writeEverything() { writeAll_ = true; }

private:
	// Everything in the run record except progress and its time.
	static std::string shapeOf(const statemachine::JobRun &run);

	os::StateStore &store_;
	os::StateFlusher &flusher_;
	const std::string &jobId_;
	std::int64_t lastWriteMs_ = 0; // wall ms of the last record written
	std::string lastShape_;        // shapeOf() that record
	bool writeAll_ = false;
};

} // namespace restored
