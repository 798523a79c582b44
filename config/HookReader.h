// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config/JobSpec.h"
#include "config/YamlMap.h"

namespace config {

// Reads the restore-drill keys of a job file: `verify:`, `notify:` and
// `rto_objective:` (docs/configuration.md). Call it after the steps are in
// spec: a verify hook or an RTO objective needs a restore step to check or
// to time. Errors go to top's Diagnostics. Pure apart from those.
void readHooks(YamlMap &top, JobSpec &spec);

} // namespace config
