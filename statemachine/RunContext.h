// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "base/ApiError.h"
#include "config/JobSpec.h"
#include "statemachine/ApiAction.h"
#include "statemachine/Backoff.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobRun.h"
#include "statemachine/RandomSource.h"

namespace statemachine {

// The run behind JobMachine's transition table: the durable record, what
// the machine remembers beyond it, and the commands produced so far. The
// guards (RunGuards.h) only read it; the actions (RunActions.h,
// CallActions.h, PollActions.h, ErrorLookup.h) change it and append
// commands. Kept apart from the MSM translation unit so that the logic
// compiles quickly and reads as plain C++.
// Owned by JobMachine; called only from the machine's strand.
class RunContext
{
public:
	// What the machine knows beyond the record. Not persisted: a resumed run
	// starts with a fresh one, which is the cautious choice for each field.
	struct Memory {
		// The call the machine waits for in Calling (answers to others are dropped).
		std::optional<ApiAction> inFlight;
		bool callIsResend = false; // the call in flight re-sends an earlier, unanswered one
		// The plan was searched for this run's task or backup set since the
		// last create or start failed; a resumed run always looks first.
		bool lookedUp = false;
		bool questionPending = false; // a DescribeJobErrorCode asked while polling is unanswered
		int lookupAttempts = 0;       // failed DescribeJobErrorCode lookups before failing
		// Why the run fails once DescribeJobErrorCode answers (set when asking).
		std::string failWhy;
		// Failed, or DeadlineExceeded/Stalled: a run given up on while its
		// restore may still be running on DBS's side (a warning says so).
		LogKind failKind = LogKind::Failed;
		// The set whose end time was asked of DBS: once per run and process;
		// a restarted daemon may ask once more.
		std::string setEndAskedFor;
	};

	RunContext(config::JobSpecPtr spec, JobRun run, RandomSource &random);

	// The record a new run starts with: every token of every step derived.
	static JobRun freshRun(const config::JobSpec &spec, std::string runId, std::int64_t nowMs);
	// The phase a step starts in: Creating for a restore that creates its task.
	static StepPhase firstPhase(const config::Step &step);

	const config::JobSpec &spec() const { return *spec_; }
	const JobRun &run() const { return run_; }
	JobRun &run() { return run_; }
	const Memory &memory() const { return memory_; }
	Memory &memory() { return memory_; }

	StepRun &step() { return run_.steps[static_cast<std::size_t>(run_.stepIndex)]; }
	const StepRun &step() const { return run_.steps[static_cast<std::size_t>(run_.stepIndex)]; }
	const config::Step &specStep() const { return spec_->steps[static_cast<std::size_t>(run_.stepIndex)]; }
	bool isBackupStep() const;
	// A backup step that polls its new set before the next step begins.
	bool waitsForBackupSet() const;
	bool lastStep() const { return run_.stepIndex + 1 >= static_cast<int>(run_.steps.size()); }
	// The name this step's CreateRestoreTask gives its task ("" for other steps).
	std::string taskName() const;
	// "all N steps succeeded": the start of every successful run's reason.
	std::string allStepsSucceeded() const;
	// This step's CreateRestoreTask parameters; null unless it is a restore step that creates its task.
	const config::CreateRestore *createOf() const;

	// The backoff before retry number `retry` (0-based) after `error`.
	std::chrono::milliseconds retryDelay(int retry, const base::ApiError &error);

	void emit(Command c) { out_.push_back(std::move(c)); }
	void log(LogKind kind, Severity severity, std::string message);
	Commands takeCommands();

	// Decides the run's outcome (logged), then begins its wrap-up: the
	// notify hook when the run meets its `when` (Persist, RunHook), else
	// record(). A verify hook still running is stopped, and could not verify.
	void finish(Outcome outcome, std::string reason, std::int64_t nowMs, LogKind kind);
	// The last of a run: its drill record, the state record, Finished.
	void record();
	// Says so when the run ends while DBS keeps working for it.
	void warnIfRestoreKeepsRunning();
	// Why a deadline or stall timer ends the run.
	std::string limitReason(TimerKind kind, std::int64_t nowMs) const;

private:
	config::JobSpecPtr spec_; // never null
	JobRun run_;
	Backoff backoff_;
	RandomSource &random_;
	Memory memory_;
	Commands out_;
};

// How the machine words an API error and a duration in its logs and reasons.
std::string describe(const base::ApiError &e);
std::string ms(std::int64_t v);

} // namespace statemachine
