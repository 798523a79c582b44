// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "statemachine/ApiAction.h"
#include "statemachine/RandomSource.h"

namespace statemachine {

// A fresh run id: 16 lower-case hex characters (64 random bits). One per run
// of a job; stored in the run record, so a resumed run keeps it.
std::string newRunId(RandomSource &random);

// The ClientToken of one mutating call of one run:
//
//   "drd1-" <abbrev> "-" <step> "-" <40 hex>
//
// <abbrev> is the action's capitals in lower case ("crt" for
// CreateRestoreTask), <step> the decimal step index, and <40 hex> the first
// 160 bits of SHA-256 over the length-prefixed fields (jobId, runId, step,
// action). The readable prefix helps whoever greps DBS logs; the hash makes
// the token unique per (job, run, step, action), deterministic, ASCII and at
// most 5 + 6 + 1 + 10 + 1 + 40 = 63 characters whatever the job id looks
// like (DBS allows 64). Pure.
std::string clientToken(std::string_view jobId, std::string_view runId, int stepIndex, ApiAction action);

// The RestoreTaskName a run gives the task it creates: the configured name,
// "-", the run id's first 8 characters and "s" with the step number, e.g.
// "nightly-drill-3fa2b1c0s2". Deterministic, so a create that may have
// happened (its reply lost, its ClientToken since expired) is found on the
// plan by name instead of being made twice. Pure.
std::string runTaskName(std::string_view configuredName, std::string_view runId, int stepIndex);

} // namespace statemachine
