// SPDX-License-Identifier: Apache-2.0
// The restore-drill keys of a job file: verify, notify, rto_objective.
#include "config/HookReader.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/JobFileParser.h"
#include "config/JobSpecJson.h"

using namespace std::chrono_literals;
using config::RunCondition;
using testing::ElementsAre;
using testing::HasSubstr;

namespace {

const std::string jobPath = "/etc/dbs-restored/jobs.d/drill.yaml";
const std::string restoreStep = "steps:\n  - restore: {restore_task_id: rtdemoexisting01}\n";

config::JobParseResult parse(const std::string &text) { return config::parseJobText(text, jobPath, {}); }

// The errors, each without the file name prefix.
std::vector<std::string> errors(const std::string &text)
{
	std::vector<std::string> out;
	for (const auto &e : parse(text).errors)
		out.push_back(e.format().substr(jobPath.size() + 1));
	return out;
}

} // namespace

TEST(HookKeys, ReadsVerifyNotifyAndTheRtoObjective)
{
	auto r = parse(restoreStep + R"(verify:
  command: [/usr/lib/dbs-restored/hooks/verify-mysql, --min-rows, "1000", ""]
  timeout: 15m
  on_failure: warn
notify:
  command: [/usr/local/bin/page-oncall]
  timeout: 30s
  when: [rto_missed, failed, could_not_verify]
rto_objective: 2h
)");
	ASSERT_TRUE(r.ok()) << config::formatErrors(r.errors);
	ASSERT_TRUE(r.spec->verify);
	EXPECT_THAT(r.spec->verify->command,
		    ElementsAre("/usr/lib/dbs-restored/hooks/verify-mysql", "--min-rows", "1000", ""));
	EXPECT_EQ(r.spec->verify->timeout, 15min);
	EXPECT_EQ(r.spec->verify->onFailure, config::VerifyHook::OnFailure::Warn);
	ASSERT_TRUE(r.spec->notify);
	EXPECT_THAT(r.spec->notify->command, ElementsAre("/usr/local/bin/page-oncall"));
	EXPECT_EQ(r.spec->notify->timeout, 30s);
	// In canonical order, whatever order the file lists them in.
	EXPECT_THAT(r.spec->notify->when,
		    ElementsAre(RunCondition::Failed, RunCondition::CouldNotVerify, RunCondition::RtoMissed));
	EXPECT_EQ(r.spec->rtoObjective, 2h);
}

TEST(HookKeys, DefaultsAreTenMinutesFailAndEverythingButSuccess)
{
	auto r = parse(restoreStep + "verify: {command: [/bin/true]}\nnotify: {command: [/bin/true]}\n");
	ASSERT_TRUE(r.ok()) << config::formatErrors(r.errors);
	EXPECT_EQ(r.spec->verify->timeout, 10min);
	EXPECT_EQ(r.spec->verify->onFailure, config::VerifyHook::OnFailure::Fail);
	EXPECT_EQ(r.spec->notify->timeout, 1min);
	EXPECT_THAT(r.spec->notify->when,
		    ElementsAre(RunCondition::Failed, RunCondition::Cancelled, RunCondition::VerificationFailed,
				RunCondition::CouldNotVerify, RunCondition::RtoMissed));
	EXPECT_FALSE(r.spec->rtoObjective);
	auto none = parse(restoreStep);
	ASSERT_TRUE(none.ok());
	EXPECT_FALSE(none.spec->verify);
	EXPECT_FALSE(none.spec->notify);
}

TEST(HookKeys, CommandMustBeAnArgvWithAnAbsoluteProgram)
{
	// A string is not split: there is no shell to do it.
	EXPECT_THAT(
		errors(restoreStep + "verify: {command: /bin/check --all}\n"),
		ElementsAre(
			"3:19: 'command' in the verify hook is a scalar; expected a list of an absolute program path "
			"and its arguments, such as [/usr/lib/dbs-restored/hooks/verify-mysql, --min-rows, \"1000\"]"));
	EXPECT_THAT(errors(restoreStep + "verify:\n  command: [check-db, --all]\n"),
		    ElementsAre(HasSubstr("4:13: the program of 'command' in the verify hook is not an absolute path: "
					  "'check-db'; expected an absolute path")));
	EXPECT_THAT(errors(restoreStep + "notify: {command: []}\n"),
		    ElementsAre(HasSubstr("3:19: 'command' in the notify hook is an empty list")));
	EXPECT_THAT(errors(restoreStep + "notify: {command: [/bin/x, [a, b]]}\n"),
		    ElementsAre(HasSubstr(
			    "3:28: an argument of 'command' in the notify hook is a list; expected a string")));
	EXPECT_THAT(errors(restoreStep + "notify: {command: [\"/bin/x\", \"a\\0b\"]}\n"),
		    ElementsAre(HasSubstr("contains a NUL byte")));
	EXPECT_THAT(errors(restoreStep + "verify: {timeout: 5m}\n"),
		    ElementsAre(HasSubstr("3:9: missing required key 'command' in the verify hook")));
	std::string many = restoreStep + "notify: {command: [/bin/x";
	for (int i = 0; i < 256; ++i)
		many += ", a";
	EXPECT_THAT(errors(many + "]}\n"), ElementsAre(HasSubstr("257 arguments, over the limit of 256")));
}

TEST(HookKeys, HookSectionsAreStrict)
{
	EXPECT_THAT(errors(restoreStep + "verify: {command: [/bin/true], on_failure: ignore, retries: 3}\n"),
		    ElementsAre(HasSubstr("3:52: unknown key 'retries' in the verify hook; expected one of: command, "
					  "timeout, on_failure"),
				HasSubstr("3:44: 'on_failure' in the verify hook has an unsupported value 'ignore'; "
					  "expected one of: fail, warn")));
	EXPECT_THAT(errors(restoreStep + "verify: {command: [/bin/true], timeout: 0s}\n"),
		    ElementsAre(HasSubstr("'timeout' in the verify hook is out of range: 0s")));
	EXPECT_THAT(errors(restoreStep + "notify: {command: [/bin/true], timeout: 2h}\n"),
		    ElementsAre(HasSubstr("'timeout' in the notify hook is out of range: 2h")));
	EXPECT_THAT(errors(restoreStep + "verify: [/bin/true]\n"),
		    ElementsAre(HasSubstr("3:9: the verify hook is a list; expected a mapping")));
	EXPECT_THAT(errors(restoreStep + "rto_objective: fast\n"),
		    ElementsAre(HasSubstr("3:16: 'rto_objective' in the job is not a valid duration")));
}

TEST(HookKeys, WhenListsKnownConditionsOnce)
{
	EXPECT_THAT(
		errors(restoreStep + "notify: {command: [/bin/true], when: [failed, paged]}\n"),
		ElementsAre(
			"3:47: 'when' in the notify hook lists an unknown condition 'paged'; expected a non-empty "
			"list of: succeeded, failed, cancelled, verification_failed, could_not_verify, rto_missed"));
	EXPECT_THAT(errors(restoreStep + "notify: {command: [/bin/true], when: [failed, failed]}\n"),
		    ElementsAre(HasSubstr("3:47: 'when' in the notify hook lists 'failed' twice")));
	EXPECT_THAT(errors(restoreStep + "notify: {command: [/bin/true], when: []}\n"),
		    ElementsAre(HasSubstr("3:38: 'when' in the notify hook is an empty list")));
	EXPECT_THAT(errors(restoreStep + "notify: {command: [/bin/true], when: failed}\n"),
		    ElementsAre(HasSubstr("'when' in the notify hook is a scalar")));
}

TEST(HookKeys, VerifyAndRtoObjectiveNeedARestoreStep)
{
	std::string backupOnly = "steps:\n  - backup: {backup_plan_id: dbsplandemo01}\n";
	EXPECT_THAT(
		errors(backupOnly + "verify: {command: [/bin/true]}\nrto_objective: 1h\nnotify: {command: [/bin/x]}\n"),
		ElementsAre(
			"3:1: 'verify' needs a restore step, and the job has none; expected a restore step in 'steps', "
			"or no 'verify'",
			HasSubstr("4:1: 'rto_objective' needs a restore step")));
}

TEST(HookKeys, ChangeTheSpecHashAndSurviveTheStateFile)
{
	auto plain = parse(restoreStep);
	auto drill = parse(restoreStep + "verify: {command: [/bin/v, -x]}\nnotify: {command: [/bin/n], "
					 "when: [failed, rto_missed]}\nrto_objective: 90m\n");
	auto reordered = parse(restoreStep + "rto_objective: 90m\nnotify: {command: [/bin/n], "
					     "when: [rto_missed, failed]}\nverify: {command: [/bin/v, -x]}\n");
	ASSERT_TRUE(plain.ok() && drill.ok() && reordered.ok());
	EXPECT_NE(drill.spec->specHash, plain.spec->specHash);
	EXPECT_EQ(drill.spec->specHash, reordered.spec->specHash);
	// A job without the keys writes none of them: its hash is the one it had
	// before they existed.
	auto plainJson = config::toJson(*plain.spec).as_object();
	for (const char *key : {"verify", "notify", "rto_objective_ms"})
		EXPECT_FALSE(plainJson.contains(key)) << key;

	std::string text = boost::json::serialize(config::toJson(*drill.spec));
	auto back = config::jobSpecFromJson(boost::json::parse(text));
	EXPECT_EQ(boost::json::serialize(config::toJson(back)), text);
	EXPECT_EQ(config::computeSpecHash(back), drill.spec->specHash);
	EXPECT_THAT(back.verify->command, ElementsAre("/bin/v", "-x"));
	EXPECT_THAT(back.notify->when, ElementsAre(RunCondition::Failed, RunCondition::RtoMissed));
	EXPECT_EQ(back.rtoObjective, 90min);

	auto bad = boost::json::parse(text);
	bad.as_object()["notify"].as_object()["when"] = boost::json::array{"paged"};
	EXPECT_THROW(config::jobSpecFromJson(bad), std::invalid_argument);
	bad = boost::json::parse(text);
	bad.as_object()["verify"].as_object()["command"] = boost::json::array{"relative"};
	EXPECT_THROW(config::jobSpecFromJson(bad), std::invalid_argument);
}
