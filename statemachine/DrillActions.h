// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "statemachine/JobEvents.h"
#include "statemachine/MachineEvents.h"

namespace statemachine {

class RunContext;

// The actions of a run's drill phases (docs/state-machine.md, "Drill
// phases"): the evidence a finished poll brings for the drill history, the
// verify hook and its verdict, the end of the notify hook. Which one runs
// is the transition table's choice (RunGuards.h).
// Called only from the machine's strand, on the JobMachine's RunContext.

// The watched task or set finished: notes what the drill history keeps (a
// restore's DBS finish time and the set it restored, a backup set's end).
void noteEvidence(RunContext &c, const PollOutcome &e);
// The steps are over: the last one is done, and a missed RTO is logged.
void completeSteps(RunContext &c);
// The steps succeeded and the job verifies: Persist, RunHook{Verify}.
void startVerify(RunContext &c);
// Resumed while verifying: the hook runs again, with the same run id.
void resumeVerify(RunContext &c, const Begin &e);
// The verify hook ended: the verdict is recorded and logged, and the run
// succeeds (verified, or on_failure: warn) or fails.
void passVerification(RunContext &c, const HookFinished &e);
void failVerification(RunContext &c, const HookFinished &e);
// Resumed with its outcome decided: the notify hook runs again.
void resumeWrapUp(RunContext &c, const Begin &e);
// The notify hook ended: a failure is logged and never changes the
// outcome; the run is recorded.
void endNotify(RunContext &c, const HookFinished &e);

} // namespace statemachine
