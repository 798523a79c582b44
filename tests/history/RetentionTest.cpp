// SPDX-License-Identifier: Apache-2.0
#include "history/Retention.h"

#include <gtest/gtest.h>

using history::DrillRecord;
using history::Retention;

namespace {

constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t now = 1000 * day;

DrillRecord finishedAt(std::int64_t ms, std::string runId = {})
{
	DrillRecord r;
	r.jobId = "j";
	r.runId = std::move(runId);
	r.finishedAtMs = ms;
	return r;
}

} // namespace

TEST(Retention, DefaultsKeepAThousandRunsOrFourHundredDays)
{
	Retention r;
	EXPECT_EQ(r.maxRecords, 1000u);
	EXPECT_EQ(r.maxAge, std::chrono::days(400));
	EXPECT_EQ(r.slackRecords(), 101u);
}

TEST(Retention, AsksForCompactionOnlyPastTheSlack)
{
	Retention r{10, std::chrono::days(30)};
	EXPECT_FALSE(r.wantsCompaction(11, now, now)); // 10 + slack 2
	EXPECT_FALSE(r.wantsCompaction(12, now, now));
	EXPECT_TRUE(r.wantsCompaction(13, now, now));
	EXPECT_FALSE(r.wantsCompaction(5, now - 31 * day + 1, now)); // within the day of slack
	EXPECT_TRUE(r.wantsCompaction(5, now - 31 * day - 1, now));
	EXPECT_FALSE(r.wantsCompaction(0, 0, now));
}

TEST(Retention, KeepsTheNewestWithinTheAge)
{
	Retention r{3, std::chrono::days(30)};
	std::vector<DrillRecord> records{finishedAt(now - 40 * day, "too-old"), finishedAt(now - 5 * day, "a"),
					 finishedAt(now - 4 * day, "b"), finishedAt(now - 3 * day, "c"),
					 finishedAt(now - 2 * day, "d")};
	auto kept = r.retain(records, now);
	ASSERT_EQ(kept.size(), 3u);
	EXPECT_EQ(kept[0].runId, "b");
	EXPECT_EQ(kept[2].runId, "d");
	EXPECT_EQ(r.retain({finishedAt(now - 30 * day, "edge")}, now).size(), 1u);
}
