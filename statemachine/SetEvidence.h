// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "statemachine/JobEvents.h"

namespace statemachine {

class RunContext;

// The restored backup set's end time, the drill record's RPO evidence. A
// set the run's own backup step made is known from that step's polls. Any
// other set (given by id, picked by DBS for a point in time, restored by
// an existing task) is read once with LookUpBackupSet as soon as the run
// knows which set it restores, so that the answer is normally back long
// before the restore ends and the run is recorded. Best-effort: a failed
// read leaves the end unknown and is logged, and never changes the run.
// Called only from the machine's strand, on the JobMachine's RunContext.

// The current restore step restores this set of this plan (DBS's word,
// or the spec's where DBS said nothing): both are noted in the run, and
// the set's end is asked for unless it is known or was asked for.
void learnRestoredSet(RunContext &c, const std::string &setFromDbs, const std::string &planFromDbs);

// The answer to LookUpBackupSet. An answer for a set the run no longer
// restores (a later step restores another) is dropped.
void noteSetEnd(RunContext &c, const BackupSetDescribed &e);

} // namespace statemachine
