// SPDX-License-Identifier: Apache-2.0
// 1,000 jobs at once all succeed within a minute, and their restore tasks
// are polled in batches of at most 100 ids per DescribeRestoreTaskList call.

#include <boost/json/parse.hpp>
#include <chrono>
#include <cmath>
#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

constexpr int jobs = 1000;
constexpr int maxIdsPerCall = 100;
constexpr std::int64_t pollIntervalMs = 1000;

std::string taskId(int i)
{
	char buf[16];
	std::snprintf(buf, sizeof buf, "rts-%05d", i);
	return buf;
}

TEST(Scale, AThousandJobsCompleteWithBatchedPolling)
{
	// clang-format off
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2escale"),
					     "") +
				 "generate_restore_tasks:\n"
				 "  - {id_prefix: rts-, count: " + std::to_string(jobs) +
				 ", backup_plan_id: plane2escale, duration: 10h, outcome: finish}\n");
	// clang-format on
	DaemonSettings settings;
	settings.maxRunningJobs = 1000;
	settings.logLevel = "warn";
	Workspace ws(emulator.port(), settings);
	for (int i = 1; i <= jobs; ++i)
		ws.writeJob("s" + std::to_string(i) + ".yaml",
			    existingTaskJob(taskId(i), "poll_interval: 1s\nstall_timeout: 1m\n"));

	auto started = std::chrono::steady_clock::now();
	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(90s), 0) << daemon.output().substr(0, 20000);
	auto elapsed = std::chrono::steady_clock::now() - started;
	EXPECT_LT(elapsed, 60s);

	auto state = emulator.state();
	int finished = 0;
	for (const auto &t : state.at("restore_tasks").as_array()) {
		EXPECT_EQ(count(t.as_object(), "start_count"), 1) << t.at("id").as_string();
		finished += t.at("status").as_string() == "finish";
	}
	EXPECT_EQ(finished, jobs);
	// No start needed a second attempt: the daemon kept up with 1,000 jobs
	// (a blocked event loop shows up as client timeouts and re-sends).
	EXPECT_EQ(received(state, "StartRestoreTask"), jobs);

	// Batching: never more than 100 ids per call, and about as few calls as
	// the polling allows. A round is one poll interval of the polling span.
	const auto &list = state.at("stats").at("describe_restore_task_list").as_object();
	std::int64_t calls = count(list, "calls");
	std::int64_t idsSum = count(list, "ids_sum");
	EXPECT_LE(count(list, "ids_max"), maxIdsPerCall);
	std::int64_t first = -1, last = -1;
	for (const auto &entry : state.at("stats").at("call_log").as_array()) {
		const auto &e = entry.as_array();
		if (e.at(1).as_string() != "DescribeRestoreTaskList")
			continue;
		std::int64_t at = e.at(0).to_number<std::int64_t>();
		if (first < 0)
			first = at;
		last = at;
	}
	ASSERT_GE(first, 0);
	std::int64_t rounds = (last - first) / pollIntervalMs + 1;
	const std::int64_t perRound = (jobs + maxIdsPerCall - 1) / maxIdsPerCall;
	double meanIds = static_cast<double>(idsSum) / static_cast<double>(calls);
	RecordProperty("describe_calls", static_cast<int>(calls));
	RecordProperty("poll_rounds", static_cast<int>(rounds));
	RecordProperty("mean_ids_per_call", static_cast<int>(meanIds));
	// Restores last ~10 s: polling really went on for several rounds.
	EXPECT_GE(rounds, 5);
	// Per round: ceil(running/100) full calls, plus at most one partial
	// batch (jobs whose poll came due after the batch was sent).
	EXPECT_LE(calls, rounds * (perRound + 1)) << "calls " << calls << ", rounds " << rounds;
	// Calls are mostly full. Not all: the 1,000 starts take seconds (one
	// durable state write each), so for several rounds the running set
	// grows and is no multiple of 100. Observed 66-96 ids per call.
	EXPECT_GE(meanIds, 50.0) << "calls " << calls << ", ids " << idsSum;
}

} // namespace
} // namespace e2e
