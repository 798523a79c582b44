// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "statemachine/JobCommand.h"
#include "statemachine/JobEvents.h"
#include "statemachine/JobRun.h"
#include "statemachine/MachineState.h"
#include "statemachine/RandomSource.h"

namespace statemachine {

// The pure per-run state machine (docs/state-machine.md). It never does I/O
// and has no clock or randomness of its own: each event carries the time,
// and each handler returns the commands the daemon must execute, in order.
// The Boost.MSM machine lives in JobMachine.cpp behind this plain header.
//
// Owned by the daemon's Job object; every method must be called from the
// strand (the one event loop) that owns that job. Not copyable.
class JobMachine
{
public:
	// A machine for a new run: call handle(JobStarted) next.
	explicit JobMachine(RandomSource &random);
	// A machine for a run loaded from its record: call resume() next.
	JobMachine(config::JobSpecPtr spec, JobRun run, RandomSource &random);
	~JobMachine();
	JobMachine(const JobMachine &) = delete;
	JobMachine &operator=(const JobMachine &) = delete;

	Commands handle(const JobStarted &e);
	// Puts a loaded run back where it was: a call that was due or sent and
	// unanswered is (re-)sent with its stored token, a running task is polled.
	Commands resume(std::int64_t nowMs);

	Commands handle(const ApiSucceeded &e);
	Commands handle(const ApiFailed &e);
	Commands handle(const RestorePolled &e);
	Commands handle(const BackupSetPolled &e);
	Commands handle(const JobErrorCodeAnswered &e);
	Commands handle(const TaskGone &e);
	Commands handle(const TimerFired &e);
	Commands handle(const FileChanged &e);
	Commands handle(const FileRemoved &e);
	Commands handle(const CancelRequested &e);
	Commands handle(const ShutdownRequested &e);
	Commands handle(const HookFinished &e);
	// Evidence for the drill record, not a step: taken in any state until
	// the run is recorded (statemachine/SetEvidence.h), so it bypasses the
	// table, whose interrupt states block all but the wrap-up once decided.
	Commands handle(const BackupSetDescribed &e);

	MachineState state() const;
	// The outcome is decided: only the run's wrap-up (its notify hook, its
	// drill record) may follow, and the daemon sends no more calls for it.
	bool decided() const;
	// The run is over: decided and wrapped up (runOver).
	bool finished() const;
	// The run record; valid after handle(JobStarted) or for a loaded run.
	const JobRun &run() const;
	// The definition the run started with (shared with the job that made
	// it, never changed), valid when run() is.
	const config::JobSpec &spec() const;

	struct Fsm; // the Boost.MSM back end, defined in JobMachine.cpp

private:
	template<class Event>
	Commands dispatch(const Event &e);

	RandomSource &random_;
	std::unique_ptr<Fsm> fsm_;
};

} // namespace statemachine
