// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "statemachine/JobEvents.h"

namespace statemachine {

class RunContext;

// The actions around a step's calls: send one (persisting its token and
// sent flag first), record what an answer brought, and retry, observe or
// fail after a refusal. Each changes the run and appends commands; which one
// runs is the transition table's choice (RunGuards.h), never theirs.
// Called only from the machine's strand, on the JobMachine's RunContext.

// Sends the step's next call: a lookup, or a mutating call after Persist.
void issueCall(RunContext &c);
// The step's next call, or the next step's first one when the step is done
// (a backup step that does not wait for its set).
void issueNextCall(RunContext &c);
// Stores the ids an answer brought and moves the step's phase; Persist.
void recordCall(RunContext &c, const ApiSucceeded &e);
void armRetry(RunContext &c, const ApiFailed &e);
// Keeps a refused re-sent StartRestoreTask and starts polling: the next
// poll decides whether the earlier send took effect.
void observeStart(RunContext &c, const ApiFailed &e);
void failCall(RunContext &c, const ApiFailed &e);
// A success without the id the next step needs (RunGuards.h: missingId):
// the step fails as for a permanent error, code Response.MissingField.
void failBrokenReply(RunContext &c, const ApiSucceeded &e);
// An answer to another call than the one in flight: logged and dropped.
void dropAnswer(RunContext &c, const ApiSucceeded &e);
void dropFailure(RunContext &c, const ApiFailed &e);

} // namespace statemachine
