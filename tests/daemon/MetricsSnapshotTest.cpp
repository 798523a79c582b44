// SPDX-License-Identifier: Apache-2.0
// What the daemon computes for the metrics beyond the job table: a
// schedule's next time and interval (cached per expression), and a run's
// restore duration.

#include <gtest/gtest.h>

#include "daemon/JobSnapshots.h"
#include "daemon/ScheduleCache.h"

namespace restored {
namespace {

using namespace std::chrono;

// 2026-01-01T12:00:00Z, a Thursday.
const system_clock::time_point noon = sys_days{2026y / January / 1} + 12h;

std::int64_t ms(system_clock::time_point t) { return duration_cast<milliseconds>(t.time_since_epoch()).count(); }

TEST(ScheduleCache, GivesTheNextCronTimeAndTheLongestGap)
{
	ScheduleCache cache;
	auto daily = cache.times("0 3 * * *", noon);
	ASSERT_TRUE(daily);
	EXPECT_EQ(daily->nextMs, ms(sys_days{2026y / January / 2} + 3h));
	EXPECT_EQ(daily->intervalMs, 86400000);
	// Weekdays at 03:00: the weekend makes the longest gap three days.
	auto weekdays = cache.times("0 3 * * 1-5", noon);
	ASSERT_TRUE(weekdays);
	EXPECT_EQ(weekdays->intervalMs, 3 * 86400000);
}

TEST(ScheduleCache, MovesToTheNextTimeOnceThatOneHasPassed)
{
	ScheduleCache cache;
	auto first = cache.times("*/15 * * * *", noon);
	ASSERT_TRUE(first);
	EXPECT_EQ(first->nextMs, ms(noon + 15min));
	EXPECT_EQ(cache.times("*/15 * * * *", noon + 10min)->nextMs, ms(noon + 15min));
	EXPECT_EQ(cache.times("*/15 * * * *", noon + 15min)->nextMs, ms(noon + 30min));
	EXPECT_EQ(cache.times("*/15 * * * *", noon + 15min)->intervalMs, 15 * 60000);
}

TEST(ScheduleCache, SweepForgetsExpressionsNoScrapeAskedFor)
{
	ScheduleCache cache;
	cache.times("0 3 * * *", noon);
	cache.times("0 4 * * *", noon);
	cache.sweep();
	EXPECT_EQ(cache.size(), 2u);
	cache.times("0 3 * * *", noon);
	cache.sweep();
	EXPECT_EQ(cache.size(), 1u);
	EXPECT_FALSE(cache.times("not a cron", noon));
}

TEST(RestoreDuration, IsFromTheLastRestoreStartToTheEndOfASucceededRun)
{
	statemachine::JobRun run;
	run.steps.resize(2);
	run.steps[0].backupPlanId = "plan"; // a backup step: no restore task
	run.steps[1].restoreTaskId = "rt1";
	run.steps[1].startAcceptedMs = 1000;
	run.finishedAtMs = 61000;
	run.outcome = statemachine::Outcome::Succeeded;
	EXPECT_EQ(restoreDurationMs(run), 60000);
	run.outcome = statemachine::Outcome::Failed;
	EXPECT_EQ(restoreDurationMs(run), 0);
	run.outcome = statemachine::Outcome::Succeeded;
	run.steps[1].startAcceptedMs = 0; // never started
	EXPECT_EQ(restoreDurationMs(run), 0);
}

} // namespace
} // namespace restored
