// SPDX-License-Identifier: Apache-2.0
// A daemon SIGKILLed at many points and restarted on the same state
// directory still ends every job right, and DBS saw each real side effect
// exactly once.

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <optional>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/StateDirWatch.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

namespace json = boost::json;

constexpr int backupJobs = 9; // backup, then restore from that set
constexpr int createJobs = 9; // restore from a fixture backup set
const std::string failMessage = "Restore failed: destination disk full";

std::size_t countOccurrences(const std::string &text, const std::string &what)
{
	std::size_t n = 0;
	for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
		++n;
	return n;
}

std::string two(int i) { return (i < 10 ? "0" : "") + std::to_string(i); }
std::string planId(int i) { return "plane2ecrash" + two(i); }
std::string jobId(int i) { return "crash" + two(i); }

// Faults keep coming across restarts (the emulator outlives every daemon):
// replies lost or cut after the side effect, and errors before it.
const std::string faults = "faults:\n"
			   "  - action: StartBackupPlan\n"
			   "    probability: 0.35\n"
			   "    kinds: [lost, reset, internal_error, throttle]\n"
			   "  - action: CreateRestoreTask\n"
			   "    probability: 0.35\n"
			   "    kinds: [lost, reset, internal_error, throttle]\n"
			   "  - action: StartRestoreTask\n"
			   "    probability: 0.35\n"
			   "    kinds: [lost, reset, internal_error, throttle]\n"
			   "  - action: DescribeRestoreTaskList\n"
			   "    probability: 0.1\n"
			   "    kinds: [lost, internal_error]\n";

// Where to kill: after the n-th line of an event since that daemon's start,
// or ("state_write") right after the n-th job state file reached the disk.
struct KillPoint {
	std::string what;
	int n;
};

// In the order they are tried; each restart counts its events from zero.
// The first points hit the calls (and their re-sends after the previous
// kill), the step changes and the backup-set wait. Once every restore has
// started, only polling is left: the later points are early progress lines
// and state writes, which come every poll while any restore still runs.
const std::vector<KillPoint> killPoints{
	{"api_call_sent", 1}, {"state_write", 1},     {"step_started", 2},   {"api_call_sent", 7},
	{"state_write", 5},   {"restore_started", 1}, {"api_call_sent", 20}, {"step_succeeded", 1},
	{"state_write", 12},  {"restore_started", 4}, {"progress", 5},       {"state_write", 8},
	{"progress", 3},      {"state_write", 2},     {"progress", 1},       {"state_write", 4},
	{"progress", 2},      {"state_write", 1},
};

TEST(CrashAndRestart, KilledAtManyPointsEveryJobEndsRightWithExactlyOnceSideEffects)
{
	std::string plans;
	for (int i = 0; i < backupJobs + createJobs; ++i)
		plans += planYaml(planId(i), "16h", "    backup_sets: [bse2ecrash" + two(i) + "]\n");
	// clang-format off
	std::string tasks =
		"  - {id: rte2ecrashok, backup_plan_id: " + planId(0) + ", duration: 3h}\n"
		"  - {id: rte2ecrashfail, backup_plan_id: " + planId(0) + ", duration: 1h, outcome: stop, "
		"error_message: \"" + failMessage + "\"}\n";
	// clang-format on
	EmulatorProcess emulator(fixtureYaml(plans, tasks), faults);
	DaemonSettings settings;
	settings.maxAttempts = 200; // attempts persist across restarts; faults are frequent
	Workspace ws(emulator.port(), settings);
	for (int i = 0; i < backupJobs; ++i)
		ws.writeJob(jobId(i) + ".yaml", backupThenRestoreJob(planId(i), ws.passwordFileRef()));
	for (int i = backupJobs; i < backupJobs + createJobs; ++i)
		ws.writeJob(jobId(i) + ".yaml",
			    createRestoreJob(planId(i), "bse2ecrash" + two(i), ws.passwordFileRef()));
	ws.writeJob("crashok.yaml", existingTaskJob("rte2ecrashok"));
	ws.writeJob("crashfail.yaml", existingTaskJob("rte2ecrashfail"));

	int kills = 0;
	std::vector<std::string> killedAt;
	std::string allOutput;
	for (const auto &point : killPoints) {
		StateDirWatch watch(ws.stateDir());
		DaemonProcess daemon(ws, true);
		struct Keep {
			DaemonProcess &d;
			std::string &all;
			~Keep() { all += d.output(); }
		} keep{daemon, allOutput};
		bool reached = point.what == "state_write" ? watch.waitForWrites(point.n, 15s, daemon)
							   : daemon.waitForEvent(point.what, point.n, 15s);
		if (!reached) {
			// Every job ended before this point: nothing left to interrupt.
			auto code = daemon.waitExit(60s);
			ASSERT_TRUE(code.has_value()) << "neither the kill point nor the end: " << daemon.output();
			continue;
		}
		daemon.kill();
		++kills;
		killedAt.push_back(point.what + "#" + std::to_string(point.n));
	}
	std::string trace = "killed after:";
	for (const auto &p : killedAt)
		trace += " " + p;
	SCOPED_TRACE(trace);
	RecordProperty("killed_after", trace);
	// Most kill points must have hit a daemon with work left, or the test
	// would prove little.
	EXPECT_GE(kills, 14);

	DaemonProcess last(ws, true);
	ASSERT_EQ(last.waitExit(120s), 1) << last.output();
	allOutput += last.output();
	// Restarts resumed unfinished runs, and nothing went wrong inside.
	EXPECT_NE(allOutput.find(" event=resumed "), std::string::npos);
	EXPECT_EQ(allOutput.find(" event=internal_error"), std::string::npos) << allOutput;
	EXPECT_EQ(allOutput.find(" event=state_corrupt"), std::string::npos) << allOutput;
	EXPECT_EQ(allOutput.find(" event=state_write_failed"), std::string::npos) << allOutput;
	// The run records of twenty jobs never hold the database password.
	EXPECT_EQ(readTree(ws.stateDir()).find(ws.password()), std::string::npos);
	EXPECT_EQ(allOutput.find(ws.password()), std::string::npos);

	// Every job ends right: the summary and status.json agree.
	for (int i = 0; i < backupJobs + createJobs; ++i)
		EXPECT_NE(summaryRow(last.lines(), jobId(i)).find("succeeded"), std::string::npos) << jobId(i) << "\n"
												   << last.output();
	EXPECT_NE(summaryRow(last.lines(), "crashok").find("succeeded"), std::string::npos) << last.output();
	auto failRow = summaryRow(last.lines(), "crashfail");
	EXPECT_NE(failRow.find("failed"), std::string::npos) << last.output();
	auto status = json::parse(readFile(ws.stateDir() / "status.json")).as_object();
	EXPECT_EQ(status.at("counts").at("succeeded").to_number<int>(), backupJobs + createJobs + 1);
	EXPECT_EQ(status.at("counts").at("failed").to_number<int>(), 1);
	// The run may have ended before the last restart: its record keeps the reason.
	auto failRecord = readFile(ws.stateFile("crashfail"));
	EXPECT_NE(failRecord.find(failMessage), std::string::npos) << failRecord;

	// DBS: one create per job, one backup set per backup step, one real
	// start per task, and no task left behind unstarted.
	auto state = emulator.state();
	for (int i = 0; i < backupJobs + createJobs; ++i) {
		SCOPED_TRACE(planId(i));
		const auto &plan = planState(state, planId(i));
		EXPECT_EQ(count(plan, "backup_sets_created"), i < backupJobs ? 1 : 0);
		EXPECT_EQ(count(plan, "create_restore_count"), 1);
		int created = 0;
		for (const auto &t : tasksOfPlan(state, planId(i))) {
			std::string id(t.at("id").as_string());
			if (id.rfind("rte2ecrash", 0) == 0)
				continue;
			++created;
			EXPECT_EQ(count(t, "start_count"), 1) << id;
			EXPECT_EQ(t.at("status").as_string(), "finish") << id;
		}
		EXPECT_EQ(created, 1);
	}
	EXPECT_EQ(count(taskState(state, "rte2ecrashok"), "start_count"), 1);
	EXPECT_EQ(count(taskState(state, "rte2ecrashfail"), "start_count"), 1);
	EXPECT_EQ(taskState(state, "rte2ecrashfail").at("status").as_string(), "stop");
	RecordProperty("start_adopted", static_cast<int>(countOccurrences(allOutput, " event=start_adopted ")));
	RecordProperty("replayed_calls", static_cast<int>(outcomeCount(state, "StartBackupPlan", "replayed") +
							  outcomeCount(state, "CreateRestoreTask", "replayed") +
							  outcomeCount(state, "StartRestoreTask", "replayed")));
	// The lost replies really happened and were recovered from.
	EXPECT_GE(outcomeCount(state, "StartRestoreTask", "fault_lost") +
			  outcomeCount(state, "StartRestoreTask", "fault_reset"),
		  1);
	EXPECT_GE(outcomeCount(state, "CreateRestoreTask", "fault_lost") +
			  outcomeCount(state, "CreateRestoreTask", "fault_reset"),
		  1);
}

} // namespace
} // namespace e2e
