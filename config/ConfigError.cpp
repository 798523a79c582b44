// SPDX-License-Identifier: Apache-2.0
#include "config/ConfigError.h"

namespace config {

std::string ConfigError::format() const
{
	std::string s = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what;
	if (!expected.empty())
		s += "; expected " + expected;
	return s;
}

std::string formatErrors(const std::vector<ConfigError>& errors)
{
	std::string s;
	for (const auto& e : errors) {
		if (!s.empty())
			s += '\n';
		s += e.format();
	}
	return s;
}

ConfigException::ConfigException(std::vector<ConfigError> errors)
	: std::runtime_error(formatErrors(errors)), errors_(std::move(errors))
{
}

} // namespace config
