// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace config {

// A standard 5-field cron expression (minute hour day-of-month month
// day-of-week), evaluated in UTC. Supports *, lists, ranges, steps
// (*/15, 1-10/2, 5/10), month and day names (JAN, MON), day-of-week 7 as
// Sunday, and @hourly, @daily (@midnight), @weekly, @monthly, @yearly
// (@annually). Day-of-month and day-of-week follow Vixie cron: when both are
// restricted (neither starts with '*'), a day matches if EITHER matches.
// An immutable value; safe to share between threads.
class CronSchedule
{
public:
	struct ParseError {
		int column = 1; // 1-based column within the expression
		std::string message;
	};

	// Pure; never throws for bad input.
	static std::variant<CronSchedule, ParseError> parse(std::string_view expression);

	// For an expression that was validated before (a JobSpec's schedule, also
	// one restored from the state file): throws std::invalid_argument if it
	// does not parse after all.
	static CronSchedule fromValidated(std::string_view expression);

	// The first minute strictly after `after` that matches, or nullopt if
	// none within the next 400 years, the Gregorian cycle in which every
	// date falls on every weekday (only for expressions like "0 0 31 2 *"
	// whose day never exists, which parse() already rejects). Pure.
	std::optional<std::chrono::system_clock::time_point> next(std::chrono::system_clock::time_point after) const;

	const std::string &expression() const { return expression_; }

private:
	CronSchedule() = default;
	bool dayMatches(std::chrono::year_month_day ymd) const;

	std::string expression_;
	std::bitset<60> minutes_;
	std::bitset<24> hours_;
	std::bitset<32> daysOfMonth_; // 1..31
	std::bitset<13> months_;      // 1..12
	std::bitset<7> daysOfWeek_;   // 0..6, Sunday = 0
	bool domStar_ = false;
	bool dowStar_ = false;
};

} // namespace config
