// SPDX-License-Identifier: Apache-2.0
// Fixture and faults files: the shipped examples load, and every mistake is
// reported at file:line:column with what was expected.
#include <gtest/gtest.h>

#include "config/ConfigError.h"
#include "emulator/FaultInjector.h"
#include "emulator/FaultPlan.h"
#include "emulator/Fixture.h"

using namespace emulator;

namespace {

std::string errorOf(const std::function<void()> &f)
{
	try {
		f();
	} catch (const config::ConfigException &e) {
		return e.what();
	}
	return "(no error)";
}

TEST(Fixture, ExampleFixtureHasTheDemoIdentifiers)
{
	Fixture f = loadFixture(EMULATOR_EXAMPLES_DIR "/fixture.yaml");
	ASSERT_EQ(f.accessKeys.size(), 1u);
	EXPECT_EQ(f.accessKeys[0].id, "LTAI5tDemoAccessKey01");
	ASSERT_EQ(f.backupPlans.size(), 1u);
	EXPECT_EQ(f.backupPlans[0].id, "dbsplandemo01");
	EXPECT_EQ(f.backupPlans[0].fullBackupDurationMs, 20 * 60'000);
	EXPECT_EQ(f.backupPlans[0].restoreDefaults.durationMs, 2 * 3'600'000);
	ASSERT_EQ(f.restoreTasks.size(), 2u);
	EXPECT_EQ(f.restoreTasks[0].id, "rtdemoexisting01");
	EXPECT_EQ(f.restoreTasks[0].behaviour.durationMs, 90 * 60'000);
	EXPECT_EQ(f.restoreTasks[1].behaviour.outcome, TaskOutcome::Stop);
	EXPECT_EQ(f.restoreTasks[1].behaviour.errorMessage, "Restore failed: destination disk full");
}

TEST(Fixture, GeneratorProducesNumberedTasks)
{
	Fixture f = parseFixture(R"(
access_keys: [{id: k, secret: s}]
backup_plans: [{id: p}]
generate_restore_tasks:
  - {id_prefix: rt-, count: 10000, backup_plan_id: p, duration: 2h, outcome: finish}
)", "gen.yaml");
	ASSERT_EQ(f.restoreTasks.size(), 10000u);
	EXPECT_EQ(f.restoreTasks.front().id, "rt-00001");
	EXPECT_EQ(f.restoreTasks.back().id, "rt-10000");
	EXPECT_EQ(f.restoreTasks.back().behaviour.durationMs, 7'200'000);
}

TEST(Fixture, ErrorsNameFileLineColumnAndExpectation)
{
	EXPECT_EQ(errorOf([] { parseFixture("access_keys: [{id: k, secret: s}]\nbackup_planz: []\n", "f.yaml"); }),
		  "f.yaml:2:1: expected one of the keys {access_keys, backup_plans, restore_tasks, "
		  "generate_restore_tasks, dialect}, got unknown key \"backup_planz\"");
	EXPECT_EQ(errorOf([] {
			  parseFixture("access_keys: [{id: k, secret: s}]\nbackup_plans:\n  - id: p\n    full_backup_duration: soon\n",
				       "f.yaml");
		  }),
		  "f.yaml:4:27: expected \"full_backup_duration\" to be a duration such as 90s, 20m, 2h or 500ms");
	EXPECT_EQ(errorOf([] {
			  parseFixture("access_keys: [{id: k, secret: s}]\nrestore_tasks:\n  - {id: t, backup_plan_id: nope}\n",
				       "f.yaml");
		  }),
		  "f.yaml:3:29: expected the id of a backup plan declared under backup_plans, got \"nope\"");
	std::string syntax = errorOf([] { parseFixture("access_keys: [\n", "f.yaml"); });
	EXPECT_EQ(syntax.rfind("f.yaml:", 0), 0u) << syntax;
	EXPECT_NE(syntax.find("expected valid YAML"), std::string::npos) << syntax;
	EXPECT_EQ(errorOf([] { parseFixture("backup_plans: []\n", "f.yaml"); }),
		  "f.yaml:1:1: expected at least one entry under \"access_keys\"");
	EXPECT_EQ(errorOf([] { loadFixture("/nonexistent/fixture.yaml"); }),
		  "/nonexistent/fixture.yaml:1:1: expected a readable fixture file");
}

TEST(FaultPlan, ExampleFaultsFileShowsEveryKind)
{
	FaultPlan p = loadFaultPlan(EMULATOR_EXAMPLES_DIR "/faults.yaml");
	std::set<FaultKind> kinds;
	for (const auto &[action, rule] : p.rules) {
		kinds.insert(rule.sequence.begin(), rule.sequence.end());
		kinds.insert(rule.kinds.begin(), rule.kinds.end());
	}
	for (const char *k : {"throttle", "throttle_user", "throttle_api", "internal_error", "unavailable", "delay",
			      "reset", "truncated", "malformed", "lost"})
		EXPECT_TRUE(kinds.count(*faultKindFromString(k))) << k;
}

TEST(FaultPlan, ErrorsNameFileLineColumnAndExpectation)
{
	EXPECT_EQ(errorOf([] { parseFaultPlan("faults:\n  - action: X\n    sequence: [ok, explode]\n", "x.yaml"); }),
		  "x.yaml:3:20: expected a fault kind, one of ok, throttle, throttle_user, throttle_api, "
		  "internal_error, unavailable, delay, reset, truncated, malformed, lost, huge_body, endless_header, "
		  "slowloris, bad_chunked, json_bomb, out_of_range");
	EXPECT_EQ(errorOf([] { parseFaultPlan("faults:\n  - action: X\n    sequense: [ok]\n", "x.yaml"); }),
		  "x.yaml:3:5: expected one of the keys {action, sequence, then, probability, kinds, http_status, "
		  "retry_after_ms, delay_ms}, got unknown key \"sequense\"");
	EXPECT_EQ(errorOf([] { parseFaultPlan("faults:\n  - {action: X, probability: 2, kinds: [lost]}\n", "x.yaml"); }),
		  "x.yaml:2:30: expected \"probability\" to be a number between 0 and 1");
}

TEST(FaultInjector, SequenceThenOkOrRepeat)
{
	FaultPlan p = parseFaultPlan(R"(
faults:
  - {action: A, sequence: [throttle, ok, lost]}
  - {action: B, sequence: [reset, ok], then: repeat}
)", "f.yaml");
	FaultInjector inj(p, 1);
	std::vector<FaultKind> a, b;
	for (int i = 0; i < 5; ++i) {
		a.push_back(inj.next("A").kind);
		b.push_back(inj.next("B").kind);
	}
	EXPECT_EQ(a, (std::vector<FaultKind>{FaultKind::Throttling, FaultKind::Ok, FaultKind::Lost, FaultKind::Ok,
					     FaultKind::Ok}));
	EXPECT_EQ(b, (std::vector<FaultKind>{FaultKind::Reset, FaultKind::Ok, FaultKind::Reset, FaultKind::Ok,
					     FaultKind::Reset}));
	EXPECT_EQ(inj.next("C").kind, FaultKind::Ok);
}

TEST(FaultInjector, ProbabilityIsSeededAndRoughlyRight)
{
	FaultPlan p = parseFaultPlan("faults:\n  - {action: '*', probability: 0.3, kinds: [throttle, internal_error]}\n",
				     "f.yaml");
	auto draw = [&](std::uint64_t seed) {
		FaultInjector inj(p, seed);
		std::vector<FaultKind> out;
		for (int i = 0; i < 2000; ++i)
			out.push_back(inj.next(i % 2 ? "X" : "Y").kind);
		return out;
	};
	auto one = draw(42);
	EXPECT_EQ(one, draw(42));
	EXPECT_NE(one, draw(43));
	auto faults = std::count_if(one.begin(), one.end(), [](FaultKind k) { return k != FaultKind::Ok; });
	EXPECT_GT(faults, 450);
	EXPECT_LT(faults, 750);
	EXPECT_GT(std::count(one.begin(), one.end(), FaultKind::InternalError), 150);
}

} // namespace
