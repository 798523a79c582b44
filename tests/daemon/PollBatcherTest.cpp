// SPDX-License-Identifier: Apache-2.0
#include "daemon/PollBatcher.h"

#include <gtest/gtest.h>

using restored::PollBatcher;

TEST(PollBatcher, HandsOutBatchesOfAtMostTheLimitOldestFirst)
{
	PollBatcher b(100);
	for (int i = 0; i < 250; ++i)
		b.add("rt" + std::to_string(i));
	EXPECT_TRUE(b.hasFullBatch());
	auto first = b.takeBatch();
	ASSERT_EQ(first.size(), 100u);
	EXPECT_EQ(first.front(), "rt0");
	EXPECT_EQ(first.back(), "rt99");
	EXPECT_EQ(b.takeBatch().size(), 100u);
	EXPECT_FALSE(b.hasFullBatch());
	auto last = b.takeBatch();
	ASSERT_EQ(last.size(), 50u);
	EXPECT_EQ(last.back(), "rt249");
	EXPECT_TRUE(b.empty());
	EXPECT_TRUE(b.takeBatch().empty());
}

TEST(PollBatcher, AnIdWaitingOnceIsPolledOnce)
{
	PollBatcher b(100);
	b.add("rt1");
	b.add("rt2");
	b.add("rt1");
	EXPECT_EQ(b.size(), 2u);
	EXPECT_EQ(b.takeBatch(), (std::vector<std::string>{"rt1", "rt2"}));
	// Once handed out, the same id may wait again for the next round.
	b.add("rt1");
	EXPECT_EQ(b.takeBatch(), (std::vector<std::string>{"rt1"}));
}

TEST(PollBatcher, APartFilledBatchLeavesAfterAQuietWindowOrTheLongestWait)
{
	PollBatcher b(100);
	// A round: every id arrives at once, then nothing: it leaves one
	// window after the last.
	b.add("rt1", 1000);
	b.add("rt2", 1003);
	EXPECT_EQ(b.partialDueMs(200, 1000), 1203);
	// Ids trickling in keep pushing the quiet window out, up to the
	// oldest id's longest wait.
	for (std::int64_t t = 1100; t <= 2500; t += 100)
		b.add("rt" + std::to_string(t), t);
	EXPECT_EQ(b.partialDueMs(200, 1000), 2000);
	// A re-added id keeps its place and time.
	b.add("rt1", 2600);
	EXPECT_EQ(b.partialDueMs(200, 1000), 2000);
	b.takeBatch();
	b.add("rt9", 3000);
	EXPECT_EQ(b.partialDueMs(200, 1000), 3200);
}
