// SPDX-License-Identifier: Apache-2.0
// Every job succeeds, and DBS sees each real side effect exactly once,
// when every mutating call meets transient errors, throttling and replies
// lost after the side effect, and when reads get broken answers.

#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

// Scripted per action, shared by all jobs: every kind of failure a client
// can see, three of them "lost" (the side effect happened, the reply did not).
const std::string faults = "faults:\n"
			   "  - action: StartBackupPlan\n"
			   "    sequence: [lost, internal_error, throttle, lost, unavailable, lost]\n"
			   "    retry_after_ms: 200\n"
			   "  - action: CreateRestoreTask\n"
			   "    sequence: [lost, unavailable, throttle_user, lost, internal_error, lost]\n"
			   "    retry_after_ms: 200\n"
			   "  - action: StartRestoreTask\n"
			   "    sequence: [lost, throttle_api, internal_error, lost, unavailable, lost]\n"
			   "    retry_after_ms: 200\n";

constexpr int jobs = 4;

std::string planId(int i) { return "plane2efault" + std::to_string(i); }

class FaultsOnEveryMutatingCall : public testing::TestWithParam<const char *>
{};

TEST_P(FaultsOnEveryMutatingCall, AllJobsSucceedWithExactlyOneRealSideEffectEach)
{
	std::string plans;
	for (int i = 0; i < jobs; ++i)
		plans += planYaml(planId(i));
	EmulatorProcess emulator(
		fixtureYaml(plans, "  - {id: rte2efaultexisting, backup_plan_id: " + planId(0) + ", duration: 1h}\n"),
		faults);
	DaemonSettings settings;
	settings.signature = GetParam();
	// The scripts are shared: one unlucky job may draw most of them.
	settings.maxAttempts = 40;
	Workspace ws(emulator.port(), settings);
	for (int i = 0; i < jobs; ++i)
		ws.writeJob("job" + std::to_string(i) + ".yaml", backupThenRestoreJob(planId(i), ws.passwordFileRef()));
	ws.writeJob("existing.yaml", existingTaskJob("rte2efaultexisting"));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(90s), 0) << daemon.output();
	EXPECT_EQ(daemon.countEvent("succeeded"), jobs + 1) << daemon.output();
	EXPECT_GE(daemon.countEvent("retry_scheduled"), 18) << daemon.output();

	// Throttling answers carried x-acs-retry-after: 200; the retry waits
	// at least that long (the hint is a floor under the jittered backoff).
	int throttledRetries = 0;
	for (const auto &line : daemon.eventLines("retry_scheduled")) {
		if (line.find("(throttled,") == std::string::npos)
			continue;
		++throttledRetries;
		auto at = line.rfind("retrying in ");
		ASSERT_NE(at, std::string::npos) << line;
		EXPECT_GE(std::stoi(line.substr(at + 12)), 200) << line;
	}
	EXPECT_EQ(throttledRetries, 3) << daemon.output();

	auto state = emulator.state();
	for (int i = 0; i < jobs; ++i) {
		SCOPED_TRACE(planId(i));
		const auto &plan = planState(state, planId(i));
		EXPECT_EQ(count(plan, "backup_sets_created"), 1);
		EXPECT_EQ(count(plan, "create_restore_count"), 1);
		int created = 0;
		for (const auto &t : tasksOfPlan(state, planId(i))) {
			if (t.at("id").as_string() == "rte2efaultexisting")
				continue;
			++created;
			EXPECT_EQ(count(t, "start_count"), 1);
			EXPECT_EQ(t.at("status").as_string(), "finish");
		}
		EXPECT_EQ(created, 1);
	}
	EXPECT_EQ(count(taskState(state, "rte2efaultexisting"), "start_count"), 1);

	// The scripts were played to the end, and "lost" calls were recovered:
	// from DBS's ClientToken cache on the re-send, or (creates and backup
	// starts) found on the plan before re-sending, by the run's task name
	// or a backup set id that was not there before.
	auto foundOnThePlan = [&](const std::string &how) {
		int n = 0;
		for (const auto &line : daemon.eventLines("start_adopted"))
			n += line.find(how) != std::string::npos;
		return n;
	};
	// `how`: the start_adopted text of a recovery by lookup; none for starts.
	const std::pair<const char *, std::string> recovered[] = {
		{"StartBackupPlan", "appeared on plan"}, {"CreateRestoreTask", " named "}, {"StartRestoreTask", ""}};
	for (const auto &[action, how] : recovered) {
		SCOPED_TRACE(action);
		EXPECT_EQ(outcomeCount(state, action, "fault_lost"), 3);
		EXPECT_EQ(outcomeCount(state, action, "fault_internal_error"), 1);
		EXPECT_EQ(outcomeCount(state, action, "fault_unavailable"), 1);
		EXPECT_GE(outcomeCount(state, action, "replayed") + (how.empty() ? 0 : foundOnThePlan(how)), 1);
	}
	EXPECT_EQ(outcomeCount(state, "StartBackupPlan", "fault_throttle"), 1);
	EXPECT_EQ(outcomeCount(state, "CreateRestoreTask", "fault_throttle_user"), 1);
	EXPECT_EQ(outcomeCount(state, "StartRestoreTask", "fault_throttle_api"), 1);
}

TEST(FaultsOnPolls, BrokenAnswersToReadsArePolledAgainAndTheJobSucceeds)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2epollfault")),
				 "faults:\n"
				 "  - action: DescribeFullBackupList\n"
				 "    sequence: [truncated, malformed, unavailable]\n"
				 "  - action: DescribeRestoreTaskList\n"
				 "    sequence: [truncated, malformed, reset, throttle_user, internal_error, lost]\n");
	Workspace ws(emulator.port());
	ws.writeJob("polled.yaml", backupThenRestoreJob("plane2epollfault", ws.passwordFileRef()));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	// Every broken answer was read again: the backup set's polls, the
	// restore task's polls, and the listing of the plan's sets that comes
	// before StartBackupPlan (also a DescribeFullBackupList).
	int readFailures = 0;
	for (const auto &line : daemon.eventLines("api_call_failed", "polled"))
		readFailures += line.find("poll failed") != std::string::npos;
	for (const auto &line : daemon.eventLines("retry_scheduled", "polled"))
		readFailures += line.find("ListBackupSets failed") != std::string::npos;
	EXPECT_EQ(readFailures, 9) << daemon.output();

	auto state = emulator.state();
	for (const char *kind : {"fault_truncated", "fault_malformed"}) {
		EXPECT_EQ(outcomeCount(state, "DescribeFullBackupList", kind), 1) << kind;
		EXPECT_EQ(outcomeCount(state, "DescribeRestoreTaskList", kind), 1) << kind;
	}
	EXPECT_EQ(outcomeCount(state, "DescribeRestoreTaskList", "fault_lost"), 1);
	const auto &plan = planState(state, "plane2epollfault");
	EXPECT_EQ(count(plan, "backup_sets_created"), 1);
	EXPECT_EQ(count(plan, "create_restore_count"), 1);
	auto tasks = tasksOfPlan(state, "plane2epollfault");
	ASSERT_EQ(tasks.size(), 1u);
	EXPECT_EQ(count(tasks[0], "start_count"), 1);
}

INSTANTIATE_TEST_SUITE_P(SignatureStyles, FaultsOnEveryMutatingCall, testing::Values("v3", "v1-get", "v1-post"),
			 [](const auto &info) {
				 std::string s = info.param;
				 return s == "v3"       ? std::string("V3")
					: s == "v1-get" ? std::string("V1Get")
							: std::string("V1Post");
			 });

} // namespace
} // namespace e2e
