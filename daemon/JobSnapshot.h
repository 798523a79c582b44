// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "daemon/StatusReport.h"

namespace restored {

class Job;

// What the status report shows of one job: its line in status.json, and
// where it counts in the totals. Pure apart from reading the job; called
// on the daemon's io_context thread.
JobStatus snapshotOf(const Job &job);
void countInto(StatusCounts &counts, const Job &job);

} // namespace restored
