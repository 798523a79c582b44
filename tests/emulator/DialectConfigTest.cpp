// SPDX-License-Identifier: Apache-2.0
// The "dialect:" section and the per-task keys: defaults, the strict
// example, and every mistake reported at file:line:column.
#include <gtest/gtest.h>

#include "config/ConfigError.h"
#include "emulator/Fixture.h"

using namespace emulator;

namespace {

const std::string account = "access_keys: [{id: k, secret: s}]\nbackup_plans: [{id: p}]\n";

std::string errorOf(const std::string &yaml)
{
	try {
		parseFixture(yaml, "d.yaml");
	} catch (const config::ConfigException &e) {
		return e.what();
	}
	return "(no error)";
}

TEST(Dialect, DefaultsAreTheHistoricalBehaviour)
{
	const Dialect d = parseFixture(account, "d.yaml").dialect;
	EXPECT_EQ(d.successStatus, "finish");
	EXPECT_FALSE(d.finishTimeWhileRunning);
	EXPECT_FALSE(d.checkPassPhase);
	EXPECT_EQ(d.alreadyStarted, AlreadyStarted::InvalidStatus);
	EXPECT_FALSE(d.tokenTtlMs.has_value());
	EXPECT_EQ(d.businessErrorStatus, 400);
	EXPECT_EQ(d.pageBase, 0);
	EXPECT_FALSE(d.refuseUnknownIds);
	EXPECT_EQ(d.maxIdsPerList, 100);
	EXPECT_EQ(d.throttle.httpStatus, 400);
	EXPECT_FALSE(d.throttle.textBody);
	EXPECT_TRUE(d.throttle.retryHint);
	const TaskBehaviour b = parseFixture(account, "d.yaml").backupPlans.at(0).restoreDefaults;
	EXPECT_FALSE(b.precheckFails);
	EXPECT_FALSE(b.precheckError.empty());
	EXPECT_EQ(b.vanishAfter, 0);
}

TEST(Dialect, StrictExampleLoadsWithEverySwitchSet)
{
	const Fixture f = loadFixture(EMULATOR_EXAMPLES_DIR "/dialect-strict.yaml");
	const Dialect &d = f.dialect;
	EXPECT_EQ(d.successStatus, "completed");
	EXPECT_TRUE(d.finishTimeWhileRunning);
	EXPECT_TRUE(d.checkPassPhase);
	EXPECT_EQ(d.alreadyStarted, AlreadyStarted::InvalidJobId);
	EXPECT_EQ(d.tokenTtlMs.value_or(-1), 0);
	EXPECT_EQ(d.businessErrorStatus, 200);
	EXPECT_EQ(d.pageBase, 1);
	EXPECT_TRUE(d.refuseUnknownIds);
	EXPECT_EQ(d.maxIdsPerList, 7);
	EXPECT_EQ(d.throttle.httpStatus, 429);
	EXPECT_TRUE(d.throttle.textBody);
	EXPECT_FALSE(d.throttle.retryHint);
	EXPECT_TRUE(f.backupPlans.at(1).restoreDefaults.precheckFails);
	EXPECT_EQ(f.backupPlans.at(1).restoreDefaults.vanishAfter, 20);
	EXPECT_TRUE(f.restoreTasks.at(2).behaviour.precheckFails);
	EXPECT_EQ(f.restoreTasks.at(3).behaviour.vanishAfter, 3);
}

TEST(Dialect, TokenTtlTakesDurationsOrNever)
{
	EXPECT_EQ(parseFixture(account + "dialect: {token_ttl: 10m}\n", "d.yaml").dialect.tokenTtlMs.value_or(-1),
		  600'000);
	EXPECT_FALSE(parseFixture(account + "dialect: {token_ttl: never}\n", "d.yaml").dialect.tokenTtlMs);
}

TEST(Dialect, TaskKeysInheritFromThePlanAndGenerators)
{
	const Fixture f = parseFixture(R"(
access_keys: [{id: k, secret: s}]
backup_plans: [{id: p, precheck: fail, precheck_error: "plan says no", vanish_after: 4}]
restore_tasks: [{id: t1, backup_plan_id: p}, {id: t2, backup_plan_id: p, precheck: pass, vanish_after: 0}]
generate_restore_tasks: [{id_prefix: g-, count: 2, backup_plan_id: p, vanish_after: 9}]
)",
				       "d.yaml");
	EXPECT_TRUE(f.restoreTasks.at(0).behaviour.precheckFails);
	EXPECT_EQ(f.restoreTasks.at(0).behaviour.precheckError, "plan says no");
	EXPECT_EQ(f.restoreTasks.at(0).behaviour.vanishAfter, 4);
	EXPECT_FALSE(f.restoreTasks.at(1).behaviour.precheckFails);
	EXPECT_EQ(f.restoreTasks.at(1).behaviour.vanishAfter, 0);
	EXPECT_TRUE(f.restoreTasks.at(2).behaviour.precheckFails);
	EXPECT_EQ(f.restoreTasks.at(2).behaviour.vanishAfter, 9);
}

TEST(Dialect, BadValuesNameFileLineColumn)
{
	const std::vector<std::pair<std::string, std::string>> cases{
		{"dialect:\n  succes_status: finish\n",
		 "d.yaml:4:3: unknown key 'succes_status' in the dialect; expected one of: success_status, "
		 "finish_time_while_running, check_pass_phase, already_started, token_ttl, business_error_status, "
		 "page_base, unknown_ids_in_list, max_ids_per_list, throttle"},
		{"dialect:\n  success_status: done\n",
		 "d.yaml:4:19: 'success_status' in the dialect has an unsupported value 'done'; expected one of: finish, "
		 "completed, success"},
		{"dialect:\n  finish_time_while_running: sometimes\n",
		 "d.yaml:4:30: 'finish_time_while_running' in the dialect is not a boolean: 'sometimes'; expected true or "
		 "false"},
		{"dialect:\n  check_pass_phase: 1x\n",
		 "d.yaml:4:21: 'check_pass_phase' in the dialect is not a boolean: '1x'; expected true or false"},
		{"dialect:\n  already_started: ignore\n",
		 "d.yaml:4:20: 'already_started' in the dialect has an unsupported value 'ignore'; expected one of: "
		 "invalid_status, invalid_job_id, invalid_parameter_valid, quiet_success"},
		{"dialect:\n  token_ttl: forever\n",
		 "d.yaml:4:14: 'token_ttl' in the dialect is not a valid duration (expected a number at position 1): "
		 "'forever'; expected a duration from 0s to 3650d such as 500ms, 30s, 5m, 2h, 1d or 1h30m"},
		{"dialect:\n  business_error_status: 404\n",
		 "d.yaml:4:26: 'business_error_status' in the dialect has an unsupported value '404'; expected one of: "
		 "400, 403, 200"},
		{"dialect:\n  page_base: 2\n",
		 "d.yaml:4:14: 'page_base' in the dialect has an unsupported value '2'; expected one of: 0, 1"},
		{"dialect:\n  unknown_ids_in_list: ignore\n",
		 "d.yaml:4:24: 'unknown_ids_in_list' in the dialect has an unsupported value 'ignore'; expected one of: "
		 "drop, refuse"},
		{"dialect:\n  max_ids_per_list: 101\n",
		 "d.yaml:4:21: 'max_ids_per_list' in the dialect is out of range: 101; expected an integer from 1 to 100"},
		{"dialect:\n  max_ids_per_list: 0\n",
		 "d.yaml:4:21: 'max_ids_per_list' in the dialect is out of range: 0; expected an integer from 1 to 100"},
		{"dialect:\n  throttle:\n    http_status: 500\n",
		 "d.yaml:5:18: 'http_status' in the dialect's throttle has an unsupported value '500'; expected one of: "
		 "400, 429, 503"},
		{"dialect:\n  throttle: {body: html}\n",
		 "d.yaml:4:20: 'body' in the dialect's throttle has an unsupported value 'html'; expected one of: json, "
		 "text"},
		{"dialect:\n  throttle: {retry_hint: maybe}\n",
		 "d.yaml:4:26: 'retry_hint' in the dialect's throttle is not a boolean: 'maybe'; expected true or false"},
		{"dialect:\n  throttle: {retry_after: 1}\n",
		 "d.yaml:4:14: unknown key 'retry_after' in the dialect's throttle; expected one of: http_status, body, "
		 "retry_hint"},
		{"dialect: [finish]\n", "d.yaml:3:10: the dialect is a list; expected a mapping of keys to values"},
	};
	for (const auto &[yaml, expected] : cases)
		EXPECT_EQ(errorOf(account + yaml), expected) << yaml;
}

TEST(Dialect, BadTaskKeysNameFileLineColumn)
{
	EXPECT_EQ(
		errorOf("access_keys: [{id: k, secret: s}]\nbackup_plans: [{id: p, precheck: maybe}]\n"),
		"d.yaml:2:34: 'precheck' in a backup plan has an unsupported value 'maybe'; expected one of: pass, fail");
	EXPECT_EQ(errorOf(account + "restore_tasks: [{id: t, backup_plan_id: p, vanish_after: -1}]\n"),
		  "d.yaml:3:58: 'vanish_after' in a restore task is out of range: -1; expected an integer from 0 to "
		  "1000000000");
	EXPECT_EQ(errorOf(account + "restore_tasks: [{id: t, backup_plan_id: p, precheck_error: ''}]\n"),
		  "d.yaml:3:60: 'precheck_error' in a restore task is empty; expected a non-empty string");
	EXPECT_EQ(
		errorOf(account + "generate_restore_tasks: [{id_prefix: g, count: 1, backup_plan_id: p, vanish: 1}]\n"),
		"d.yaml:3:70: unknown key 'vanish' in a restore task generator; expected one of: id_prefix, count, "
		"backup_plan_id, duration, outcome, error_message, pause_at, terminal_status, precheck, precheck_error, "
		"vanish_after");
}

} // namespace
