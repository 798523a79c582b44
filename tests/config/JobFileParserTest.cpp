// SPDX-License-Identifier: Apache-2.0
#include "config/JobFileParser.h"
#include "config/StepReader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace std::chrono_literals;
using config::JobParseResult;
using config::parseJobText;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::Not;

namespace {

const std::string jobPath = "/etc/dbs-restored/jobs.d/drill.yaml";

JobParseResult parse(const std::string &text, const config::JobDefaults &defaults = {})
{
	return parseJobText(text, jobPath, defaults);
}

std::vector<std::string> formatted(const JobParseResult &r)
{
	std::vector<std::string> out;
	for (const auto &e : r.errors)
		out.push_back(e.format());
	return out;
}

// One error expected; returns it formatted without the file name prefix.
std::string onlyError(const std::string &text)
{
	auto r = parse(text);
	EXPECT_EQ(r.errors.size(), 1u) << testing::PrintToString(formatted(r));
	if (r.errors.empty())
		return {};
	return r.errors[0].format().substr(jobPath.size() + 1);
}

const char *const createJob = R"(steps:
  - backup: {backup_plan_id: dbsplandemo01}
  - restore:
      create:
        backup_plan_id: dbsplandemo01
        name: drill
        destination:
          instance_type: RDS
          region: cn-hangzhou
          instance_id: rm-drill01
          user_name: restorer
          password_file: ../secrets/db-password
        objects: [{db: shop, new_db: shop_drill}, {db: crm}]
        backup_set: previous
        duplicate_conflict: renamenew
)";

} // namespace

TEST(JobFileParser, MinimalJobTakesIdFromFileNameAndDefaults)
{
	config::JobDefaults defaults;
	defaults.pollInterval = 7s;
	defaults.retry.maxAttempts = 3;
	auto r = parse("steps:\n  - restore: {restore_task_id: rtdemoexisting01}\n", defaults);
	ASSERT_TRUE(r.ok()) << testing::PrintToString(formatted(r));
	EXPECT_EQ(r.spec->id, "drill");
	EXPECT_EQ(r.spec->sourceFile, jobPath);
	EXPECT_EQ(r.spec->pollInterval, 7s);
	EXPECT_EQ(r.spec->retry.maxAttempts, 3);
	EXPECT_EQ(r.spec->stallTimeout, defaults.stallTimeout);
	EXPECT_FALSE(r.spec->schedule);
	ASSERT_EQ(r.spec->steps.size(), 1u);
	const auto &restore = std::get<config::RestoreStep>(r.spec->steps[0].what);
	EXPECT_EQ(std::get<config::ExistingRestore>(restore.how).restoreTaskId, "rtdemoexisting01");
	EXPECT_EQ(r.spec->specHash.size(), 64u);
}

TEST(JobFileParser, JobOverridesDefaultsKeyByKey)
{
	config::JobDefaults defaults;
	defaults.retry.initialBackoff = 2s;
	defaults.retry.maxBackoff = 30s;
	auto r = parse("id: x\nretry: {max_attempts: 2}\ndeadline: 6h\nschedule: '0 3 * * *'\n"
		       "steps: [{backup: {backup_plan_id: dbsplandemo01, wait_for_backup_set: false}}]\n",
		       defaults);
	ASSERT_TRUE(r.ok()) << testing::PrintToString(formatted(r));
	EXPECT_EQ(r.spec->id, "x");
	EXPECT_EQ(r.spec->retry.maxAttempts, 2);
	EXPECT_EQ(r.spec->retry.initialBackoff, 2s);
	EXPECT_EQ(r.spec->retry.maxBackoff, 30s);
	EXPECT_EQ(r.spec->deadline, 6h);
	EXPECT_EQ(r.spec->schedule, "0 3 * * *");
	EXPECT_FALSE(std::get<config::BackupStep>(r.spec->steps[0].what).waitForBackupSet);
	// The merged policy is range-checked: a job's max_backoff below the default initial_backoff.
	EXPECT_EQ(
		onlyError("retry: {max_backoff: 500ms}\nsteps: [{restore: {restore_task_id: rtdemo01}}]\n"),
		"1:22: max_backoff (500ms) is shorter than initial_backoff (1s); expected max_backoff >= initial_backoff");
}

TEST(JobFileParser, CreateRestoreReadsEverything)
{
	auto r = parse(createJob);
	ASSERT_TRUE(r.ok()) << testing::PrintToString(formatted(r));
	ASSERT_EQ(r.spec->steps.size(), 2u);
	const auto &backup = std::get<config::BackupStep>(r.spec->steps[0].what);
	EXPECT_EQ(backup.backupPlanId, "dbsplandemo01");
	EXPECT_TRUE(backup.waitForBackupSet);
	const auto &c = std::get<config::CreateRestore>(std::get<config::RestoreStep>(r.spec->steps[1].what).how);
	EXPECT_EQ(c.backupPlanId, "dbsplandemo01");
	EXPECT_EQ(c.restoreTaskName, "drill");
	EXPECT_EQ(c.destination.instanceType, "RDS");
	EXPECT_EQ(c.destination.instanceId, "rm-drill01");
	EXPECT_EQ(c.destination.password.kind, config::SecretRef::Kind::File);
	EXPECT_EQ(c.destination.password.value, "/etc/dbs-restored/secrets/db-password");
	ASSERT_EQ(c.objects.size(), 2u);
	EXPECT_EQ(c.objects[0].newDbName, "shop_drill");
	EXPECT_EQ(c.objects[1].newDbName, "crm"); // defaults to the source name
	EXPECT_TRUE(std::holds_alternative<config::FromPreviousBackup>(c.source));
	EXPECT_EQ(c.duplicateConflict, "renamenew");
}

TEST(JobFileParser, RestoreTimeAcceptsRfc3339AndEpochMs)
{
	auto withTime = [](const std::string &t) {
		return "steps:\n  - restore:\n      create:\n        backup_plan_id: dbsplandemo01\n        name: n\n"
		       "        destination: {instance_type: RDS, region: cn-hangzhou, instance_id: rm-1}\n"
		       "        restore_time: " +
		       t + "\n";
	};
	for (auto [text, ms] : {std::pair<const char *, std::int64_t>{"2019-04-06T14:21:17Z", 1554560477000},
				{"'2019-04-06T14:21:17.5Z'", 1554560477500},
				{"1554560477000", 1554560477000}}) {
		auto r = parse(withTime(text));
		ASSERT_TRUE(r.ok()) << text << testing::PrintToString(formatted(r));
		const auto &c =
			std::get<config::CreateRestore>(std::get<config::RestoreStep>(r.spec->steps[0].what).how);
		EXPECT_EQ(std::get<config::PointInTime>(c.source).epochMs, ms) << text;
	}
	EXPECT_EQ(
		onlyError(withTime("2019-02-30T00:00:00Z")),
		"7:23: 'restore_time' is not a valid time: '2019-02-30T00:00:00Z'; expected an RFC 3339 UTC time such as "
		"2026-11-22T03:00:00Z, or epoch milliseconds");
	EXPECT_EQ(parse(withTime("2019-04-06T14:21:17+08:00")).errors.size(), 1u);
}

TEST(JobFileParser, UnknownKeyWrongTypeAndMissingField)
{
	EXPECT_EQ(onlyError("steps: [{backup: {backup_plan_id: dbsplandemo01}}]\npoll_intervall: 5s\n"),
		  "2:1: unknown key 'poll_intervall' in the job; expected one of: id, steps, retry, poll_interval, "
		  "stall_timeout, deadline, precheck_timeout, schedule, region, verify, notify, rto_objective");
	EXPECT_EQ(onlyError("steps: [{backup: {backup_plan_id: dbsplandemo01, wait_for_backup_set: maybe}}]\n"),
		  "1:71: 'wait_for_backup_set' in the backup step is not a boolean: 'maybe'; expected true or false");
	EXPECT_EQ(
		onlyError("steps: {backup: {}}\n"),
		"1:8: 'steps' is a mapping; expected a list of at least one step, each '- backup: {...}' or '- restore: {...}'");
	EXPECT_EQ(onlyError("id: x\n"),
		  "1:1: missing required key 'steps' in the job; expected steps: a list of steps");
	EXPECT_EQ(
		onlyError("steps: [{backup: {wait_for_backup_set: true}}]\n"),
		"1:18: missing required key 'backup_plan_id' in the backup step; expected backup_plan_id: an id of 4-64 "
		"characters [A-Za-z0-9][A-Za-z0-9_-]{3,63}");
	EXPECT_EQ(onlyError("steps: []\n"),
		  "1:8: 'steps' is an empty list; expected a list of at least one step, each '- backup: {...}' or "
		  "'- restore: {...}'");
	EXPECT_EQ(onlyError("steps: [{}]\n"), "1:9: a step is empty; expected exactly one of 'backup' or 'restore'");
	EXPECT_EQ(onlyError(""), "1:1: the job is empty; expected a mapping of keys to values");
}

TEST(JobFileParser, MutuallyExclusiveFields)
{
	EXPECT_EQ(
		onlyError("steps:\n- restore: {restore_task_id: rtdemo01, create: {}}\n"),
		"2:40: 'restore_task_id' and 'create' are mutually exclusive in the restore step; expected only one of them");
	auto create = [](const std::string &extra) {
		return "steps:\n- backup: {backup_plan_id: dbsplandemo01}\n- restore:\n    create:\n"
		       "      backup_plan_id: dbsplandemo01\n      name: n\n"
		       "      destination: {instance_type: RDS, region: r1, instance_id: rm-1" +
		       extra + "}\n";
	};
	EXPECT_EQ(
		onlyError(create("") + "      backup_set: previous\n      restore_time: 1554560477000\n"),
		"9:7: 'backup_set' and 'restore_time' are mutually exclusive in restore.create; expected only one of them");
	EXPECT_EQ(
		onlyError(create(", password_credential: pw, password_file: /pw") + "      backup_set: previous\n"),
		"7:97: 'password_credential' and 'password_file' are mutually exclusive in the destination; expected only "
		"one of them");
	EXPECT_EQ(
		onlyError(create("")),
		"5:7: restore.create names no backup to restore from; expected exactly one of 'backup_set: previous | "
		"<BackupSetId>' or 'restore_time: <RFC 3339 UTC | epoch ms>'");
}

TEST(JobFileParser, InlinePasswordIsRejectedWithoutEchoingIt)
{
	auto r = parse(
		"steps:\n- restore:\n    create:\n      backup_plan_id: dbsplandemo01\n      name: n\n"
		"      backup_set: sdemo0001\n      destination:\n        instance_type: RDS\n        region: r1\n"
		"        instance_id: rm-1\n        password: Hunter2-very-secret\n");
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(
		r.errors[0].format(),
		jobPath +
			":11:9: inline secret 'password' in the destination is not allowed: "
			"secrets must not be written into configuration files; expected 'password_credential: <name>' (systemd "
			"LoadCredential=) or 'password_file: <path>'");
	EXPECT_THAT(r.errors[0].format(), Not(HasSubstr("Hunter2")));
}

TEST(JobFileParser, BadDurationsIdsAndCron)
{
	const std::string steps = "steps: [{restore: {restore_task_id: rtdemo01}}]\n";
	EXPECT_EQ(
		onlyError(steps + "poll_interval: 0s\n"),
		"2:16: 'poll_interval' in the job is out of range: 0s; expected a duration from 100ms to 1h such as 500ms, 30s, "
		"5m, 2h, 1d or 1h30m");
	EXPECT_THAT(onlyError(steps + "stall_timeout: soon\n"),
		    testing::StartsWith("2:16: 'stall_timeout' in the job is not a valid duration (expected a number"));
	EXPECT_EQ(onlyError("steps: [{restore: {restore_task_id: rt!bad}}]\n"),
		  "1:37: 'restore_task_id' is not a valid id: 'rt!bad'; expected an id of 4-64 characters "
		  "[A-Za-z0-9][A-Za-z0-9_-]{3,63}");
	EXPECT_THAT(onlyError("steps: [{backup: {backup_plan_id: abc}}]\n"),
		    testing::StartsWith("1:35: 'backup_plan_id' is not a valid id: 'abc'; expected"));
	EXPECT_EQ(onlyError("id: -bad\n" + steps),
		  "1:5: 'id' is not a valid job id: '-bad'; expected 1-64 characters [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
	// The column points at the bad cron field inside the scalar, quoted or not.
	EXPECT_EQ(onlyError(steps + "schedule: 0 25 * * *\n"),
		  "2:13: bad cron expression in 'schedule': hour value 25 is out of range 0-23; expected minute hour "
		  "day-of-month month day-of-week, such as '0 3 * * *', or @hourly/@daily/@weekly/@monthly");
	EXPECT_EQ(onlyError(steps + "schedule: '0 3 * * FUN'\n").substr(0, 5), "2:20:");
}

TEST(JobFileParser, BadFileNameNeedsAnId)
{
	auto r = parseJobText("steps: [{restore: {restore_task_id: rtdemo01}}]\n", "/jobs/bad name.yaml", {});
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(r.errors[0].format(),
		  "/jobs/bad name.yaml:1:1: the file name 'bad name.yaml' is not a valid job id and "
		  "the file has no 'id' key; expected an 'id:' key or a file name of 1-64 characters "
		  "[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
	EXPECT_TRUE(parseJobText("id: ok\nsteps: [{restore: {restore_task_id: rtdemo01}}]\n", "/jobs/bad name.yaml", {})
			    .ok());
}

TEST(JobFileParser, PreviousBackupSetNeedsAnEarlierBackupStep)
{
	EXPECT_EQ(
		onlyError(
			"steps:\n- restore:\n    create:\n      backup_plan_id: dbsplandemo01\n      name: n\n"
			"      destination: {instance_type: RDS, region: r1, instance_id: rm-1}\n      backup_set: previous\n"
			"- backup: {backup_plan_id: dbsplandemo01}\n"),
		"7:19: 'backup_set: previous' but no earlier step is a backup; expected a backup step before this restore, "
		"or a BackupSetId");
}

TEST(JobFileParser, DestinationRequirementsDependOnType)
{
	auto r = parse("steps:\n- restore:\n    create:\n      backup_plan_id: dbsplandemo01\n      name: n\n"
		       "      backup_set: sdemo0001\n      destination: {instance_type: Agent, port: 70000}\n");
	EXPECT_THAT(
		formatted(r),
		ElementsAre(
			jobPath +
				":7:49: 'port' in the destination is out of range: 70000; expected an integer from 1 to 65535",
			jobPath +
				":7:20: missing required key 'region' in the destination; expected region: required when "
				"instance_type is Agent",
			jobPath +
				":4:7: missing required key 'backup_gateway_id' in restore.create; expected backup_gateway_id: "
				"required when destination.instance_type is Agent"));
}

TEST(JobFileParser, AllErrorsAreReportedTogether)
{
	auto r = parse(R"(id: nightly
deadline: forever
steps:
  - backup: {backup_plan_id: p1, colour: red}
  - restore:
      restore_task_id: rtdemo01
      create: {}
  - restore:
      create:
        backup_plan_id: dbsplandemo01
        destination: {instance_type: RDS, region: r1, instance_id: rm-1, password: x}
        backup_set: previous
schedule: "@often"
)");
	EXPECT_THAT(
		formatted(r),
		ElementsAre(
			jobPath +
				":4:34: unknown key 'colour' in the backup step; expected one of: backup_plan_id, wait_for_backup_set",
			jobPath + ":4:30: 'backup_plan_id' is not a valid id: 'p1'; expected an id of 4-64 characters "
				  "[A-Za-z0-9][A-Za-z0-9_-]{3,63}",
			jobPath +
				":7:7: 'restore_task_id' and 'create' are mutually exclusive in the restore step; expected only one "
				"of them",
			jobPath +
				":10:9: missing required key 'name' in restore.create; expected name: a restore task name",
			jobPath +
				":11:74: inline secret 'password' in the destination is not allowed: secrets must not be written "
				"into configuration files; expected 'password_credential: <name>' (systemd LoadCredential=) or "
				"'password_file: <path>'",
			jobPath +
				":2:11: 'deadline' in the job is not a valid duration (expected a number at position 1): 'forever'; "
				"expected a duration from 1s to 365d such as 500ms, 30s, 5m, 2h, 1d or 1h30m",
			jobPath +
				":13:12: bad cron expression in 'schedule': unknown macro '@often' (supported: @hourly, @daily, "
				"@midnight, @weekly, @monthly, @yearly, @annually); expected minute hour day-of-month month day-of-week, "
				"such as '0 3 * * *', or @hourly/@daily/@weekly/@monthly"));
}

TEST(JobFileParser, YamlSyntaxErrorHasLocation)
{
	auto r = parse("steps:\n  - backup: {backup_plan_id: dbsplandemo01\n");
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_THAT(r.errors[0].format(), testing::StartsWith(jobPath + ":3:"));
	EXPECT_THAT(r.errors[0].what, HasSubstr("YAML syntax error"));
}

TEST(JobFileParser, SpecHashIgnoresFormattingButNotMeaning)
{
	auto a = parse(createJob);
	auto b = parse(std::string("# a comment\n\n") + createJob);
	auto moved = parseJobText(std::string("id: drill\n") + createJob, "/etc/dbs-restored/jobs.d/other.yaml", {});
	ASSERT_TRUE(a.ok() && b.ok() && moved.ok());
	EXPECT_EQ(a.spec->specHash, b.spec->specHash);
	EXPECT_EQ(a.spec->specHash, moved.spec->specHash);
	EXPECT_EQ(a.spec->specHash, parse(createJob).spec->specHash);

	std::string changed = createJob;
	changed.replace(changed.find("shop_drill"), 10, "shop_drill2");
	EXPECT_NE(parse(changed).spec->specHash, a.spec->specHash);
	config::JobDefaults slower;
	slower.pollInterval = 1min;
	EXPECT_NE(parse(createJob, slower).spec->specHash, a.spec->specHash);
}

TEST(JobFileParser, EmptyValuesAreReportedAtTheirKey)
{
	EXPECT_EQ(onlyError("steps:\n- backup:\n"),
		  "2:3: the backup step is empty; expected a mapping of keys to values");
	EXPECT_EQ(onlyError("retry:\nsteps: [{backup: {backup_plan_id: dbsplandemo01}}]\n"),
		  "1:1: the retry section is empty; expected a mapping of keys to values");
	EXPECT_EQ(onlyError("steps: [{backup: {backup_plan_id: }}]\n"),
		  "1:19: 'backup_plan_id' in the backup step is empty; expected an id of 4-64 characters "
		  "[A-Za-z0-9][A-Za-z0-9_-]{3,63}");
}

TEST(JobFileParser, DuplicateKeysAndExtraDocumentsAreErrors)
{
	EXPECT_EQ(onlyError("steps: [{backup: {backup_plan_id: dbsplandemo01}}]\nsteps: []\n"),
		  "2:1: duplicate key 'steps' in the job; expected each key at most once");
	EXPECT_EQ(onlyError("steps: [{backup: {backup_plan_id: dbsplandemo01}}]\n---\nid: x\n"),
		  "3:1: more than one YAML document in the file (or a stray ',' after it); expected a single document");
	EXPECT_TRUE(parse("---\nsteps: [{backup: {backup_plan_id: dbsplandemo01}}]\n").ok());
}

TEST(JobFileParser, DocumentedPointInTimeExampleIsValid)
{
	// The Agent example in docs/configuration.md.
	auto r = parse(R"(id: pitr-agent
steps:
  - restore:
      create:
        backup_plan_id: dbsplandemo01
        name: pitr-check
        restore_time: 2026-11-22T03:00:00Z
        backup_gateway_id: 1234567
        destination:
          instance_type: Agent
          region: cn-hangzhou
          ip: 10.0.0.5
          port: 3306
          user_name: restorer
          password_credential: pitr-db-password
retry:
  max_attempts: 3
)");
	ASSERT_TRUE(r.ok()) << testing::PrintToString(formatted(r));
	const auto &c = std::get<config::CreateRestore>(std::get<config::RestoreStep>(r.spec->steps[0].what).how);
	EXPECT_EQ(c.backupGatewayId, 1234567);
	EXPECT_EQ(c.destination.password.kind, config::SecretRef::Kind::Credential);
	EXPECT_EQ(c.destination.password.value, "pitr-db-password");
	EXPECT_EQ(std::get<config::PointInTime>(c.source).epochMs, 1795316400000);
}

TEST(JobFileParser, IdPatterns)
{
	EXPECT_TRUE(config::isValidDbsId("abcd"));
	EXPECT_FALSE(config::isValidDbsId("abc"));
	EXPECT_TRUE(config::isValidDbsId(std::string(64, 'a')));
	EXPECT_FALSE(config::isValidDbsId(std::string(65, 'a')));
	EXPECT_TRUE(config::isValidDbsId("9a_b-c"));
	EXPECT_FALSE(config::isValidDbsId("_abcd"));
	EXPECT_FALSE(config::isValidDbsId("ab.cd"));
	EXPECT_TRUE(config::isValidJobId("a"));
	EXPECT_TRUE(config::isValidJobId("nightly.drill_2-b"));
	EXPECT_TRUE(config::isValidJobId(std::string(64, 'j')));
	EXPECT_FALSE(config::isValidJobId(std::string(65, 'j')));
	EXPECT_FALSE(config::isValidJobId(".a"));
	EXPECT_FALSE(config::isValidJobId("a/b"));
	EXPECT_FALSE(config::isValidJobId(""));
}

TEST(JobFileParser, PasswordInCreateIsRejectedToo)
{
	EXPECT_EQ(
		onlyError(
			"steps:\n- restore:\n    create:\n      password: Hunter2\n      backup_plan_id: dbsplandemo01\n"
			"      name: n\n      backup_set: sdemo0001\n      destination: {instance_type: RDS, region: r1, instance_id: rm-1}\n"),
		"4:7: inline secret 'password' in restore.create is not allowed: secrets must not be written into configuration "
		"files; expected 'password_credential' or 'password_file' inside 'destination'");
}

TEST(JobFileParser, StallTimeoutMustCoverTwoPolls)
{
	const std::string steps = "steps: [{restore: {restore_task_id: rtdemo01}}]\n";
	EXPECT_EQ(
		onlyError(steps + "poll_interval: 1h\nstall_timeout: 90m\n"),
		"3:1: stall_timeout (1h30m) is shorter than two poll intervals (1h each); expected stall_timeout >= 2 x "
		"poll_interval");
	// Against the inherited default stall_timeout (2h) too.
	config::JobDefaults defaults;
	defaults.stallTimeout = 5min;
	auto r = parse(steps + "poll_interval: 3m\n", defaults);
	ASSERT_EQ(r.errors.size(), 1u);
	EXPECT_EQ(r.errors[0].line, 2);
	EXPECT_TRUE(parse(steps + "poll_interval: 1h\nstall_timeout: 2h\n").ok());
}

TEST(JobFileParser, RegionIsOptionalAndValidated)
{
	const std::string steps = "steps: [{restore: {restore_task_id: rtdemo01}}]\n";
	auto none = parse(steps);
	ASSERT_TRUE(none.ok());
	EXPECT_EQ(none.spec->region, ""); // the main config's region
	for (const char *region : {"cn-hangzhou", "ap-southeast-1", "cn-shanghai-finance-1", "eu-central-1"}) {
		auto r = parse(steps + "region: " + region + "\n");
		ASSERT_TRUE(r.ok()) << region << testing::PrintToString(formatted(r));
		EXPECT_EQ(r.spec->region, region);
	}
	EXPECT_EQ(onlyError(steps + "region: Cn-Hangzhou\n"),
		  "2:9: 'region' is not a valid region id: 'Cn-Hangzhou'; expected a region id such as cn-hangzhou or "
		  "ap-southeast-1");
	for (const char *bad : {"hangzhou", "c-hangzhou", "cn-", "cn--hangzhou", "cn1-x", "cn_hangzhou", "cn-hang zhou",
				"-cn-hangzhou"}) {
		EXPECT_THAT(onlyError(steps + "region: '" + bad + "'\n"),
			    HasSubstr("'region' is not a valid region id"))
			<< bad;
	}
	EXPECT_THAT(onlyError(steps + "region: [cn-hangzhou]\n"), HasSubstr("'region'"));
}

TEST(JobFileParser, RegionChangesTheSpecHashOnlyWhenSet)
{
	const std::string steps = "steps: [{restore: {restore_task_id: rtdemo01}}]\n";
	auto plain = parse(steps), regional = parse(steps + "region: ap-southeast-1\n");
	ASSERT_TRUE(plain.ok() && regional.ok());
	EXPECT_NE(plain.spec->specHash, regional.spec->specHash);
}

TEST(JobFileParser, RegionIdShape)
{
	EXPECT_TRUE(config::isValidRegionId("cn-hangzhou"));
	EXPECT_TRUE(config::isValidRegionId("ap-southeast-1"));
	EXPECT_TRUE(config::isValidRegionId("us-east-1"));
	EXPECT_FALSE(config::isValidRegionId(""));
	EXPECT_FALSE(config::isValidRegionId("cn"));
	EXPECT_FALSE(config::isValidRegionId("cn-hangzhou-"));
	EXPECT_FALSE(config::isValidRegionId("CN-hangzhou"));
	EXPECT_FALSE(config::isValidRegionId("cn-Hangzhou"));
}
