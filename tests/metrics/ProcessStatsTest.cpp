// SPDX-License-Identifier: Apache-2.0
// process_* values: the /proc parsers on fixed text, and a read of this
// test process itself.

#include <chrono>
#include <gtest/gtest.h>

#include "metrics/ProcessStats.h"

namespace metrics {
namespace {

// A real line's shape, with a command name that holds ") (" and spaces.
constexpr std::string_view statLine =
	"4242 (dbs (re) stored) S 1 4242 4242 0 -1 4194560 1200 0 0 0 250 50 0 0 20 0 3 0 "
	"123400 987654321 2048 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";

TEST(ProcessStats, ParsesStatFieldsCountedFromTheLastParenthesis)
{
	auto s = parseProcStat(statLine);
	ASSERT_TRUE(s);
	EXPECT_EQ(s->utimeTicks, 250u);
	EXPECT_EQ(s->stimeTicks, 50u);
	EXPECT_EQ(s->startTicks, 123400u);
	EXPECT_EQ(s->virtualBytes, 987654321u);
	EXPECT_EQ(s->residentPages, 2048u);
	EXPECT_FALSE(parseProcStat("garbage"));
	EXPECT_FALSE(parseProcStat("1 (x) S 1 2"));
}

TEST(ProcessStats, ReadsTheSoftMaxOpenFilesLimit)
{
	constexpr std::string_view limits =
		"Limit                     Soft Limit           Hard Limit           Units     \n"
		"Max processes             63452                63452                processes \n"
		"Max open files            1024                 524288               files     \n";
	EXPECT_EQ(parseMaxOpenFiles(limits), 1024u);
	EXPECT_EQ(parseMaxOpenFiles("Max open files            unlimited            unlimited            files\n"),
		  std::nullopt);
	EXPECT_EQ(parseMaxOpenFiles("nothing here"), std::nullopt);
}

TEST(ProcessStats, CombinesTicksPagesAndBootTime)
{
	auto p = processStats(*parseProcStat(statLine), 100, 4096, 1700000000, 9, 1024);
	EXPECT_DOUBLE_EQ(p.cpuSeconds, 3.0);
	EXPECT_DOUBLE_EQ(p.residentBytes, 2048.0 * 4096);
	EXPECT_DOUBLE_EQ(p.startTimeSeconds, 1700000000 + 1234.0);
	EXPECT_DOUBLE_EQ(p.openFds, 9);
	EXPECT_DOUBLE_EQ(p.maxFds, 1024);
}

TEST(ProcessStats, ReadsThisProcess)
{
	auto p = readProcessStats();
	double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
	EXPECT_GT(p.residentBytes, 0);
	EXPECT_GT(p.openFds, 2); // stdin, stdout, stderr at least
	EXPECT_GE(p.maxFds, p.openFds);
	// Started in the last day, and not in the future (a second of slack for rounding).
	EXPECT_LE(p.startTimeSeconds, now + 1);
	EXPECT_GT(p.startTimeSeconds, now - 86400);
}

} // namespace
} // namespace metrics
