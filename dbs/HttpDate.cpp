// SPDX-License-Identifier: Apache-2.0
#include "dbs/HttpDate.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace dbs {

namespace {

std::optional<int> number(std::string_view s, std::size_t pos, std::size_t len)
{
	if (pos + len > s.size())
		return std::nullopt;
	int v = 0;
	const char *begin = s.data() + pos, *end = begin + len;
	auto [ptr, ec] = std::from_chars(begin, end, v);
	if (ec != std::errc() || ptr != end)
		return std::nullopt;
	return v;
}

constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
						 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<unsigned> month(std::string_view name)
{
	for (unsigned i = 0; i < names.size(); ++i) {
		if (names[i] == name)
			return i + 1;
	}
	return std::nullopt;
}

} // namespace

std::optional<std::chrono::sys_seconds> parseHttpDate(std::string_view s)
{
	// "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions, 29 characters.
	if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
	    s[22] != ':' || s.substr(25) != " GMT")
		return std::nullopt;
	auto day = number(s, 5, 2), year = number(s, 12, 4);
	auto hh = number(s, 17, 2), mm = number(s, 20, 2), ss = number(s, 23, 2);
	auto mon = month(s.substr(8, 3));
	if (!day || !year || !hh || !mm || !ss || !mon || *hh > 23 || *mm > 59 || *ss > 60)
		return std::nullopt;
	std::chrono::year_month_day ymd{std::chrono::year(*year), std::chrono::month(*mon),
					std::chrono::day(static_cast<unsigned>(*day))};
	if (!ymd.ok())
		return std::nullopt;
	return std::chrono::sys_days(ymd) + std::chrono::hours(*hh) + std::chrono::minutes(*mm) +
	       std::chrono::seconds(*ss);
}

std::string formatHttpDate(std::chrono::sys_seconds t)
{
	static constexpr std::array<std::string_view, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	const auto days = std::chrono::floor<std::chrono::days>(t);
	const std::chrono::year_month_day ymd(days);
	const std::chrono::hh_mm_ss hms(t - days);
	char out[40];
	std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d GMT",
		      std::string(weekdays[std::chrono::weekday(days).c_encoding()]).c_str(),
		      static_cast<unsigned>(ymd.day()),
		      std::string(names[static_cast<unsigned>(ymd.month()) - 1]).c_str(), static_cast<int>(ymd.year()),
		      static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
		      static_cast<int>(hms.seconds().count()));
	return out;
}

} // namespace dbs
