// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/mark.h>

#include "config/ConfigError.h"

namespace config {

// Collects every error found while reading one file, so that a user sees
// all of them at once instead of fixing them one run at a time.
// Owned by the reader of one file; single-threaded.
class Diagnostics
{
public:
	explicit Diagnostics(std::string file) : file_(std::move(file)) {}

	// yaml-cpp marks are 0-based; a null mark (empty document) maps to 1:1.
	void add(const YAML::Mark &mark, std::string what, std::string expected = {});
	// Like add(), with the column moved right by offset characters (for an
	// error inside a scalar, e.g. a bad cron field).
	void addWithin(const YAML::Mark &mark, int offset, std::string what, std::string expected = {});
	void addAt(int line, int column, std::string what, std::string expected = {});

	const std::string &file() const { return file_; }
	const std::vector<ConfigError> &errors() const { return errors_; }
	std::vector<ConfigError> takeErrors() { return std::move(errors_); }
	bool empty() const { return errors_.empty(); }

private:
	std::string file_;
	std::vector<ConfigError> errors_;
};

} // namespace config
