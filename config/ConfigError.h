// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace config {

// One problem found in a configuration or job file. Lines and columns are
// 1-based, as editors show them (yaml-cpp marks are 0-based; the readers
// convert). A plain value; it never contains a secret: readers name the
// offending key, never the value of a secret.
struct ConfigError {
	std::string file;
	int line = 1;
	int column = 1;
	std::string what;     // what is wrong
	std::string expected; // what would be right; may be empty

	// "file:line:column: what; expected expected", with control characters
	// and invalid UTF-8 escaped (escapeForDisplay).
	std::string format() const;

	// So a rescan can tell "same errors as last time" (log once) from new ones.
	bool operator==(const ConfigError &) const = default;
};

// Thrown by the *OrThrow helpers, for the daemon's startup path, where a
// config error must stop the process with every location printed. what()
// is formatErrors(errors()). An ordinary exception value; any thread.
class ConfigException : public std::runtime_error
{
public:
	explicit ConfigException(std::vector<ConfigError> errors);
	const std::vector<ConfigError> &errors() const { return errors_; }

private:
	std::vector<ConfigError> errors_;
};

// All errors, one formatted error per line.
std::string formatErrors(const std::vector<ConfigError> &errors);

} // namespace config
