// SPDX-License-Identifier: Apache-2.0
// Restore drills end to end: the real daemon and emulator, hooks that are
// small scripts the test writes into its workspace, and the drill history
// the daemon appends to in its state directory.

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "history/DrillRecordJson.h"
#include "history/HistoryStore.h"
#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/Subprocess.h"

namespace e2e {
namespace {

namespace fs = std::filesystem;
using history::DrillOutcome;
using history::Verification;
using testing::HasSubstr;

// One fixture task per job, rt<job>, on plan plandrill.
std::string tasks(const std::vector<std::string> &jobs, const std::string &more = "duration: 30m")
{
	std::string yaml;
	for (const auto &j : jobs)
		yaml += "  - {id: rt" + j + ", backup_plan_id: plandrill, " + more + "}\n";
	return yaml;
}

std::string verifyKeys(const std::string &command, const std::string &extra = {})
{
	return "verify:\n  command: [" + command + "]\n  timeout: 1s\n" + extra;
}

std::string notifyKeys(const std::string &command, const std::string &when)
{
	return "notify:\n  command: [" + command + "]\n  when: [" + when + "]\n";
}

std::vector<history::DrillRecord> drills(const Workspace &ws, const std::string &job)
{
	auto file = history::HistoryStore::load(ws.stateDir() / "history" / history::HistoryStore::fileNameFor(job));
	EXPECT_TRUE(file.history.problems.empty()) << job;
	return file.history.records;
}

// The lines of a file the hooks append to.
std::vector<std::string> linesOf(const fs::path &file)
{
	std::vector<std::string> out;
	std::istringstream in(readFile(file));
	for (std::string line; std::getline(in, line);)
		out.push_back(line);
	return out;
}

// dbs-restored's report or history command on the workspace; its stdout.
std::string restoredCommand(const Workspace &ws, std::vector<std::string> args)
{
	args.insert(args.begin(), {restoredPath(), "--config", ws.configFile().string()});
	testsupport::Subprocess p(args);
	std::string out = p.readRest(30s);
	EXPECT_TRUE(p.wait(30s));
	return out;
}

// Kills a hook the daemon left behind when it was killed itself (its own
// process group), and waits for it to be gone.
void killOrphan(pid_t group)
{
	int fd = int(::syscall(SYS_pidfd_open, group, 0));
	::kill(-group, SIGKILL);
	if (fd < 0)
		return;
	pollfd p{fd, POLLIN, 0};
	EXPECT_EQ(::poll(&p, 1, 10'000), 1) << "hook " << group << " outlived SIGKILL";
	::close(fd);
}

// A hook that notes its run id and pid, says "waiting" and exits with the
// verdict the test writes into its FIFO. Read-write, so opening the FIFO
// never blocks and a writer finds it open.
std::string blockingHook(const Workspace &ws, const std::string &name)
{
	::mkfifo((ws.root() / (name + ".fifo")).c_str(), 0600);
	// clang-format off
	return writeHook(ws, name,
			 "echo \"$DBS_RUN_ID $$\" >> '" + (ws.root() / (name + ".calls")).string() + "'\n"
			 "exec 3<>'" + (ws.root() / (name + ".fifo")).string() + "'\n"
			 "echo waiting\n"
			 "read verdict <&3\n"
			 "exit \"$verdict\"");
	// clang-format on
}

void release(const Workspace &ws, const std::string &name, const std::string &verdict)
{
	int fd = ::open((ws.root() / (name + ".fifo")).c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_GE(fd, 0) << "no hook holds the FIFO " << name;
	std::string line = verdict + "\n";
	EXPECT_EQ(::write(fd, line.data(), line.size()), ssize_t(line.size()));
	::close(fd);
}

bool waitForHookLine(DaemonProcess &daemon, const std::string &job, const std::string &text, int n = 1);

// Runs a daemon until job "drill"'s blocking hook `name` waits, kills the
// daemon with SIGKILL, and then the hook it leaves behind (systemd's
// KillMode would end it; here the test does). Returns the daemon's output;
// the hook noted one call.
std::string killDuringHook(const Workspace &ws, const std::string &name)
{
	DaemonProcess first(ws, false);
	EXPECT_TRUE(waitForHookLine(first, "drill", "waiting")) << first.output();
	first.kill();
	auto calls = linesOf(ws.root() / (name + ".calls"));
	EXPECT_EQ(calls.size(), 1u);
	if (!calls.empty())
		killOrphan(std::stoi(calls[0].substr(calls[0].find(' ') + 1)));
	return first.output();
}

bool waitForHookLine(DaemonProcess &daemon, const std::string &job, const std::string &text, int n)
{
	int seen = 0;
	return daemon
		.waitForLine(
			[&](const std::string &l) {
				return isEvent(l, "hook_output", job) && l.find(": " + text) != std::string::npos &&
				       ++seen >= n;
			},
			60s)
		.has_value();
}

TEST(Drill, EachVerifyOutcomeIsRecordedAndDecidesItsRun)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plandrill"), tasks({"pass", "reject", "hang", "gone", "warn"})));
	Workspace ws(emulator.port());
	auto pass = writeHook(ws, "pass", "echo \"checked $DBS_RESTORE_TASK_ID for $DBS_JOB_ID\"");
	auto reject = writeHook(ws, "reject", "echo 'shop_drill.orders has 0 rows' >&2; exit 1");
	auto hang = writeHook(ws, "hang", "echo started; exec sleep 600");
	ws.writeJob("pass.yaml", existingTaskJob("rtpass", verifyKeys(pass) + fastTiming));
	ws.writeJob("reject.yaml", existingTaskJob("rtreject", verifyKeys(reject) + fastTiming));
	ws.writeJob("hang.yaml", existingTaskJob("rthang", verifyKeys(hang) + fastTiming));
	ws.writeJob("gone.yaml",
		    existingTaskJob("rtgone", verifyKeys((ws.root() / "no-such-hook").string()) + fastTiming));
	ws.writeJob("warn.yaml", existingTaskJob("rtwarn", verifyKeys(reject, "  on_failure: warn\n") + fastTiming));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 1) << daemon.output();

	struct Expect {
		std::string job;
		DrillOutcome outcome;
		Verification verification;
		std::string detail;
	};
	for (const Expect &e : std::vector<Expect>{
		     {"pass", DrillOutcome::Succeeded, Verification::Verified, "exit 0"},
		     {"reject", DrillOutcome::Failed, Verification::VerificationFailed, "exit 1"},
		     {"hang", DrillOutcome::Failed, Verification::CouldNotVerify, "timed out after 1s"},
		     {"gone", DrillOutcome::Failed, Verification::CouldNotVerify,
		      "could not start: No such file or directory"},
		     {"warn", DrillOutcome::Succeeded, Verification::VerificationFailed, "exit 1"},
	     }) {
		SCOPED_TRACE(e.job);
		auto records = drills(ws, e.job);
		ASSERT_EQ(records.size(), 1u);
		EXPECT_EQ(records[0].outcome, e.outcome);
		EXPECT_EQ(records[0].verification, e.verification);
		EXPECT_EQ(records[0].verificationDetail, e.detail);
		EXPECT_EQ(records[0].restoreTaskId, "rt" + e.job);
		EXPECT_EQ(records[0].backupPlanId, "plandrill")
			<< "an existing task's plan, from DescribeRestoreTaskList";
		EXPECT_EQ(daemon.countEvent("verification", e.job), 1);
		EXPECT_EQ(daemon.countEvent(e.outcome == DrillOutcome::Succeeded ? "succeeded" : "failed", e.job), 1);
	}
	// The hooks' output is in the log with the run's and the hook's fields,
	// stderr included.
	auto out = daemon.eventLines("hook_output", "pass");
	ASSERT_EQ(out.size(), 1u) << daemon.output();
	EXPECT_THAT(out[0], HasSubstr(" run="));
	EXPECT_THAT(out[0], HasSubstr(" hook=verify: checked rtpass for pass"));
	EXPECT_THAT(daemon.eventLines("hook_output", "reject").at(0), HasSubstr(": shop_drill.orders has 0 rows"));
	EXPECT_THAT(summaryRow(daemon.lines(), "reject"), HasSubstr("verification_failed"));

	// The audit report and the history table show the same runs.
	auto report = restoredCommand(ws, {"--report", "--format", "csv"});
	EXPECT_THAT(report, HasSubstr(",succeeded,verified,exit 0,"));
	EXPECT_THAT(report, HasSubstr(",failed,could_not_verify,timed out after 1s,"));
	EXPECT_THAT(report, HasSubstr(",succeeded,verification_failed,exit 1,"));
	auto table = restoredCommand(ws, {"--history"});
	EXPECT_THAT(table, HasSubstr("succeeded/verification_failed")) << table;
}

TEST(Drill, ARestoreFromAGivenBackupSetRecordsTheSetsEndTimeAndTheReportShowsItsAge)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plangiven", "2h", "    backup_sets: [bsgiven01]\n")));
	Workspace ws(emulator.port());
	ws.writeJob("given.yaml", createRestoreJob("plangiven", "bsgiven01", ws.passwordFileRef()));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	auto records = drills(ws, "given");
	ASSERT_EQ(records.size(), 1u);
	EXPECT_EQ(records[0].backupSetId, "bsgiven01");
	EXPECT_EQ(records[0].backupPlanId, "plangiven");
	ASSERT_TRUE(records[0].backupSetEndMs.has_value()) << "read with DescribeFullBackupList; " << daemon.output();
	ASSERT_TRUE(records[0].restoreStartedAtMs.has_value());
	EXPECT_GT(*records[0].backupSetEndMs, 0);
	EXPECT_LE(*records[0].backupSetEndMs, *records[0].restoreStartedAtMs) << "the set ended before it was restored";
	EXPECT_EQ(daemon.countEvent("api_call_failed", "given"), 0) << "the lookup did not fail";

	auto report = boost::json::parse(restoredCommand(ws, {"--report", "--format", "json"}));
	const auto &runs = report.at("runs").as_array();
	ASSERT_EQ(runs.size(), 1u);
	const auto &age = runs[0].at("backup_set_age_s");
	ASSERT_TRUE(age.is_number()) << boost::json::serialize(runs[0]);
	EXPECT_EQ(age.to_number<std::int64_t>(), (*records[0].restoreStartedAtMs - *records[0].backupSetEndMs) / 1000);
}

TEST(Drill, NotifyRunsOnEveryWhenValueItMatchesAndOnNoOther)
{
	const std::vector<std::string> all = {"succeeded",           "failed",           "cancelled",
					      "verification_failed", "could_not_verify", "rto_missed"};
	EmulatorProcess emulator(fixtureYaml(
		planYaml("plandrill"),
		tasks({"succeeded", "verification_failed", "could_not_verify", "rto_missed", "nsucceeded",
		       "nverification_failed", "ncould_not_verify", "nrto_missed"}) +
			tasks({"failed", "nfailed"}, "duration: 30m, outcome: stop, error_message: \"disk full\"") +
			tasks({"cancelled", "ncancelled"}, "duration: 100h")));
	Workspace ws(emulator.port());
	auto notify = writeHook(ws, "notify",
				"echo \"$DBS_JOB_ID|$DBS_OUTCOME|$DBS_CONDITIONS\" >> '" +
					(ws.root() / "notified").string() + "'");
	auto reject = writeHook(ws, "reject", "exit 1");
	// What makes each job meet its condition, and every condition it meets.
	const std::map<std::string, std::pair<std::string, std::vector<std::string>>> setups = {
		{"succeeded", {"", {"succeeded"}}},
		{"failed", {"", {"failed"}}},
		{"cancelled", {"", {"cancelled"}}},
		{"verification_failed",
		 {verifyKeys(reject, "  on_failure: warn\n"), {"succeeded", "verification_failed"}}},
		{"could_not_verify",
		 {verifyKeys((ws.root() / "no-such-hook").string(), "  on_failure: warn\n"),
		  {"succeeded", "could_not_verify"}}},
		// Any restore takes longer than a second.
		{"rto_missed", {"rto_objective: 1s\n", {"succeeded", "rto_missed"}}},
	};
	for (const auto &[condition, setup] : setups) {
		const auto &[keys, meets] = setup;
		std::string others;
		for (const auto &c : all)
			if (std::find(meets.begin(), meets.end(), c) == meets.end())
				others += (others.empty() ? "" : ", ") + c;
		ws.writeJob(condition + ".yaml",
			    existingTaskJob("rt" + condition, keys + notifyKeys(notify, condition) + fastTiming));
		ws.writeJob("n" + condition + ".yaml",
			    existingTaskJob("rtn" + condition, keys + notifyKeys(notify, others) + fastTiming));
	}

	DaemonProcess daemon(ws, true);
	for (const std::string job : {"cancelled", "ncancelled"}) {
		ASSERT_TRUE(daemon.waitForEvent("restore_started", 1, 30s, job)) << daemon.output();
		ws.removeJob(job + ".yaml");
	}
	ASSERT_EQ(daemon.waitExit(60s), 1) << daemon.output();

	auto notified = linesOf(ws.root() / "notified");
	for (const auto &[condition, setup] : setups) {
		SCOPED_TRACE(condition);
		std::string conditions;
		for (const auto &c : setup.second)
			conditions += (conditions.empty() ? "" : " ") + c;
		const std::string outcome = condition == "failed" || condition == "cancelled" ? condition : "succeeded";
		EXPECT_EQ(std::count(notified.begin(), notified.end(), condition + "|" + outcome + "|" + conditions),
			  1);
		for (const auto &line : notified)
			EXPECT_FALSE(line.starts_with("n" + condition + "|")) << line;
		EXPECT_EQ(drills(ws, condition).size(), 1u);
		EXPECT_EQ(drills(ws, "n" + condition).size(), 1u);
	}
	EXPECT_EQ(notified.size(), setups.size());
	EXPECT_EQ(daemon.countEvent("hook_failed"), 0);
}

TEST(Drill, ARestoreSlowerThanItsObjectiveIsRtoMissedLoggedAndNotifiedWhileTheRunSucceeds)
{
	// Real time (scale 1): DBS's finish time and the daemon's clock agree,
	// and the restores take two seconds.
	EmulatorProcess emulator(fixtureYaml(planYaml("plandrill"), tasks({"slow", "fast"}, "duration: 2s")), {}, 1);
	Workspace ws(emulator.port());
	auto notify = writeHook(ws, "notify",
				"echo \"$DBS_JOB_ID $DBS_RESTORE_DURATION_SECONDS $DBS_RTO_MET\" >> '" +
					(ws.root() / "notified").string() + "'");
	ws.writeJob("slow.yaml",
		    existingTaskJob("rtslow", "rto_objective: 1s\n" + notifyKeys(notify, "rto_missed") + fastTiming));
	ws.writeJob("fast.yaml",
		    existingTaskJob("rtfast", "rto_objective: 1h\n" + notifyKeys(notify, "rto_missed") + fastTiming));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	auto missed = daemon.eventLines("rto_missed");
	ASSERT_EQ(missed.size(), 1u) << daemon.output();
	EXPECT_TRUE(isEvent(missed[0], "rto_missed", "slow"));
	EXPECT_THAT(missed[0], HasSubstr("longer than rto_objective 1000 ms"));
	EXPECT_EQ(daemon.countEvent("succeeded", "slow"), 1);

	auto slow = drills(ws, "slow");
	auto fast = drills(ws, "fast");
	ASSERT_EQ(slow.size(), 1u);
	ASSERT_EQ(fast.size(), 1u);
	EXPECT_EQ(slow[0].outcome, DrillOutcome::Succeeded);
	EXPECT_EQ(history::rtoMet(slow[0]), false);
	EXPECT_EQ(history::rtoMet(fast[0]), true);
	auto took = history::restoreDurationMs(slow[0]);
	ASSERT_TRUE(took);
	EXPECT_GE(*took, 1500);
	EXPECT_LT(*took, 30'000);
	auto notified = linesOf(ws.root() / "notified");
	ASSERT_EQ(notified.size(), 1u);
	EXPECT_THAT(notified[0], testing::MatchesRegex("slow [0-9]+ false"));
}

TEST(Drill, ADaemonKilledDuringItsVerifyHookRunsItExactlyOnceMoreWithTheSameRunId)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plandrill"), tasks({"drill"})));
	Workspace ws(emulator.port());
	auto verify = blockingHook(ws, "verify");
	ws.writeJob("drill.yaml", existingTaskJob("rtdrill", "verify:\n  command: [" + verify + "]\n" + fastTiming));
	EXPECT_THAT(killDuringHook(ws, "verify"), testing::Not(HasSubstr("event=verification")));
	ASSERT_TRUE(drills(ws, "drill").empty());

	DaemonProcess second(ws, true);
	ASSERT_TRUE(waitForHookLine(second, "drill", "waiting")) << second.output();
	auto calls = linesOf(ws.root() / "verify.calls");
	ASSERT_EQ(calls.size(), 2u);
	const std::string runId = calls[0].substr(0, calls[0].find(' '));
	EXPECT_EQ(calls[1].substr(0, calls[1].find(' ')), runId) << "the same run, resumed";
	EXPECT_EQ(second.countEvent("resumed", "drill"), 1);
	release(ws, "verify", "0");
	ASSERT_EQ(second.waitExit(60s), 0) << second.output();

	EXPECT_EQ(linesOf(ws.root() / "verify.calls").size(), 2u);
	auto records = drills(ws, "drill");
	ASSERT_EQ(records.size(), 1u);
	EXPECT_EQ(records[0].runId, runId);
	EXPECT_EQ(records[0].verification, Verification::Verified);
	EXPECT_EQ(count(taskState(emulator.state(), "rtdrill"), "start_count"), 1);
}

TEST(Drill, ADaemonKilledDuringItsNotifyHookNeverRunsTheRecordedVerifyHookAgain)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plandrill"), tasks({"drill"})));
	Workspace ws(emulator.port());
	auto verify = writeHook(ws, "verify",
				"echo \"$DBS_RUN_ID\" >> '" + (ws.root() / "verify.calls").string() + "'; exit 1");
	auto notify = blockingHook(ws, "notify");
	ws.writeJob("drill.yaml",
		    existingTaskJob("rtdrill", "verify:\n  command: [" + verify + "]\n" + "notify:\n  command: [" +
						       notify + "]\n" + fastTiming));
	killDuringHook(ws, "notify");

	DaemonProcess second(ws, true);
	ASSERT_TRUE(waitForHookLine(second, "drill", "waiting")) << second.output();
	release(ws, "notify", "0");
	ASSERT_EQ(second.waitExit(60s), 1) << second.output();

	EXPECT_EQ(linesOf(ws.root() / "verify.calls").size(), 1u) << "its result was recorded: it never runs again";
	EXPECT_EQ(second.countEvent("verification"), 0);
	auto calls = linesOf(ws.root() / "notify.calls");
	ASSERT_EQ(calls.size(), 2u);
	EXPECT_EQ(calls[0].substr(0, 16), calls[1].substr(0, 16));
	auto records = drills(ws, "drill");
	ASSERT_EQ(records.size(), 1u);
	EXPECT_EQ(records[0].outcome, DrillOutcome::Failed);
	EXPECT_EQ(records[0].verification, Verification::VerificationFailed);
}

TEST(Drill, TheHistoryKeepsItsBoundsAndIsRepairedAfterATornAppend)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plandrill"), tasks({"nightly"})));
	Workspace ws(emulator.port());
	// A year and more of drills, the oldest past the 400-day bound, the
	// file one record short of compaction, and the last line torn by a crash.
	const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
					 std::chrono::system_clock::now().time_since_epoch())
					 .count();
	std::string seeded;
	for (int i = 0; i < 1100; ++i) {
		history::DrillRecord r;
		r.jobId = "nightly";
		r.runId = "seeded-" + std::to_string(i);
		r.finishedAtMs = now - std::int64_t(1100 - i) * 8 * 3'600'000 - (i < 5 ? 400LL * 86'400'000 : 0);
		r.startedAtMs = r.finishedAtMs - 60'000;
		r.outcome = DrillOutcome::Succeeded;
		seeded += history::encodeLine(r);
	}
	fs::create_directories(ws.stateDir() / "history");
	const fs::path file = ws.stateDir() / "history" / "nightly.jsonl";
	writeFile(file, seeded + "{\"v\":1,\"job_id\":\"nightly\",\"run_id\":\"torn");
	ws.writeJob("nightly.yaml", existingTaskJob("rtnightly"));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	auto repaired = daemon.eventLines("state_corrupt", "nightly");
	ASSERT_EQ(repaired.size(), 1u) << daemon.output();
	EXPECT_THAT(repaired[0], HasSubstr("drill history: " + file.string() + ":1101: "));

	auto records = drills(ws, "nightly");
	ASSERT_EQ(records.size(), 1000u) << "the newest 1,000 runs";
	EXPECT_EQ(records.front().runId, "seeded-101");
	EXPECT_NE(records.back().runId.rfind("seeded-", 0), 0u) << "the new run is last";
	for (const auto &r : records)
		EXPECT_GE(r.finishedAtMs, now - 400LL * 86'400'000) << r.runId;
	EXPECT_THAT(restoredCommand(ws, {"--history", "nightly"}), HasSubstr("nightly"));
}

} // namespace
} // namespace e2e
