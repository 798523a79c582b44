// SPDX-License-Identifier: Apache-2.0
#include "history/HistoryParser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "history/DrillRecordJson.h"

using history::DrillRecord;
using testing::HasSubstr;

namespace {

std::string line(const std::string &runId)
{
	DrillRecord r;
	r.jobId = "nightly";
	r.runId = runId;
	return history::encodeLine(r);
}

} // namespace

TEST(HistoryParser, ReadsOneRecordPerLineInOrder)
{
	auto parsed = history::parseHistory(line("a") + "\n" + line("b"));
	ASSERT_EQ(parsed.records.size(), 2u);
	EXPECT_EQ(parsed.records[0].runId, "a");
	EXPECT_EQ(parsed.records[1].runId, "b");
	EXPECT_TRUE(parsed.problems.empty()); // the empty line is not a problem
	EXPECT_FALSE(parsed.tornTail);
	EXPECT_TRUE(history::parseHistory("").records.empty());
}

TEST(HistoryParser, IgnoresAndReportsATornLastLine)
{
	std::string torn = line("c");
	auto parsed = history::parseHistory(line("a") + line("b") + torn.substr(0, 40));
	ASSERT_EQ(parsed.records.size(), 2u);
	EXPECT_TRUE(parsed.tornTail);
	ASSERT_EQ(parsed.problems.size(), 1u);
	EXPECT_EQ(parsed.problems[0].line, 3u);
	EXPECT_THAT(parsed.problems[0].what, HasSubstr("the last line (40 bytes) has no newline"));
}

TEST(HistoryParser, SkipsADamagedLineAndKeepsTheRecordsAroundIt)
{
	// What a crash can leave on a filesystem without ordered data: zeros.
	auto parsed = history::parseHistory(line("a") + std::string(16, '\0') + "\n" + line("b"));
	ASSERT_EQ(parsed.records.size(), 2u);
	EXPECT_EQ(parsed.records[1].runId, "b");
	EXPECT_FALSE(parsed.tornTail);
	ASSERT_EQ(parsed.problems.size(), 1u);
	EXPECT_EQ(parsed.problems[0].line, 2u);
	EXPECT_THAT(parsed.problems[0].what, HasSubstr("not JSON"));
}
