// SPDX-License-Identifier: Apache-2.0
#include "config/Duration.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using config::formatDuration;
using config::parseDuration;

TEST(Duration, ParsesEveryUnitAndCombinations)
{
	const std::pair<const char *, std::chrono::milliseconds> cases[] = {
		{"500ms", 500ms},        {"30s", 30s}, {"5m", 5min}, {"2h", 2h}, {"1d", 24h}, {"1h30m", 90min},
		{"1m30s250ms", 90250ms}, {"0s", 0ms},
	};
	for (const auto &[text, expected] : cases) {
		auto r = parseDuration(text);
		ASSERT_TRUE(std::holds_alternative<std::chrono::milliseconds>(r)) << text;
		EXPECT_EQ(std::get<std::chrono::milliseconds>(r), expected) << text;
	}
}

TEST(Duration, RejectsGarbageNegativeAndMissingUnits)
{
	for (const char *text : {"", "-5s", "5", "abc", "5x", "1h30", "s", "5 s", "1.5h", "99999999999d"}) {
		auto r = parseDuration(text);
		EXPECT_TRUE(std::holds_alternative<std::string>(r)) << text;
	}
	EXPECT_EQ(std::get<std::string>(parseDuration("-5s")), "negative duration");
	EXPECT_EQ(std::get<std::string>(parseDuration("5x")), "unknown unit 'x'");
}

TEST(Duration, FormatReadsBack)
{
	for (std::chrono::milliseconds d :
	     {0ms, 1ms, 1500ms, std::chrono::milliseconds(90min), std::chrono::milliseconds(25h + 1ms)}) {
		auto r = parseDuration(formatDuration(d));
		ASSERT_TRUE(std::holds_alternative<std::chrono::milliseconds>(r));
		EXPECT_EQ(std::get<std::chrono::milliseconds>(r), d);
	}
	EXPECT_EQ(formatDuration(90min), "1h30m");
}
