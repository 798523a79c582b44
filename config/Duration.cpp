// SPDX-License-Identifier: Apache-2.0
#include "config/Duration.h"

#include <cstdint>
#include <limits>

namespace config {

namespace {

// Milliseconds per unit, or 0 when the unit is unknown.
std::int64_t unitMs(std::string_view unit)
{
	if (unit == "ms")
		return 1;
	if (unit == "s")
		return 1000;
	if (unit == "m")
		return 60 * 1000;
	if (unit == "h")
		return 3600 * 1000;
	if (unit == "d")
		return 24 * 3600 * 1000;
	return 0;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

} // namespace

std::variant<std::chrono::milliseconds, std::string> parseDuration(std::string_view text)
{
	if (text.empty())
		return std::string("empty duration");
	if (text.front() == '-')
		return std::string("negative duration");
	// Ten years is far beyond any sensible timeout and keeps arithmetic safe.
	constexpr std::int64_t maxMs = std::int64_t(3650) * 24 * 3600 * 1000;
	std::int64_t total = 0;
	std::size_t i = 0;
	while (i < text.size()) {
		if (!isDigit(text[i]))
			return std::string("expected a number at position ") + std::to_string(i + 1);
		std::int64_t n = 0;
		while (i < text.size() && isDigit(text[i])) {
			n = n * 10 + (text[i] - '0');
			if (n > maxMs)
				return std::string("duration too large");
			++i;
		}
		std::size_t unitStart = i;
		while (i < text.size() && isLetter(text[i]))
			++i;
		std::string_view unit = text.substr(unitStart, i - unitStart);
		if (unit.empty())
			return std::string("missing unit after ") + std::to_string(n);
		std::int64_t per = unitMs(unit);
		if (per == 0)
			return "unknown unit '" + std::string(unit) + "'";
		if (n > maxMs / per || total + n * per > maxMs)
			return std::string("duration too large");
		total += n * per;
	}
	return std::chrono::milliseconds(total);
}

std::string formatDuration(std::chrono::milliseconds d)
{
	std::int64_t ms = d.count();
	if (ms == 0)
		return "0s";
	std::string s;
	static constexpr std::pair<std::int64_t, const char *> units[] = {
		{24 * 3600 * 1000, "d"}, {3600 * 1000, "h"}, {60 * 1000, "m"}, {1000, "s"}, {1, "ms"}};
	for (const auto &[per, name] : units) {
		if (ms >= per) {
			s += std::to_string(ms / per) + name;
			ms %= per;
		}
	}
	return s;
}

} // namespace config
