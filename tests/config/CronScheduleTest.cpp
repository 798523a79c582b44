// SPDX-License-Identifier: Apache-2.0
#include "config/CronSchedule.h"

#include <gtest/gtest.h>

using config::CronSchedule;
using namespace std::chrono;

namespace {

system_clock::time_point at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0)
{
	return sys_days(year_month_day{year(y), month(mo), day(d)}) + hours(h) + minutes(mi) + seconds(s);
}

CronSchedule cron(const char *e)
{
	auto r = CronSchedule::parse(e);
	if (auto *err = std::get_if<CronSchedule::ParseError>(&r))
		ADD_FAILURE() << e << ": " << err->message;
	return std::get<CronSchedule>(r);
}

CronSchedule::ParseError cronError(const char *e)
{
	auto r = CronSchedule::parse(e);
	EXPECT_TRUE(std::holds_alternative<CronSchedule::ParseError>(r)) << e << " should not parse";
	return std::holds_alternative<CronSchedule::ParseError>(r) ? std::get<CronSchedule::ParseError>(r)
								   : CronSchedule::ParseError{};
}

} // namespace

TEST(CronSchedule, NextIsStrictlyAfter)
{
	auto c = cron("0 3 * * *");
	EXPECT_EQ(c.next(at(2026, 11, 22, 2, 59, 59)), at(2026, 11, 22, 3, 0));
	EXPECT_EQ(c.next(at(2026, 11, 22, 3, 0)), at(2026, 11, 23, 3, 0));
	EXPECT_EQ(c.next(at(2026, 11, 22, 3, 0, 30)), at(2026, 11, 23, 3, 0));
}

TEST(CronSchedule, StepsListsAndRanges)
{
	EXPECT_EQ(cron("*/15 * * * *").next(at(2026, 1, 1, 10, 7)), at(2026, 1, 1, 10, 15));
	EXPECT_EQ(cron("*/15 * * * *").next(at(2026, 1, 1, 10, 45)), at(2026, 1, 1, 11, 0));
	auto c = cron("30 9 1-10/3 * *"); // days 1, 4, 7, 10
	EXPECT_EQ(c.next(at(2026, 5, 1, 9, 30)), at(2026, 5, 4, 9, 30));
	EXPECT_EQ(c.next(at(2026, 5, 7, 10, 0)), at(2026, 5, 10, 9, 30));
	EXPECT_EQ(c.next(at(2026, 5, 10, 10, 0)), at(2026, 6, 1, 9, 30));
	EXPECT_EQ(cron("5/20 * * * *").next(at(2026, 1, 1, 0, 26)), at(2026, 1, 1, 0, 45));
	EXPECT_EQ(cron("0 8,12,18 * * *").next(at(2026, 1, 1, 12, 0)), at(2026, 1, 1, 18, 0));
}

TEST(CronSchedule, MonthAndDayNames)
{
	EXPECT_EQ(cron("0 0 1 JAN,jul *").next(at(2026, 2, 1)), at(2026, 7, 1));
	// 2026-11-22 is a Sunday.
	EXPECT_EQ(cron("0 6 * * MON-FRI").next(at(2026, 11, 21, 12, 0)), at(2026, 11, 23, 6, 0));
	EXPECT_EQ(cron("0 6 * * sat").next(at(2026, 11, 22)), at(2026, 11, 28, 6, 0));
}

TEST(CronSchedule, DayOfWeekSevenIsSunday)
{
	auto seven = cron("0 0 * * 7"), zero = cron("0 0 * * 0"), name = cron("0 0 * * SUN");
	for (auto from : {at(2026, 11, 18), at(2026, 11, 22, 0, 0), at(2027, 2, 28, 12, 0)}) {
		EXPECT_EQ(seven.next(from), zero.next(from));
		EXPECT_EQ(seven.next(from), name.next(from));
	}
	EXPECT_EQ(seven.next(at(2026, 11, 18)), at(2026, 11, 22));
	EXPECT_EQ(cron("0 0 * * 5-7").next(at(2026, 11, 22, 1)), at(2026, 11, 27));
}

TEST(CronSchedule, Feb29WaitsForLeapYear)
{
	EXPECT_EQ(cron("0 0 29 2 *").next(at(2026, 3, 1)), at(2028, 2, 29));
	// 2100 is not a leap year: the next Feb 29 after 2096 is in 2104.
	EXPECT_EQ(cron("0 0 29 2 *").next(at(2096, 3, 1)), at(2104, 2, 29));
}

// Found by fuzz/CronFuzz.cpp (corpus rare-and-day): an accepted expression
// whose next run was more than nine years away was never scheduled, without
// a word. Both day fields must match when one starts with '*'.
TEST(CronSchedule, RareDaysAreFoundYearsAheadAndImpossibleOnesRejected)
{
	EXPECT_EQ(cron("0 1 4 10 */7").next(at(2026, 11, 30)), at(2037, 10, 4, 1, 0));
	EXPECT_EQ(cron("0/5 1 4 10 */7").next(at(2026, 11, 30)), at(2037, 10, 4, 1, 0));
	EXPECT_EQ(cron("0 0 29 2 */7").next(at(2033, 1, 1)), at(2060, 2, 29));
	EXPECT_EQ(cronError("0 0 31 2 */7").message, "the day-of-month never occurs in the selected months");
}

TEST(CronSchedule, DomAndDowAreOredWhenBothRestricted)
{
	// 2026-11-01 is a Sunday: the first Friday is Nov 6, before the 13th.
	EXPECT_EQ(cron("0 12 13 * FRI").next(at(2026, 11, 1)), at(2026, 11, 6, 12, 0));
	EXPECT_EQ(cron("0 12 13 * FRI").next(at(2026, 11, 12, 13, 0)), at(2026, 11, 13, 12, 0));
	// A '*'-led day-of-month field makes it an AND again: odd days that are Mondays.
	EXPECT_EQ(cron("0 12 */2 * MON").next(at(2026, 11, 1)), at(2026, 11, 9, 12, 0));
	// Unrestricted day-of-week: only the day-of-month counts.
	EXPECT_EQ(cron("0 12 13 * *").next(at(2026, 11, 1)), at(2026, 11, 13, 12, 0));
}

TEST(CronSchedule, Macros)
{
	auto t = at(2026, 11, 22, 10, 30); // Sunday
	EXPECT_EQ(cron("@hourly").next(t), at(2026, 11, 22, 11, 0));
	EXPECT_EQ(cron("@daily").next(t), at(2026, 11, 23));
	EXPECT_EQ(cron("@midnight").next(t), at(2026, 11, 23));
	EXPECT_EQ(cron("@weekly").next(t), at(2026, 11, 29));
	EXPECT_EQ(cron("@monthly").next(t), at(2026, 12, 1));
	EXPECT_EQ(cron("@yearly").next(t), at(2027, 1, 1));
}

TEST(CronSchedule, WrapsYear)
{
	EXPECT_EQ(cron("59 23 31 12 *").next(at(2026, 12, 31, 23, 59)), at(2027, 12, 31, 23, 59));
	EXPECT_EQ(cron("* * * * *").next(at(2026, 12, 31, 23, 59, 1)), at(2027, 1, 1));
}

TEST(CronSchedule, ErrorsCarryColumns)
{
	auto e = cronError("0 24 * * *");
	EXPECT_EQ(e.column, 3);
	EXPECT_EQ(e.message, "hour value 24 is out of range 0-23");
	EXPECT_EQ(cronError("0 0 * FOO *").column, 7);
	EXPECT_EQ(cronError("0 0 * FOO *").message, "unknown name 'FOO' in the month field");
	EXPECT_EQ(cronError("*/0 * * * *").column, 3);
	EXPECT_EQ(cronError("0 5-1 * * *").column, 3);
	EXPECT_EQ(cronError("0 0 * * 1;2").column, 10);
	EXPECT_EQ(cronError("0 0 30 2 *").column, 5);
	EXPECT_EQ(cronError("0 0 30 2 *").message, "the day-of-month never occurs in the selected months");
	EXPECT_EQ(cronError("0 0 0 * *").message, "day-of-month value 0 is out of range 1-31");
	EXPECT_EQ(cronError("0 0 * * 8").message, "day-of-week value 8 is out of range 0-7");
	EXPECT_NE(cronError("* * * *").message.find("expected 5 fields"), std::string::npos);
	EXPECT_NE(cronError("* * * * * *").message.find("got 6"), std::string::npos);
	EXPECT_NE(cronError("@reboot").message.find("unknown macro"), std::string::npos);
	EXPECT_NE(cronError("").message.find("got 0"), std::string::npos);
	EXPECT_NE(cronError("0 0 * JAN-FOO *").message.find("FOO"), std::string::npos);
}

TEST(CronSchedule, FromValidatedThrowsOnBadInput)
{
	EXPECT_EQ(CronSchedule::fromValidated("@daily").next(at(2026, 1, 1, 5)), at(2026, 1, 2));
	EXPECT_THROW(CronSchedule::fromValidated("61 * * * *"), std::invalid_argument);
	EXPECT_EQ(CronSchedule::fromValidated("0 3 * * *").expression(), "0 3 * * *");
}
