// SPDX-License-Identifier: Apache-2.0
#include "emulator/YamlReader.h"

#include <algorithm>

#include "config/Duration.h"

namespace emulator {

YAML::Node YamlReader::parse(const std::string &text) const
{
	try {
		YAML::Node root = YAML::Load(text);
		if (!root.IsDefined() || root.IsNull())
			throw ConfigError(file_ + ":1:1: expected a YAML mapping, got an empty document");
		return root;
	} catch (const YAML::Exception &e) {
		// e.msg is the bare reason; e.mark is 0-based.
		failMark(e.mark, "valid YAML (" + e.msg + ")");
	}
}

void YamlReader::failMark(const YAML::Mark &mark, const std::string &expected) const
{
	int line = mark.line < 0 ? 1 : mark.line + 1;
	int column = mark.column < 0 ? 1 : mark.column + 1;
	throw ConfigError(file_ + ":" + std::to_string(line) + ":" + std::to_string(column) +
			  ": expected " + expected);
}

void YamlReader::fail(const YAML::Node &at, const std::string &expected) const
{
	failMark(at.Mark(), expected);
}

void YamlReader::requireMap(const YAML::Node &node, const std::string &what) const
{
	if (!node.IsMap())
		fail(node, what + " as a mapping");
}

void YamlReader::allowOnly(const YAML::Node &map, std::initializer_list<const char *> allowed) const
{
	for (const auto &kv : map) {
		const std::string key = kv.first.Scalar();
		bool ok = std::any_of(allowed.begin(), allowed.end(),
				      [&](const char *a) { return key == a; });
		if (!ok) {
			std::string list;
			for (const char *a : allowed)
				list += std::string(list.empty() ? "" : ", ") + a;
			fail(kv.first, "one of the keys {" + list + "}, got unknown key \"" + key + "\"");
		}
	}
}

std::string YamlReader::string(const YAML::Node &map, const char *key) const
{
	YAML::Node v = map[key];
	if (!v)
		fail(map, std::string("a \"") + key + "\" key");
	if (!v.IsScalar() || v.Scalar().empty())
		fail(v, std::string("\"") + key + "\" to be a non-empty string");
	return v.Scalar();
}

std::string YamlReader::stringOr(const YAML::Node &map, const char *key, std::string fallback) const
{
	if (!map[key])
		return fallback;
	return string(map, key);
}

std::int64_t YamlReader::integerOr(const YAML::Node &map, const char *key, std::int64_t fallback) const
{
	YAML::Node v = map[key];
	if (!v)
		return fallback;
	try {
		return v.as<std::int64_t>();
	} catch (const YAML::Exception &) {
		fail(v, std::string("\"") + key + "\" to be an integer");
	}
}

std::string YamlReader::oneOf(const YAML::Node &map, const char *key,
			      std::initializer_list<const char *> choices) const
{
	std::string s = string(map, key);
	std::string list;
	for (const char *c : choices) {
		if (s == c)
			return s;
		list += std::string(list.empty() ? "" : ", ") + c;
	}
	fail(map[key], std::string("\"") + key + "\" to be one of " + list + ", got \"" + s + "\"");
}

bool YamlReader::boolOr(const YAML::Node &map, const char *key, bool fallback) const
{
	YAML::Node v = map[key];
	if (!v)
		return fallback;
	try {
		return v.as<bool>();
	} catch (const YAML::Exception &) {
		fail(v, std::string("\"") + key + "\" to be true or false");
	}
}

double YamlReader::fractionOr(const YAML::Node &map, const char *key, double fallback) const
{
	YAML::Node v = map[key];
	if (!v)
		return fallback;
	double d = 0;
	try {
		d = v.as<double>();
	} catch (const YAML::Exception &) {
		fail(v, std::string("\"") + key + "\" to be a number between 0 and 1");
	}
	if (!(d >= 0.0 && d <= 1.0))
		fail(v, std::string("\"") + key + "\" to be a number between 0 and 1");
	return d;
}

std::int64_t YamlReader::durationMs(const YAML::Node &map, const char *key) const
{
	YAML::Node v = map[key];
	if (!v)
		fail(map, std::string("a \"") + key + "\" key");
	// The same duration syntax as the daemon's configuration.
	if (v.IsScalar()) {
		auto parsed = config::parseDuration(v.Scalar());
		if (auto *ms = std::get_if<std::chrono::milliseconds>(&parsed); ms && ms->count() >= 0)
			return ms->count();
	}
	fail(v, std::string("\"") + key + "\" to be a duration such as 90s, 20m, 2h or 500ms");
	return 0;
}

std::int64_t YamlReader::durationMsOr(const YAML::Node &map, const char *key, std::int64_t fallback) const
{
	if (!map[key])
		return fallback;
	return durationMs(map, key);
}

} // namespace emulator
