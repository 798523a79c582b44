// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "statemachine/JobEvents.h"
#include "statemachine/MachineEvents.h"

namespace statemachine {

class RunContext;

// The actions that begin and end a run or one of its steps, and the
// lifetime region's: cancel, expire, shutdown, a changed job file. Which
// one runs is the transition table's choice (RunGuards.h).
// Called only from the machine's strand, on the JobMachine's RunContext.

// Logs the start or resume and arms the deadline (and, resuming a poll, the stall timer).
void beginRun(RunContext &c, const Begin &e);
void failUnusable(RunContext &c, const Begin &e);
// The step is done: the next one begins with its first call.
void nextStep(RunContext &c);
void succeed(RunContext &c, std::int64_t nowMs);
void failGone(RunContext &c, const TaskGone &e);
void cancelRun(RunContext &c, const CancelRequested &e);
void expire(RunContext &c, const TimerFired &e);
void saveForShutdown(RunContext &c, const ShutdownRequested &e);
void noteFileChanged(RunContext &c, const FileChanged &e);

} // namespace statemachine
