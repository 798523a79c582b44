// SPDX-License-Identifier: Apache-2.0
#include "config/YamlMap.h"

#include <charconv>
#include <cmath>

#include "base/Strings.h"
#include "config/Duration.h"

namespace config {

namespace {

// Values are echoed to help the user find the typo; long ones are cut so a
// pasted blob does not flood the log.
std::string quoteValue(const std::string &v)
{
	if (v.size() > 64)
		return "'" + v.substr(0, 61) + "...'";
	return "'" + v + "'";
}

} // namespace

std::string describeNode(const YAML::Node &node)
{
	switch (node.Type()) {
	case YAML::NodeType::Map: return "a mapping";
	case YAML::NodeType::Sequence: return "a list";
	case YAML::NodeType::Scalar: return "a scalar";
	default: return "empty";
	}
}

bool matchesIdPattern(std::string_view text, std::string_view extra, std::size_t minRest, std::size_t maxRest)
{
	auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
	if (text.empty() || !alnum(text[0]))
		return false;
	std::size_t rest = text.size() - 1;
	if (rest < minRest || rest > maxRest)
		return false;
	for (std::size_t i = 1; i < text.size(); ++i)
		if (!alnum(text[i]) && extra.find(text[i]) == std::string_view::npos)
			return false;
	return true;
}

YAML::Mark markOf(const YAML::Node &value, const YAML::Mark &keyMark)
{
	return value.IsNull() || value.Mark().is_null() ? keyMark : value.Mark();
}

YamlMap::YamlMap(const YAML::Node &node, std::string what, Diagnostics &diag,
		 std::initializer_list<std::string_view> allowed, std::initializer_list<SecretKey> secrets)
	: node_(node), what_(std::move(what)), diag_(diag)
{
	open(node.Mark(), allowed, secrets);
}

YamlMap::YamlMap(const YamlMap &parent, std::string_view key, std::string what,
		 std::initializer_list<std::string_view> allowed, std::initializer_list<SecretKey> secrets)
	: node_(*parent.get(key)), what_(std::move(what)), diag_(parent.diag_)
{
	open(markOf(node_, parent.keyMark(key)), allowed, secrets);
}

void YamlMap::open(const YAML::Mark &where, std::initializer_list<std::string_view> allowed,
		   std::initializer_list<SecretKey> secrets)
{
	if (!node_.IsMap()) {
		diag_.add(where, what_ + " is " + describeNode(node_), "a mapping of keys to values");
		return;
	}
	valid_ = true;
	for (auto it = node_.begin(); it != node_.end(); ++it) {
		// A copy, not a reference: it-> returns a temporary proxy that dies at the end
		// of this statement, so a reference into it would dangle (ASan stack-use-after-scope).
		const YAML::Node k = it->first;
		if (!k.IsScalar()) {
			diag_.add(k.Mark(), "key in " + what_ + " is " + describeNode(k), "a plain key name");
			continue;
		}
		const std::string &name = k.Scalar();
		bool secret = false;
		for (const auto &s : secrets) {
			if (name == s.key) {
				// Never echo the value: it is a secret that should not be in this file at all.
				diag_.add(
					k.Mark(),
					"inline secret '" + name + "' in " + what_ +
						" is not allowed: secrets must not be written into configuration files",
					std::string(s.instead));
				secret = true;
			}
		}
		if (secret)
			continue;
		bool known = false;
		for (auto a : allowed)
			known = known || name == a;
		if (!known) {
			diag_.add(k.Mark(), "unknown key '" + name + "' in " + what_,
				  "one of: " + base::join(allowed, ", "));
			continue;
		}
		if (entries_.count(name)) {
			diag_.add(k.Mark(), "duplicate key '" + name + "' in " + what_, "each key at most once");
			continue;
		}
		entries_.emplace(name, std::make_pair(YAML::Node(it->second), k.Mark()));
	}
}

bool YamlMap::has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::optional<YAML::Node> YamlMap::get(std::string_view key) const
{
	auto it = entries_.find(key);
	if (it == entries_.end())
		return std::nullopt;
	return it->second.first;
}

YAML::Mark YamlMap::keyMark(std::string_view key) const
{
	auto it = entries_.find(key);
	return it == entries_.end() ? node_.Mark() : it->second.second;
}

bool YamlMap::require(std::string_view key, std::string_view expected)
{
	if (!valid_ || has(key))
		return valid_;
	diag_.add(node_.Mark(), "missing required key '" + std::string(key) + "' in " + what_,
		  std::string(key) + ": " + std::string(expected));
	return false;
}

bool YamlMap::exclusive(std::string_view a, std::string_view b)
{
	if (!has(a) || !has(b))
		return true;
	diag_.add(keyMark(b),
		  "'" + std::string(a) + "' and '" + std::string(b) + "' are mutually exclusive in " + what_,
		  "only one of them");
	return false;
}

bool YamlMap::isScalar(std::string_view key, const YAML::Node &v, std::string_view expected)
{
	if (v.IsScalar())
		return true;
	diag_.add(markOf(v, keyMark(key)), "'" + std::string(key) + "' in " + what_ + " is " + describeNode(v),
		  std::string(expected));
	return false;
}

std::optional<std::string> YamlMap::string(std::string_view key, std::string_view expected)
{
	auto v = get(key);
	if (!v || !isScalar(key, *v, expected))
		return std::nullopt;
	if (v->Scalar().empty()) {
		diag_.add(v->Mark(), "'" + std::string(key) + "' in " + what_ + " is empty", std::string(expected));
		return std::nullopt;
	}
	return v->Scalar();
}

std::optional<std::int64_t> YamlMap::integer(std::string_view key, std::int64_t min, std::int64_t max)
{
	std::string expected = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
	auto v = get(key);
	if (!v || !isScalar(key, *v, expected))
		return std::nullopt;
	const std::string &s = v->Scalar();
	std::int64_t n = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
	if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
		diag_.add(v->Mark(), "'" + std::string(key) + "' in " + what_ + " is not an integer: " + quoteValue(s),
			  expected);
		return std::nullopt;
	}
	if (n < min || n > max) {
		diag_.add(v->Mark(), "'" + std::string(key) + "' in " + what_ + " is out of range: " + s, expected);
		return std::nullopt;
	}
	return n;
}

std::optional<double> YamlMap::number(std::string_view key, double min, double max)
{
	auto fmt = [](double d) {
		std::string s = std::to_string(d);
		while (s.size() > 1 && s.back() == '0')
			s.pop_back();
		if (s.back() == '.')
			s.pop_back();
		return s;
	};
	std::string expected = "a number from " + fmt(min) + " to " + fmt(max);
	auto v = get(key);
	if (!v || !isScalar(key, *v, expected))
		return std::nullopt;
	const std::string &s = v->Scalar();
	double d = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
	if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(d)) {
		diag_.add(v->Mark(), "'" + std::string(key) + "' in " + what_ + " is not a number: " + quoteValue(s),
			  expected);
		return std::nullopt;
	}
	if (d < min || d > max) {
		diag_.add(v->Mark(), "'" + std::string(key) + "' in " + what_ + " is out of range: " + s, expected);
		return std::nullopt;
	}
	return d;
}

std::optional<bool> YamlMap::boolean(std::string_view key)
{
	auto v = get(key);
	if (!v || !isScalar(key, *v, "true or false"))
		return std::nullopt;
	const std::string &s = v->Scalar();
	if (s == "true")
		return true;
	if (s == "false")
		return false;
	diag_.add(v->Mark(), "'" + std::string(key) + "' in " + what_ + " is not a boolean: " + quoteValue(s),
		  "true or false");
	return std::nullopt;
}

std::optional<std::chrono::milliseconds> YamlMap::duration(std::string_view key, std::chrono::milliseconds min,
							   std::chrono::milliseconds max)
{
	std::string expected = "a duration from " + formatDuration(min) + " to " + formatDuration(max) +
			       " such as 500ms, 30s, 5m, 2h, 1d or 1h30m";
	auto v = get(key);
	if (!v || !isScalar(key, *v, expected))
		return std::nullopt;
	auto parsed = parseDuration(v->Scalar());
	if (auto *err = std::get_if<std::string>(&parsed)) {
		diag_.add(v->Mark(),
			  "'" + std::string(key) + "' in " + what_ + " is not a valid duration (" + *err +
				  "): " + quoteValue(v->Scalar()),
			  expected);
		return std::nullopt;
	}
	auto d = std::get<std::chrono::milliseconds>(parsed);
	if (d < min || d > max) {
		diag_.add(v->Mark(), "'" + std::string(key) + "' in " + what_ + " is out of range: " + v->Scalar(),
			  expected);
		return std::nullopt;
	}
	return d;
}

std::optional<std::string> YamlMap::oneOf(std::string_view key, std::initializer_list<std::string_view> choices)
{
	std::string expected = "one of: " + base::join(choices, ", ");
	auto v = get(key);
	if (!v || !isScalar(key, *v, expected))
		return std::nullopt;
	for (auto c : choices)
		if (v->Scalar() == c)
			return v->Scalar();
	diag_.add(v->Mark(),
		  "'" + std::string(key) + "' in " + what_ + " has an unsupported value " + quoteValue(v->Scalar()),
		  expected);
	return std::nullopt;
}

std::optional<YAML::Node> YamlMap::list(std::string_view key, std::string_view expected)
{
	auto v = get(key);
	if (!v || v->IsSequence())
		return v;
	diag_.add(markOf(*v, keyMark(key)), "'" + std::string(key) + "' in " + what_ + " is " + describeNode(*v),
		  std::string(expected));
	return std::nullopt;
}

} // namespace config
