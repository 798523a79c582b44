// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

#include "config/MainConfig.h"
#include "daemon/CommandLine.h"
#include "dbs/Credentials.h"

namespace restored::probe {

// At most this many calls by default: a probe must be cheap enough to run
// against a production account's quota.
inline constexpr int probeCallBudget = 30;

// `dbs-restored --probe`: makes the read-only calls, prints the report on
// `out` (text or JSON, redacted on request) and returns the exit code: 0
// whenever a report was printed, undetermined findings included. Throws
// std::invalid_argument / std::runtime_error for a bad endpoint or CA file
// (startup errors). Called once from main(), on its thread.
int runProbe(const config::MainConfig &cfg, const dbs::Credentials &credentials, const CommandLine &cmd,
	     std::ostream &out);

} // namespace restored::probe
