// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "config/JobSpec.h"
#include "statemachine/JobEvents.h"
#include "statemachine/JobRun.h"

namespace statemachine {

// What a run says as a restore drill (docs/state-machine.md, "Drill
// phases"): the verify hook's verdict, the restore time against the
// objective, and which `notify: when:` conditions the run meets. Pure; any
// thread.

// The create of the run's last restore step so far, whose destination and
// plan a hook and the drill history name; null when that step starts a
// task that already exists, or the run has reached no restore step.
const config::CreateRestore *lastCreate(const config::JobSpec &spec, const JobRun &run);

// The restore task a drill names: the last restore that finished, else
// the current step's (the one a failed run failed in).
std::string drillTaskId(const JobRun &run);

// Only a command that ran and exited 0 verifies.
Verification verdictOf(const HookFinished &e);

// The restore time held against rto_objective: from DBS accepting the last
// restore's StartRestoreTask to DBS's own finish time of that task;
// nullopt while either is unknown.
std::optional<std::int64_t> restoreDurationMs(const JobRun &run);
// The job has an objective, and the restore is known to have taken longer.
bool rtoMissed(const config::JobSpec &spec, const JobRun &run);

// The conditions a run whose outcome is decided meets, in enum order: its
// outcome, its verification's failure, a missed RTO.
std::vector<config::RunCondition> runConditions(const config::JobSpec &spec, const JobRun &run);
// The job has a notify hook whose `when` lists one of them.
bool notifies(const config::JobSpec &spec, const JobRun &run);

} // namespace statemachine
