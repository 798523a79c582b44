// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config/JobSpec.h"
#include "daemon/os/HookEnvironment.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobRun.h"

namespace restored {

// What a job's verify or notify hook is told (HookContext), from the
// definition its run started with and the run record: the run's ids, for
// notify its outcome, verdict and conditions, the last restore's ids and
// destination, the path of the destination's password (never the
// password), the restore time and the objective. Pure apart from reading
// $CREDENTIALS_DIRECTORY (secretPath). Called on the daemon's thread.
os::HookContext drillHookContext(statemachine::HookKind kind, const config::JobSpec &spec,
				 const statemachine::JobRun &run);

} // namespace restored
