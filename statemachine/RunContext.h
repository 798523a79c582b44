// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "config/JobSpec.h"
#include "statemachine/Backoff.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobEvents.h"
#include "statemachine/JobRun.h"
#include "statemachine/RandomSource.h"
#include "statemachine/RestoreStatus.h"

namespace statemachine {

// Internal event: the run (fresh or loaded) enters the machine.
struct Begin {
	std::int64_t nowMs = 0;
	bool resumed = false;
};

// Internal event: a restore or backup-set poll, already classified.
struct PollOutcome {
	std::int64_t nowMs = 0;
	RestoreVerdict verdict = RestoreVerdict::Unknown;
	std::string status;
	std::array<int, 4> progress{};
	std::string errMessage;
	std::string contradiction; // non-empty: the answer contradicts itself (RestoreStatus.h)
};

// The data and decisions behind JobMachine's transition table: every guard
// is a const question asked here, every action a method that changes the
// run record and appends commands. Kept apart from the MSM translation unit
// so that the logic compiles quickly and reads as plain C++.
// Owned by JobMachine; called only from the machine's strand.
class RunContext {
public:
	RunContext(config::JobSpecPtr spec, JobRun run, RandomSource &random);

	static JobRun freshRun(const config::JobSpec &spec, std::string runId, std::int64_t nowMs);

	const config::JobSpec &spec() const { return *spec_; }
	const JobRun &run() const { return run_; }
	Commands takeCommands();
	void log(LogKind kind, Severity severity, std::string message);

	enum class AfterCall { NextCall, Poll, RunDone };
	// Observe: DBS refused a StartRestoreTask; the next poll decides.
	enum class AfterFailure { Retry, Observe, Fail };
	// AskDetail: the task failed, or never left init in time (precheck):
	// fail with DBS's own reason.
	enum class AfterPoll { Continue, AskDetail, NextStep, RunDone };
	// DescribeJobErrorCode answered a question asked while polling a task
	// in init: DBS names a precheck error; or, after a refused start, it
	// names none and the start is sent again (or the budget is spent).
	enum class AfterAnswer { Clear, PrecheckFailed, RetryStart, RefusedForGood };
	// In FetchingErrorDetail: a lookup that failed transiently is asked again.
	bool lookupRetryable(const JobErrorCodeAnswered &e) const;

	// Guards.
	bool unusableRecord() const;
	bool resumesInCall() const;
	bool resumesInPoll() const;
	AfterCall afterCall(const ApiSucceeded &e) const;
	AfterFailure afterFailure(const ApiFailed &e) const;
	AfterPoll afterPoll(const PollOutcome &e) const;
	bool limitReached(const TimerFired &e) const;
	// A deadline or stall while a restore task is watched: DBS is asked why
	// before the run fails (the work region handles it, not the lifetime one).
	bool limitReachedOnTask(const TimerFired &e) const;
	bool limitReachedElsewhere(const TimerFired &e) const { return limitReached(e) && !limitReachedOnTask(e); }
	AfterAnswer afterAnswer(const JobErrorCodeAnswered &e) const;
	bool paused() const { return run_.paused; }
	ApiAction currentAction() const;
	bool currentStepIsBackup() const { return isBackupStep(); }
	const StepRun &currentStep() const { return step(); }

	// Actions.
	void begin(const Begin &e);
	void failUnusable(const Begin &e);
	void issueCall(std::int64_t nowMs);
	void requestPoll();
	void recordCall(const ApiSucceeded &e);
	void startPolling(std::int64_t nowMs);
	void nextStep(std::int64_t nowMs);
	void succeed(std::int64_t nowMs);
	void armRetry(const ApiFailed &e);
	void observeStart(const ApiFailed &e);
	void failCall(const ApiFailed &e);
	void settleStart(const PollOutcome &e);
	void retryStart(const JobErrorCodeAnswered &e);
	void failRefused(const JobErrorCodeAnswered &e);
	void armLookupRetry(const JobErrorCodeAnswered &e);
	void askAgain();
	void notePoll(const PollOutcome &e);
	void askErrorCode(const PollOutcome &e);
	void askErrorCodeOnLimit(const TimerFired &e);
	void notePrecheckClear(const JobErrorCodeAnswered &e);
	void failWithDetail(const JobErrorCodeAnswered &e);
	void failGone(const TaskGone &e);
	void cancel(std::int64_t nowMs, const std::string &why);
	void expire(const TimerFired &e);
	void saveForShutdown(const ShutdownRequested &e);
	void noteFileChanged(const FileChanged &e);

private:
	StepRun &step() { return run_.steps[static_cast<std::size_t>(run_.stepIndex)]; }
	const StepRun &step() const { return run_.steps[static_cast<std::size_t>(run_.stepIndex)]; }
	const config::Step &specStep() const { return spec_->steps[static_cast<std::size_t>(run_.stepIndex)]; }
	bool isBackupStep() const;
	std::string taskName() const; // the name this step's CreateRestoreTask gives its task
	ApiAction nextAction() const;  // the call issueCall() would send now
	// The first set in a FindBackupSet answer that was not on the plan before
	// StartBackupPlan was first sent, or "".
	std::string newBackupSet(const ApiSucceeded &e) const;
	bool lastStep() const { return run_.stepIndex + 1 >= static_cast<int>(run_.steps.size()); }
	void finish(Outcome outcome, std::string reason, std::int64_t nowMs, LogKind kind);
	void warnIfRestoreKeepsRunning();
	void emit(Command c) { out_.push_back(std::move(c)); }

	config::JobSpecPtr spec_; // never null
	JobRun run_;
	Backoff backoff_;
	RandomSource &random_;
	Commands out_;
	bool callIsResend_ = false; // the call in flight re-sends an earlier, unanswered one
	// The plan was searched for this run's task name since the last create
	// failed; not persisted, so a resumed run always looks first.
	bool lookedUp_ = false;
	// The call the machine waits for in Calling (answers to others are dropped).
	std::optional<ApiAction> inFlight_;
	bool questionPending_ = false; // a DescribeJobErrorCode asked while polling is unanswered
	int lookupAttempts_ = 0;       // failed DescribeJobErrorCode lookups before failing
	void askQuestion(const PollOutcome &e);
	// Why the run fails once DescribeJobErrorCode answers (set when asking).
	std::string failWhy_;
	LogKind failKind_ = LogKind::Failed;
	bool warnKeepsRunning_ = false;
};

} // namespace statemachine
