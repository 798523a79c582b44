// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <ostream>

#include "config/MainConfig.h"
#include "daemon/CommandLine.h"

namespace restored {

// How long the command line waits for the daemon's whole answer.
inline constexpr std::chrono::milliseconds controlCommandTimeout{std::chrono::seconds(10)};

// `dbs-restored --run-now JOB`, `--cancel JOB` and `--status`: asks the
// daemon on its control socket (cfg.controlSocket) and prints its answer
// on `out`, or the reason there is none on `err`. --status falls back to
// <state_dir>/status.json when no daemon listens. Returns the exit code: 0
// done, 1 refused or no answer. Called once from main(), on its thread.
int runControlCommand(const config::MainConfig &cfg, const CommandLine &cmd, std::ostream &out, std::ostream &err);

} // namespace restored
