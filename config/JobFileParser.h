// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "config/ConfigError.h"
#include "config/JobSpec.h"
#include "config/MainConfig.h"

namespace config {

// Either a valid JobSpec or everything wrong with the job file.
struct JobParseResult {
	std::optional<JobSpec> spec;
	std::vector<ConfigError> errors;
	bool ok() const { return spec.has_value(); }
};

// Parses one job file's text as if read from sourcePath: the default job id
// is its file name without extension, relative password_file paths resolve
// against its directory, and errors carry its path. `defaults` are the main
// config's `defaults`, which the job overrides key by key. The result's
// spec has specHash set. Never throws for bad input. Pure.
JobParseResult parseJobText(std::string_view yamlText, const std::filesystem::path &sourcePath,
			    const JobDefaults &defaults);

// Reads and parses one job file; an unreadable file is an error in the result.
JobParseResult parseJobFile(const std::filesystem::path &path, const JobDefaults &defaults);

// [A-Za-z0-9][A-Za-z0-9._-]{0,63}
bool isValidJobId(std::string_view id);

// ^[a-z]{2,}(-[a-z0-9]+)+$, such as cn-hangzhou or ap-southeast-1.
bool isValidRegionId(std::string_view region);

} // namespace config
