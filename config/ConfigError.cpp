// SPDX-License-Identifier: Apache-2.0
#include "config/ConfigError.h"

#include "config/SafeText.h"

namespace config {

std::string ConfigError::format() const
{
	// Every field may hold user bytes (a file name, a quoted value), and this
	// text goes to a terminal and the journal.
	std::string s = escapeForDisplay(file) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
			escapeForDisplay(what);
	if (!expected.empty())
		s += "; expected " + escapeForDisplay(expected);
	return s;
}

std::string formatErrors(const std::vector<ConfigError> &errors)
{
	std::string s;
	for (const auto &e : errors) {
		if (!s.empty())
			s += '\n';
		s += e.format();
	}
	return s;
}

ConfigException::ConfigException(std::vector<ConfigError> errors)
	: std::runtime_error(formatErrors(errors)), errors_(std::move(errors))
{}

} // namespace config
