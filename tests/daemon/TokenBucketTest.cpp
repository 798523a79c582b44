// SPDX-License-Identifier: Apache-2.0
#include "daemon/TokenBucket.h"

#include <gtest/gtest.h>

using restored::TokenBucket;
using namespace std::chrono_literals;

namespace {
const TokenBucket::Clock::time_point t0{}; // the injected clock starts here
}

TEST(TokenBucketTest, StartsFullAndAllowsBurst)
{
	TokenBucket b(2.0, 3.0, t0);
	EXPECT_TRUE(b.tryTake(t0));
	EXPECT_TRUE(b.tryTake(t0));
	EXPECT_TRUE(b.tryTake(t0));
	EXPECT_FALSE(b.tryTake(t0));
}

TEST(TokenBucketTest, RefillsAtRateAndCapsAtBurst)
{
	TokenBucket b(2.0, 3.0, t0);
	for (int i = 0; i < 3; ++i) {
		ASSERT_TRUE(b.tryTake(t0));
	}
	EXPECT_FALSE(b.tryTake(t0 + 499ms));
	EXPECT_TRUE(b.tryTake(t0 + 500ms));
	EXPECT_FALSE(b.tryTake(t0 + 500ms));
	// A long idle period refills only up to the burst.
	EXPECT_DOUBLE_EQ(b.tokens(t0 + 1h), 3.0);
	int taken = 0;
	while (taken < 10 && b.tryTake(t0 + 1h))
		++taken;
	EXPECT_EQ(taken, 3);
}

TEST(TokenBucketTest, NextAvailableIsExactEnough)
{
	TokenBucket b(4.0, 1.0, t0);
	EXPECT_EQ(b.nextAvailable(t0), t0);
	ASSERT_TRUE(b.tryTake(t0));
	auto next = b.nextAvailable(t0 + 100ms);
	EXPECT_GE(next, t0 + 250ms);
	EXPECT_LE(next, t0 + 250ms + 1us);
	EXPECT_FALSE(b.tryTake(next - 1ms));
	EXPECT_TRUE(b.tryTake(next)) << "waking at nextAvailable always finds a token";
}

TEST(TokenBucketTest, ThroughputOverTimeIsBurstPlusRateTimesT)
{
	// Taking greedily every millisecond for 10 s at 5/s with burst 2.
	TokenBucket b(5.0, 2.0, t0);
	int taken = 0;
	for (int ms = 0; ms <= 10000; ++ms) {
		while (b.tryTake(t0 + std::chrono::milliseconds(ms)))
			++taken;
	}
	EXPECT_EQ(taken, 2 + 5 * 10);
}

TEST(TokenBucketTest, ClockGoingBackDoesNotCreateOrDrainTokens)
{
	TokenBucket b(1.0, 1.0, t0 + 10s);
	ASSERT_TRUE(b.tryTake(t0 + 10s));
	EXPECT_FALSE(b.tryTake(t0));
	EXPECT_FALSE(b.tryTake(t0 + 10s + 999ms));
	EXPECT_TRUE(b.tryTake(t0 + 11s));
}
