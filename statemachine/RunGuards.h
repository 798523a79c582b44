// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "statemachine/ApiAction.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobEvents.h"
#include "statemachine/MachineEvents.h"

namespace statemachine {

class RunContext;

// The questions behind JobMachine's guards. Each is pure: it reads the run
// and the event and changes nothing, so a guard may be asked any number of
// times. A classifier returns one value per row of its event, and each row's
// guard tests one value, so the table shows every way an event can go.
// Any thread may call them on a RunContext it may read.

// Begin: the record is finished, does not match the spec, or its step is in
// a phase no state resumes.
bool unusableRecord(const RunContext &c);
bool resumesInCall(const RunContext &c);
bool resumesInPoll(const RunContext &c);

enum class AfterCall { NextCall, Poll, RunDone };
AfterCall afterCall(const RunContext &c, const ApiSucceeded &e);

// Observe: DBS refused a re-sent StartRestoreTask; the next poll decides.
enum class AfterFailure { Retry, Observe, Fail };
AfterFailure afterFailure(const RunContext &c, const ApiFailed &e);

// AskDetail: the task failed, or never left init in time (precheck): fail
// with DBS's own reason.
enum class AfterPoll { Continue, AskDetail, NextStep, RunDone };
AfterPoll afterPoll(const RunContext &c, const PollOutcome &e);

// DescribeJobErrorCode answered a question asked while polling a task in
// init: DBS names a precheck error; or, after a refused start, it names
// none and the start is sent again (or the budget is spent).
enum class AfterAnswer { Clear, PrecheckFailed, RetryStart, RefusedForGood };
AfterAnswer afterAnswer(const RunContext &c, const JobErrorCodeAnswered &e);

// In FetchingErrorDetail: a lookup that failed transiently is asked again.
bool lookupRetryable(const RunContext &c, const JobErrorCodeAnswered &e);

TimerKind timerKind(const TimerFired &e);
// A deadline or stall while a restore task is watched: DBS is asked why
// before the run fails (the work region handles it, not the lifetime one).
bool limitReachedOnTask(const RunContext &c, const TimerFired &e);
bool limitReachedElsewhere(const RunContext &c, const TimerFired &e);

// The call the machine waits for in Calling, or the one it would send now.
ApiAction currentAction(const RunContext &c);
ApiAction nextAction(const RunContext &c);
// The first set in a FindBackupSet answer that was not on the plan before
// StartBackupPlan was first sent, or "".
std::string newBackupSet(const RunContext &c, const ApiSucceeded &e);

} // namespace statemachine
