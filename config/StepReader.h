// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "config/Diagnostics.h"
#include "config/JobSpec.h"

namespace config {

// Reads the `steps:` list of a job file. Relative password_file paths are
// resolved against jobDir. Reports every problem to diag; returns nullopt
// if any step is invalid. Pure apart from the Diagnostics it fills.
std::optional<std::vector<Step>> readSteps(const YAML::Node &steps, const YAML::Mark &keyMark,
					   const std::filesystem::path &jobDir, Diagnostics &diag);

// [A-Za-z0-9][A-Za-z0-9_-]{3,63}: BackupPlanId, RestoreTaskId, BackupSetId.
bool isValidDbsId(std::string_view id);

// Parses "2026-11-22T03:00:00Z" (optionally with fractional seconds, UTC
// only) or an integer of epoch milliseconds. Pure.
std::optional<std::int64_t> parseRestoreTime(std::string_view text);

} // namespace config
