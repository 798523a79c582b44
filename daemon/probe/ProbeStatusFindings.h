// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "daemon/probe/ProbeExchange.h"
#include "daemon/probe/ProbeReport.h"

namespace restored::probe {

// Findings about the restore tasks a listing showed (dbs-readings.md rows
// "Success status of a restore task" and "Finish time"). Pure.

// `listing`: every page of the plan's (or account's) tasks.
Finding restoreStatuses(const std::vector<Exchange> &listing);
Finding finishTimeWhileRunning(const std::vector<Exchange> &listing);

} // namespace restored::probe
