// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config/JobSpec.h"
#include "history/DrillRecord.h"
#include "statemachine/JobRun.h"

namespace history {

// The drill record of a run whose outcome is decided, from the definition
// it ran and its run record: the times and outcome, the verify hook's
// verdict, the last restore's evidence (DBS's times, the backup set) and
// the RTO objective. The reason is kept for a run that did not succeed.
// Pure.
DrillRecord drillRecordOf(const config::JobSpec &spec, const statemachine::JobRun &run);

} // namespace history
