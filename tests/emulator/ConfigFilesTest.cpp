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
)",
				 "gen.yaml");
	ASSERT_EQ(f.restoreTasks.size(), 10000u);
	EXPECT_EQ(f.restoreTasks.front().id, "rt-00001");
	EXPECT_EQ(f.restoreTasks.back().id, "rt-10000");
	EXPECT_EQ(f.restoreTasks.back().behaviour.durationMs, 7'200'000);
}

TEST(Fixture, ErrorsNameFileLineColumnAndExpectation)
{
	EXPECT_EQ(errorOf([] { parseFixture("access_keys: [{id: k, secret: s}]\nbackup_planz: []\n", "f.yaml"); }),
		  "f.yaml:2:1: unknown key 'backup_planz' in the fixture; expected one of: access_keys, backup_plans, "
		  "restore_tasks, generate_restore_tasks, dialect");
	EXPECT_EQ(
		errorOf([] {
			parseFixture(
				"access_keys: [{id: k, secret: s}]\nbackup_plans:\n  - id: p\n    full_backup_duration: soon\n",
				"f.yaml");
		}),
		"f.yaml:4:27: 'full_backup_duration' in a backup plan is not a valid duration (expected a number at "
		"position 1): 'soon'; expected a duration from 0s to 3650d such as 500ms, 30s, 5m, 2h, 1d or 1h30m");
	EXPECT_EQ(
		errorOf([] {
			parseFixture(
				"access_keys: [{id: k, secret: s}]\nrestore_tasks:\n  - {id: t, backup_plan_id: nope}\n",
				"f.yaml");
		}),
		"f.yaml:3:29: 'backup_plan_id' names no backup plan: 'nope'; expected the id of a backup plan declared "
		"under backup_plans");
	std::string syntax = errorOf([] { parseFixture("access_keys: [\n", "f.yaml"); });
	EXPECT_EQ(syntax.rfind("f.yaml:", 0), 0u) << syntax;
	EXPECT_NE(syntax.find(": YAML syntax error: "), std::string::npos) << syntax;
	EXPECT_NE(syntax.find("; expected well-formed YAML"), std::string::npos) << syntax;
	EXPECT_EQ(errorOf([] { parseFixture("backup_plans: []\n", "f.yaml"); }),
		  "f.yaml:1:1: missing required key 'access_keys' in the fixture; expected access_keys: a list of at "
		  "least one access key with id and secret");
	EXPECT_EQ(
		errorOf([] { parseFixture("access_keys: []\n", "f.yaml"); }),
		"f.yaml:1:1: 'access_keys' in the fixture is an empty list; expected a list of at least one access key "
		"with id and secret");
	EXPECT_EQ(errorOf([] { loadFixture("/nonexistent/fixture.yaml"); }),
		  "/nonexistent/fixture.yaml:1:1: cannot open file: No such file or directory; expected a readable "
		  "regular YAML file");
}

// The daemon's reader brings its strictness to the emulator's files: a
// duplicate key, every mistake of one file in one run, and user bytes
// escaped before they reach a terminal.
TEST(Fixture, DuplicateKeysEveryErrorAndEscapedBytes)
{
	EXPECT_EQ(errorOf([] { parseFixture("access_keys: [{id: k, secret: s, id: j}]\n", "f.yaml"); }),
		  "f.yaml:1:34: duplicate key 'id' in an access key; expected each key at most once");
	EXPECT_EQ(errorOf([] {
			  parseFixture("access_keys: [{id: k, secret: s}, {id: k, secret: t}]\nbackup_plans: [{id: p, "
				       "restore_duration: 1y}]\nrestore_tasks: [{id: t, backup_plan_id: q}]\n",
				       "f.yaml");
		  }),
		  "f.yaml:1:40: access key id 'k' is repeated; expected a unique access key id\n"
		  "f.yaml:2:42: 'restore_duration' in a backup plan is not a valid duration (unknown unit 'y'): '1y'; "
		  "expected a duration from 0s to 3650d such as 500ms, 30s, 5m, 2h, 1d or 1h30m\n"
		  "f.yaml:3:41: 'backup_plan_id' names no backup plan: 'q'; expected the id of a backup plan declared "
		  "under backup_plans");
	EXPECT_EQ(errorOf([] { parseFixture("access_keys: [{id: k, secret: s, \"bad\\ekey\": 1}]\n", "f.yaml"); }),
		  "f.yaml:1:34: unknown key 'bad\\x1bkey' in an access key; expected one of: id, secret, "
		  "security_token");
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
	EXPECT_EQ(
		errorOf([] { parseFaultPlan("faults:\n  - action: X\n    sequence: [ok, explode]\n", "x.yaml"); }),
		"x.yaml:3:20: unknown fault kind 'explode' in 'sequence'; expected one of: ok, throttle, throttle_user, "
		"throttle_api, internal_error, unavailable, delay, reset, truncated, malformed, lost, huge_body, "
		"endless_header, slowloris, bad_chunked, json_bomb, out_of_range");
	EXPECT_EQ(
		errorOf([] { parseFaultPlan("faults:\n  - action: X\n    sequense: [ok]\n", "x.yaml"); }),
		"x.yaml:3:5: unknown key 'sequense' in a fault rule; expected one of: action, sequence, then, "
		"probability, kinds, http_status, retry_after_ms, delay_ms\n"
		"x.yaml:2:5: a fault rule with nothing to inject; expected 'sequence', or 'probability' with 'kinds'");
	EXPECT_EQ(
		errorOf([] { parseFaultPlan("faults:\n  - {action: X, probability: 2, kinds: [lost]}\n", "x.yaml"); }),
		"x.yaml:2:30: 'probability' in a fault rule is out of range: 2; expected a number from 0 to 1");
	EXPECT_EQ(
		errorOf([] {
			parseFaultPlan("faults:\n  - {action: X, sequence: [ok]}\n  - {action: X, kinds: [lost]}\n",
				       "x.yaml");
		}),
		"x.yaml:3:17: 'probability' and 'kinds' go together in a fault rule; expected both of them, or neither\n"
		"x.yaml:3:14: a second rule for action 'X'; expected one rule per action");
}

TEST(FaultInjector, SequenceThenOkOrRepeat)
{
	FaultPlan p = parseFaultPlan(R"(
faults:
  - {action: A, sequence: [throttle, ok, lost]}
  - {action: B, sequence: [reset, ok], then: repeat}
)",
				     "f.yaml");
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
	FaultPlan p = parseFaultPlan(
		"faults:\n  - {action: '*', probability: 0.3, kinds: [throttle, internal_error]}\n", "f.yaml");
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
