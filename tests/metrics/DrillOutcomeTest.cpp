// SPDX-License-Identifier: Apache-2.0
// Which one outcome label a finished run gets, and what the run tally
// remembers of a job's runs.

#include <gtest/gtest.h>

#include "metrics/DrillOutcome.h"
#include "metrics/RunTally.h"

namespace metrics {
namespace {

using statemachine::Outcome;

TEST(DrillOutcome, LabelsAreTheDrillVocabularyOfIssue11)
{
	std::vector<std::string_view> names;
	for (auto o : drillOutcomes)
		names.push_back(toString(o));
	EXPECT_EQ(names, (std::vector<std::string_view>{"succeeded", "failed", "cancelled", "verified",
							"verification_failed", "could_not_verify", "rto_missed"}));
}

TEST(DrillOutcome, TheRunOutcomeAloneMapsToItsOwnLabel)
{
	EXPECT_EQ(drillOutcome(Outcome::None, Verification::NotRun, false), std::nullopt);
	EXPECT_EQ(drillOutcome(Outcome::Succeeded, Verification::NotRun, false), DrillOutcome::Succeeded);
	EXPECT_EQ(drillOutcome(Outcome::Failed, Verification::NotRun, false), DrillOutcome::Failed);
	EXPECT_EQ(drillOutcome(Outcome::Cancelled, Verification::NotRun, false), DrillOutcome::Cancelled);
}

TEST(DrillOutcome, AVerificationThatDidNotPassWinsWhetherTheRunFailedOrOnlyWarned)
{
	for (auto run : {Outcome::Succeeded, Outcome::Failed}) {
		EXPECT_EQ(drillOutcome(run, Verification::Failed, true), DrillOutcome::VerificationFailed);
		EXPECT_EQ(drillOutcome(run, Verification::CouldNotVerify, false), DrillOutcome::CouldNotVerify);
	}
}

TEST(DrillOutcome, AMissedObjectiveOutranksVerifiedAndVerifiedOutranksSucceeded)
{
	EXPECT_EQ(drillOutcome(Outcome::Succeeded, Verification::Verified, true), DrillOutcome::RtoMissed);
	EXPECT_EQ(drillOutcome(Outcome::Succeeded, Verification::Verified, false), DrillOutcome::Verified);
	EXPECT_EQ(drillOutcome(Outcome::Failed, Verification::NotRun, true), DrillOutcome::Failed);
}

TEST(RunTally, AFailedRunKeepsTheLastSuccessTimeAndRestoreDuration)
{
	RunTally tally;
	tally.record("drill", {Outcome::Succeeded, Verification::Verified, false, 1000, 300});
	tally.record("drill", {Outcome::Failed, Verification::NotRun, false, 2000, 0});
	const auto *s = tally.find("drill");
	ASSERT_NE(s, nullptr);
	EXPECT_EQ(s->lastSuccessMs, 1000);
	EXPECT_EQ(s->lastVerifiedMs, 1000);
	EXPECT_EQ(s->restoreDurationMs, 300);
	EXPECT_EQ(s->runs[indexOf(DrillOutcome::Verified)], 1u);
	EXPECT_EQ(s->runs[indexOf(DrillOutcome::Failed)], 1u);
}

TEST(RunTally, ASeededRunKeepsItsTimesAndOutcomeButIsNotCounted)
{
	RunTally tally;
	tally.seed("drill", {Outcome::Succeeded, Verification::Verified, false, 1000, 300});
	tally.seed("drill", {Outcome::Succeeded, Verification::NotRun, true, 2000, 900});
	tally.seed("drill", {Outcome::Failed, Verification::NotRun, false, 3000, 0});
	const auto *s = tally.find("drill");
	ASSERT_NE(s, nullptr);
	EXPECT_EQ(s->lastSuccessMs, 2000);
	EXPECT_EQ(s->lastVerifiedMs, 1000);
	EXPECT_EQ(s->restoreDurationMs, 900);
	EXPECT_EQ(s->lastOutcome, DrillOutcome::Failed);
	EXPECT_EQ(s->lastFinishedMs, 3000);
	for (auto n : s->runs)
		EXPECT_EQ(n, 0u);
	// A run of this process after the seeded ones is counted on top.
	tally.record("drill", {Outcome::Succeeded, Verification::Verified, false, 4000, 200});
	EXPECT_EQ(s->runs[indexOf(DrillOutcome::Verified)], 1u);
	EXPECT_EQ(s->lastVerifiedMs, 4000);
}

TEST(RunTally, RetainOnlyForgetsJobsNoLongerListed)
{
	RunTally tally;
	for (auto id : {"a", "b", "c", "d"})
		tally.record(id, {Outcome::Succeeded, Verification::NotRun, false, 1, 1});
	std::vector<JobSnapshot> listed(2);
	listed[0].id = "b";
	listed[1].id = "d";
	tally.retainOnly(listed);
	EXPECT_EQ(tally.size(), 2u);
	EXPECT_EQ(tally.find("a"), nullptr);
	EXPECT_NE(tally.find("b"), nullptr);
	EXPECT_EQ(tally.find("c"), nullptr);
	EXPECT_NE(tally.find("d"), nullptr);
}

} // namespace
} // namespace metrics
