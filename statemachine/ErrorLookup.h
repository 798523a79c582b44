// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "statemachine/JobEvents.h"
#include "statemachine/MachineEvents.h"

namespace statemachine {

class RunContext;

// The actions around DescribeJobErrorCode: every failure of a started task
// carries DBS's own reason (docs/state-machine.md, evidence rules 2 to 4).
// Asking records why the run would fail; the answer adds DBS's words to
// that reason, or clears a suspicion, or re-sends a start that did not take.
// Which one runs is the transition table's choice (RunGuards.h).
// Called only from the machine's strand, on the JobMachine's RunContext.

// While polling a task in init: asks after a refused start at once, else on
// the 3rd such poll and every 5th after it (evidence rule 3).
void askQuestion(RunContext &c, const PollOutcome &e);
// The task failed, or stayed init past precheck_timeout.
void askErrorCode(RunContext &c, const PollOutcome &e);
// The deadline or a stall ended a run that watches a restore task.
void askErrorCodeOnLimit(RunContext &c, const TimerFired &e);
void askAgain(RunContext &c);
void armLookupRetry(RunContext &c, const JobErrorCodeAnswered &e);
void notePrecheckClear(RunContext &c, const JobErrorCodeAnswered &e);
// A refused start did not take (the task is init, DBS names no error):
// back to Starting, with the retry timer.
void retryStart(RunContext &c, const JobErrorCodeAnswered &e);
void failRefused(RunContext &c, const JobErrorCodeAnswered &e);
void failWithDetail(RunContext &c, const JobErrorCodeAnswered &e);

} // namespace statemachine
