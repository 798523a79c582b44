// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "statemachine/JobEvents.h"
#include "statemachine/MachineEvents.h"

namespace statemachine {

class RunContext;

// The actions that watch a started task or backup set: ask for a poll, and
// keep the bookkeeping of what the polls saw (progress, pause, stall timer,
// a refused start that turned out to have taken). Which one runs is the
// transition table's choice (RunGuards.h).
// Called only from the machine's strand, on the JobMachine's RunContext.

// Asks the daemon for one poll of what the step watches.
void requestPoll(RunContext &c);
// The step starts watching: fresh progress, the stall timer, a first poll.
void startPolling(RunContext &c, std::int64_t nowMs);
// Counts init polls, and adopts a refused start the poll shows had taken.
void settleStart(RunContext &c, const PollOutcome &e);
// A poll that changes nothing terminal: progress, pause, contradictions,
// the next poll, and perhaps a question to DescribeJobErrorCode.
void notePoll(RunContext &c, const PollOutcome &e);
// A poll or a TaskGone for what this step does not watch: logged and dropped.
void dropPoll(RunContext &c, const PollOutcome &e);
void dropGone(RunContext &c, const TaskGone &e);

} // namespace statemachine
