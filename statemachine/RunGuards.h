// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "statemachine/ApiAction.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobEvents.h"
#include "statemachine/MachineEvents.h"
#include "statemachine/RestoreStatus.h"

namespace statemachine {

class RunContext;

// The questions behind JobMachine's guards. Each is pure: it reads the run
// and the event and changes nothing, so a guard may be asked any number of
// times. A classifier returns one value per row of its event, and each row's
// guard tests one value, so the table shows every way an event can go.
// Any thread may call them on a RunContext it may read.

// Begin: where the run picks up. Verify: its steps succeeded and the verify
// hook's result is not recorded; WrapUp: its outcome is decided and the
// notify hook's end is not recorded. Unusable: the record is over, does not
// match the spec, or its step is in a phase no state resumes.
enum class ResumeAt { Call, Poll, Verify, WrapUp, Unusable };
ResumeAt resumeAt(const RunContext &c);

// In Calling. NotInFlight: the answer is for another call than the one
// the machine waits for (a late reply); it is dropped. MissingId: a success
// without the id the next step needs is a broken reply, and fails the step
// rather than polling for nothing. Verify: as RunDone, for a job with a
// verify hook.
enum class AfterCall { NextCall, Poll, RunDone, Verify, MissingId, NotInFlight };
AfterCall afterCall(const RunContext &c, const ApiSucceeded &e);
// The field a success left out that the next step needs: RestoreTaskId
// from CreateRestoreTask, CreatedFullBackupsetId from a StartBackupPlan
// whose step waits for its set; "" when nothing is missing.
std::string_view missingId(const RunContext &c, const ApiSucceeded &e);

// In Calling. Observe: DBS refused a re-sent StartRestoreTask; the next
// poll decides. NotInFlight: as for AfterCall.
enum class AfterFailure { Retry, Observe, Fail, NotInFlight };
AfterFailure afterFailure(const RunContext &c, const ApiFailed &e);

// In Polling. AskDetail: the task failed, or never left init in time
// (precheck): fail with DBS's own reason. NotWatched: the poll is for a task
// or set this step does not watch (batched before the step moved on).
// Verify: as RunDone, for a job with a verify hook.
enum class AfterPoll { Continue, AskDetail, NextStep, RunDone, Verify, NotWatched };
AfterPoll afterPoll(const RunContext &c, const PollOutcome &e);
// What a poll says, by its subject's rules (RestoreStatus.h): a backup
// set's `finish` reads as Succeeded, its failures as Failed, anything else
// as InProgress (never Paused or Unknown).
RestoreVerdict pollVerdict(const PollOutcome &e);
// Why a restore task's answer contradicts itself, or ""; a backup set's
// answer has no finish time to contradict its status.
std::string pollContradiction(const PollOutcome &e);

// In Polling: the gone task is the one this step watches.
bool watchesTask(const RunContext &c, const TaskGone &e);

// DescribeJobErrorCode answered a question asked while polling a task in
// init: DBS names a precheck error; or, after a refused start, it names
// none and the start is sent again (or the budget is spent).
enum class AfterAnswer { Clear, PrecheckFailed, RetryStart, RefusedForGood };
AfterAnswer afterAnswer(const RunContext &c, const JobErrorCodeAnswered &e);

// In FetchingErrorDetail: a lookup that failed transiently is asked again.
bool lookupRetryable(const RunContext &c, const JobErrorCodeAnswered &e);

// In Verifying: the verify hook ended. Passes: it verified, or on_failure
// is warn (the verdict is still recorded); FailsRun: it did not, and
// on_failure is fail. NotVerifying: the answer is another hook's, or the
// run is past verifying.
enum class AfterVerify { Passes, FailsRun, NotVerifying };
AfterVerify afterVerify(const RunContext &c, const HookFinished &e);
// In a decided state: the notify hook the wrap-up waits for has ended.
bool endsNotify(const RunContext &c, const HookFinished &e);

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
