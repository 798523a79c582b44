// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config/MainConfig.h"
#include "config/YamlMap.h"

namespace config {

// Reads the keys shared by the main config's `defaults` section and the top
// level of a job file: retry, poll_interval, stall_timeout, deadline,
// precheck_timeout.
// Overrides the fields of `settings` with the keys present in `map`, key by
// key (a job's `retry: {max_attempts: 3}` keeps the other retry fields from
// the defaults), then checks cross-field ranges on the merged result.
// Errors go to map's Diagnostics.
void readJobSettings(YamlMap &map, JobDefaults &settings);

} // namespace config
