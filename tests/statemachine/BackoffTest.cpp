// SPDX-License-Identifier: Apache-2.0
#include "statemachine/Backoff.h"

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/SeededRandom.h"

namespace statemachine {
namespace {

using base::ErrorClass;
using std::chrono::milliseconds;

config::RetryPolicy policy(config::RetryPolicy::Jitter jitter)
{
	config::RetryPolicy p;
	p.initialBackoff = milliseconds(1000);
	p.maxBackoff = milliseconds(60'000);
	p.throttleFactor = 4.0;
	p.jitter = jitter;
	return p;
}

TEST(Backoff, NoJitterIsTheCappedExponentialSequence)
{
	Backoff b(policy(config::RetryPolicy::Jitter::None));
	test::ScriptedRandom r({0.3});
	const std::vector<long> expected{1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
	for (int n = 0; n < static_cast<int>(expected.size()); ++n)
		EXPECT_EQ(b.delay(n, ErrorClass::Transient, std::nullopt, r).count(), expected[n]) << "retry " << n;
}

TEST(Backoff, FullJitterScalesTheCeilingByTheRandomValue)
{
	Backoff b(policy(config::RetryPolicy::Jitter::Full));
	test::ScriptedRandom r({0.5, 0.25, 0.0, 0.75, 0.875});
	// ceilings 1000, 2000, 4000, 8000, 16000
	EXPECT_EQ(b.delay(0, ErrorClass::Transient, std::nullopt, r).count(), 500);
	EXPECT_EQ(b.delay(1, ErrorClass::Transient, std::nullopt, r).count(), 500);
	EXPECT_EQ(b.delay(2, ErrorClass::Transient, std::nullopt, r).count(), 0);
	EXPECT_EQ(b.delay(3, ErrorClass::Transient, std::nullopt, r).count(), 6000);
	EXPECT_EQ(b.delay(4, ErrorClass::Transient, std::nullopt, r).count(), 14000);
}

TEST(Backoff, ThrottledStartsFromInitialTimesFactor)
{
	Backoff b(policy(config::RetryPolicy::Jitter::None));
	test::ScriptedRandom r({0.5});
	EXPECT_EQ(b.ceiling(0, ErrorClass::Throttled).count(), 4000);
	EXPECT_EQ(b.ceiling(1, ErrorClass::Throttled).count(), 8000);
	EXPECT_EQ(b.ceiling(4, ErrorClass::Throttled).count(), 60000);
	EXPECT_EQ(b.ceiling(0, ErrorClass::Transient).count(), 1000);
	EXPECT_EQ(b.ceiling(0, ErrorClass::Clock).count(), 1000) << "clock errors back off like transient ones";
}

TEST(Backoff, RetryAfterHintIsAFloorClampedToTheCap)
{
	Backoff b(policy(config::RetryPolicy::Jitter::Full));
	test::ScriptedRandom r({0.0});
	EXPECT_EQ(b.delay(0, ErrorClass::Throttled, milliseconds(7000), r).count(), 7000);
	EXPECT_EQ(b.delay(0, ErrorClass::Throttled, milliseconds(600'000), r).count(), 60'000);
	test::ScriptedRandom high({0.875});
	// A hint below the jittered value changes nothing.
	EXPECT_EQ(b.delay(3, ErrorClass::Transient, milliseconds(10), high).count(), 7000);
	base::ApiError e{ErrorClass::Throttled, "Throttling.User", "flow control", "req-1", 400, milliseconds(9000)};
	test::ScriptedRandom zero({0.0});
	EXPECT_EQ(b.delay(0, e, zero).count(), 9000);
}

TEST(Backoff, EveryAttemptStaysWithinZeroAndItsCeiling)
{
	Backoff b(policy(config::RetryPolicy::Jitter::Full));
	SeededRandom r(42);
	for (ErrorClass c : {ErrorClass::Transient, ErrorClass::Throttled, ErrorClass::Clock}) {
		for (int n = 0; n < 64; ++n) {
			const milliseconds top = b.ceiling(n, c);
			ASSERT_LE(top.count(), 60'000);
			for (int i = 0; i < 200; ++i) {
				const milliseconds d = b.delay(n, c, std::nullopt, r);
				ASSERT_GE(d.count(), 0);
				ASSERT_LT(d.count(), top.count()) << "retry " << n;
			}
		}
	}
}

TEST(Backoff, HugeRetryNumbersSaturateAtTheCap)
{
	Backoff b(policy(config::RetryPolicy::Jitter::None));
	test::ScriptedRandom r({0.5});
	EXPECT_EQ(b.delay(5000, ErrorClass::Transient, std::nullopt, r).count(), 60'000);
}

// Full jitter draws uniformly from [0, ceiling): the mean is ceiling/2. With
// 20000 samples the standard error is ceiling * 0.289 / sqrt(20000) ~ 0.002
// ceiling, so a 1 % tolerance is five standard errors. The seed is fixed, so
// the test is deterministic; the tolerance only documents how tight it is.
TEST(Backoff, FullJitterMeanIsHalfTheCeiling)
{
	Backoff b(policy(config::RetryPolicy::Jitter::Full));
	SeededRandom r(20261122);
	constexpr int samples = 20000;
	for (int n = 0; n < 8; ++n) {
		const double top = static_cast<double>(b.ceiling(n, ErrorClass::Transient).count());
		double sum = 0;
		for (int i = 0; i < samples; ++i)
			sum += static_cast<double>(b.delay(n, ErrorClass::Transient, std::nullopt, r).count());
		EXPECT_NEAR(sum / samples, top / 2, top * 0.01) << "retry " << n;
	}
}

} // namespace
} // namespace statemachine
