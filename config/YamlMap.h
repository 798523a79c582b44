// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/Diagnostics.h"

namespace config {

// Strict view of one YAML mapping: every key must be one of the allowed
// keys, each at most once. Unknown keys, duplicate keys and keys that would
// hold an inline secret are reported to the Diagnostics when the map is
// opened, so one pass finds them all. Values are read with the typed
// getters, which also report (and return nullopt) instead of throwing.
// Owned by the reader of one file; single-threaded.
class YamlMap
{
public:
	struct SecretKey {
		std::string_view key;
		std::string_view instead; // what to write instead, for the error message
	};

	// `what` names the mapping in messages ("the api section").
	// If node is not a mapping, reports it and valid() is false.
	YamlMap(const YAML::Node &node, std::string what, Diagnostics &diag,
		std::initializer_list<std::string_view> allowed, std::initializer_list<SecretKey> secrets = {});
	// The mapping under parent's key (which must be present). An empty value
	// ("key:" and nothing) is reported at the key, where the user looks.
	YamlMap(const YamlMap &parent, std::string_view key, std::string what,
		std::initializer_list<std::string_view> allowed, std::initializer_list<SecretKey> secrets = {});

	bool valid() const { return valid_; }
	YAML::Mark mark() const { return node_.Mark(); }
	bool has(std::string_view key) const;
	// The value of key, or nullopt when absent (or the map is invalid).
	std::optional<YAML::Node> get(std::string_view key) const;
	// Mark of the key itself (better place for "mutually exclusive").
	YAML::Mark keyMark(std::string_view key) const;

	// Reports "missing required key"; returns whether it is present.
	bool require(std::string_view key, std::string_view expected);
	// Reports if both keys are present; returns true when at most one is.
	bool exclusive(std::string_view a, std::string_view b);

	// Typed getters: nullopt if absent or invalid (invalid is reported).
	std::optional<std::string> string(std::string_view key, std::string_view expected = "a non-empty string");
	std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
	std::optional<double> number(std::string_view key, double min, double max);
	std::optional<bool> boolean(std::string_view key);
	// Duration in [min, max]; see Duration.h for the syntax.
	std::optional<std::chrono::milliseconds> duration(std::string_view key, std::chrono::milliseconds min,
							  std::chrono::milliseconds max);
	// One of choices, exactly as written.
	std::optional<std::string> oneOf(std::string_view key, std::initializer_list<std::string_view> choices);
	// A list (possibly empty); its items are the caller's to check.
	std::optional<YAML::Node> list(std::string_view key, std::string_view expected);

	// Where this map (and maps opened under it) report problems.
	Diagnostics &diag() const { return diag_; }

private:
	void open(const YAML::Mark &where, std::initializer_list<std::string_view> allowed,
		  std::initializer_list<SecretKey> secrets);
	bool isScalar(std::string_view key, const YAML::Node &v, std::string_view expected);

	YAML::Node node_;
	std::string what_;
	Diagnostics &diag_;
	bool valid_ = false;
	std::map<std::string, std::pair<YAML::Node, YAML::Mark>, std::less<>> entries_;
};

// Where to report a problem with value: its own mark, or keyMark when the
// value is empty (yaml-cpp places an empty value at the next token).
YAML::Mark markOf(const YAML::Node &value, const YAML::Mark &keyMark);

// Describes a node's kind for "got ..." messages: "a mapping", "a list", "a scalar", "empty".
std::string describeNode(const YAML::Node &node);

// Whether text fits [A-Za-z0-9][A-Za-z0-9<extra>]{minRest,maxRest}. Pure.
bool matchesIdPattern(std::string_view text, std::string_view extra, std::size_t minRest, std::size_t maxRest);

} // namespace config
