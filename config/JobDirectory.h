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

// Whether a directory entry's name is a job file: "*.yaml" or "*.yml",
// and not hidden (leading '.') nor an editor or package-manager leftover
// (*~, #*#, .#*, *.swp, *.swx, *.tmp, *.dpkg-*, *.rpmnew, *.rpmsave).
// Pure; the daemon's inotify watcher uses it to ignore events too.
bool isJobFileName(std::string_view name);

// Every entry in dir whose name passes isJobFileName(), sorted by name,
// whatever it is: a directory, FIFO, socket or broken symlink there is
// a mistake to report (parseJobFile names it), not something to skip
// silently. A missing or unreadable directory is reported in `error`
// (empty list returned). Touches the file system only.
std::vector<std::filesystem::path> listJobFiles(const std::filesystem::path &dir, std::optional<ConfigError> &error);

// One job file's outcome; `spec` is set only when the file is valid.
struct JobFileResult {
	std::filesystem::path path;
	std::optional<JobSpec> spec;
	std::vector<ConfigError> errors;
};

struct JobsDirResult {
	std::vector<JobFileResult> files;    // sorted by file name
	std::optional<ConfigError> dirError; // the directory itself could not be listed
	// The valid specs, in file order.
	std::vector<JobSpec> validSpecs() const;
	std::size_t errorCount() const;
};

// Parses every job file in dir. When two files declare the same job id, the
// later one (by name) is invalid, with an error naming the earlier file.
JobsDirResult loadJobsDir(const std::filesystem::path &dir, const JobDefaults &defaults);

// The duplicate-id rule on already parsed files (in name order). Pure.
void rejectDuplicateIds(std::vector<JobFileResult> &files);

} // namespace config
