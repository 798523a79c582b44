// SPDX-License-Identifier: Apache-2.0
// lower() and trim(): ASCII only, locale-free, and exact at the edges;
// join() puts the separator between every two items and nowhere else.
#include "base/Strings.h"

#include <array>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace {

TEST(Lower, ChangesAsciiCapitalsOnly)
{
	EXPECT_EQ(base::lower("Content-Type"), "content-type");
	EXPECT_EQ(base::lower("X-ACS-Date: 2024"), "x-acs-date: 2024");
	EXPECT_EQ(base::lower(""), "");
	// UTF-8 bytes pass unchanged ("Ä" stays "Ä"): header names are ASCII,
	// and a locale must not change what a signature covers.
	EXPECT_EQ(base::lower("\xC3\x84Z@[`{"), "\xC3\x84z@[`{");
}

TEST(Trim, RemovesSpacesAndTabsAtBothEndsByDefault)
{
	EXPECT_EQ(base::trim(" \t value \t "), "value");
	EXPECT_EQ(base::trim("in side"), "in side");
	EXPECT_EQ(base::trim(" \t "), "");
	EXPECT_EQ(base::trim(""), "");
	// A carriage return is not HTTP white space: it stays unless asked for.
	EXPECT_EQ(base::trim(" v\r"), "v\r");
	EXPECT_EQ(base::trim(" v\r", " \t\r"), "v");
}

TEST(Trim, ReturnsAViewIntoTheInput)
{
	const std::string s = "  key  ";
	const std::string_view t = base::trim(s);
	EXPECT_EQ(t.data(), s.data() + 2);
	EXPECT_EQ(t.size(), 3u);
}

TEST(Join, PutsTheSeparatorBetweenEveryTwoItems)
{
	EXPECT_EQ(base::join(std::vector<std::string>{"a", "b", "c"}, ", "), "a, b, c");
	EXPECT_EQ(base::join(std::vector<std::string>{"only"}, ","), "only");
	EXPECT_EQ(base::join(std::vector<std::string>{}, ","), "");
	// Empty items keep their place: a list of ids stays a list of ids.
	EXPECT_EQ(base::join(std::vector<std::string>{"", "b", ""}, ","), ",b,");
}

TEST(Join, TakesViewsAndNameTables)
{
	const std::initializer_list<std::string_view> choices{"fail", "warn"};
	EXPECT_EQ(base::join(choices, ", "), "fail, warn");
	constexpr std::array<std::pair<int, std::string_view>, 2> names{{{1, "one"}, {2, "two"}}};
	EXPECT_EQ(base::join(std::views::values(names), "|"), "one|two");
}

} // namespace
