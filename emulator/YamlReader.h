// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include <yaml-cpp/yaml.h>

#include "emulator/ConfigError.h"

namespace emulator {

// Strict typed access to a YAML document. Created per file by the loader on
// the main thread before the server starts; not thread-safe.
class YamlReader
{
public:
	explicit YamlReader(std::string fileName) : file_(std::move(fileName)) {}

	// Parses text; syntax errors become ConfigError with the parser's mark.
	YAML::Node parse(const std::string &text) const;

	[[noreturn]] void fail(const YAML::Node &at, const std::string &expected) const;
	[[noreturn]] void failMark(const YAML::Mark &mark, const std::string &expected) const;

	// Fails on any key of map that is not in allowed (typos must not be ignored).
	void requireMap(const YAML::Node &node, const std::string &what) const;
	void allowOnly(const YAML::Node &map, std::initializer_list<const char *> allowed) const;

	std::string string(const YAML::Node &map, const char *key) const;
	std::string stringOr(const YAML::Node &map, const char *key, std::string fallback) const;
	std::int64_t integerOr(const YAML::Node &map, const char *key, std::int64_t fallback) const;
	// The value of key, which must be one of choices (all listed in the error).
	std::string oneOf(const YAML::Node &map, const char *key, std::initializer_list<const char *> choices) const;
	bool boolOr(const YAML::Node &map, const char *key, bool fallback) const;
	double fractionOr(const YAML::Node &map, const char *key, double fallback) const;
	// "90s", "20m", "2h", "500ms" or a combination such as "1h30m".
	std::int64_t durationMs(const YAML::Node &map, const char *key) const;
	std::int64_t durationMsOr(const YAML::Node &map, const char *key, std::int64_t fallback) const;

private:
	std::string file_;
};

} // namespace emulator
