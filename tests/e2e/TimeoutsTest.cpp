// SPDX-License-Identifier: Apache-2.0
// A run that DBS never finishes ends at its deadline or stall timeout,
// each with its own reason, and a call still queued when its run times out
// is never sent.

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

TEST(Timeouts, DeadlineStallAndPauseEachFailTheirJobWithTheirReason)
{
	// At time scale 3600: "slow" moves its progress about once a second
	// (no stall) but needs 1000 s; "frozen" would need 80 s of wall time
	// for one percent of progress; "paused" pauses almost at once.
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2etimeout"),
					     "  - {id: rte2eslow, backup_plan_id: plane2etimeout, duration: 1000h}\n"
					     "  - {id: rte2efrozen, backup_plan_id: plane2etimeout, duration: 80000h}\n"
					     "  - {id: rte2epaused, backup_plan_id: plane2etimeout, duration: 1h, "
					     "outcome: pause, pause_at: 0.01}\n"));
	Workspace ws(emulator.port());
	ws.writeJob("slow.yaml",
		    existingTaskJob("rte2eslow", "poll_interval: 250ms\nstall_timeout: 1m\ndeadline: 5s\n"));
	ws.writeJob("frozen.yaml",
		    existingTaskJob("rte2efrozen", "poll_interval: 250ms\nstall_timeout: 3s\ndeadline: 1m\n"));
	ws.writeJob("paused.yaml",
		    existingTaskJob("rte2epaused", "poll_interval: 250ms\nstall_timeout: 2s\ndeadline: 5s\n"));

	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(60s), 1) << daemon.output();

	EXPECT_EQ(daemon.countEvent("deadline_exceeded", "slow"), 1) << daemon.output();
	EXPECT_EQ(daemon.countEvent("stalled", "slow"), 0) << daemon.output();
	EXPECT_NE(summaryRow(daemon.lines(), "slow").find("deadline"), std::string::npos) << daemon.output();

	EXPECT_EQ(daemon.countEvent("stalled", "frozen"), 1) << daemon.output();
	EXPECT_EQ(daemon.countEvent("deadline_exceeded", "frozen"), 0) << daemon.output();
	EXPECT_NE(summaryRow(daemon.lines(), "frozen").find("stall"), std::string::npos) << daemon.output();

	// A pause is deliberate: no stall, but the deadline still applies.
	EXPECT_GE(daemon.countEvent("paused", "paused"), 1) << daemon.output();
	EXPECT_EQ(daemon.countEvent("stalled", "paused"), 0) << daemon.output();
	EXPECT_EQ(daemon.countEvent("deadline_exceeded", "paused"), 1) << daemon.output();

	for (const char *job : {"slow", "frozen", "paused"}) {
		EXPECT_NE(summaryRow(daemon.lines(), job).find("failed"), std::string::npos) << job;
		// DBS has no call to stop a restore: the operator is told it runs on.
		EXPECT_EQ(daemon.countEvent("restore_keeps_running", job), 1) << job;
	}
	auto state = emulator.state();
	EXPECT_EQ(taskState(state, "rte2eslow").at("status").as_string(), "running");
	EXPECT_EQ(taskState(state, "rte2epaused").at("status").as_string(), "pause");
}

TEST(Timeouts, ACallStillQueuedWhenItsRunTimesOutIsNeverSent)
{
	// One call every 5 s: q1's start takes the only token, q2's start
	// waits in the rate limiter's queue and q1's first poll waits behind
	// it. q2's run hits its 2 s deadline while its start waits; when its
	// turn comes the call is dropped, not sent for a run that has failed.
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2eqd"),
					     "  - {id: rte2eqd1, backup_plan_id: plane2eqd, duration: 90m}\n"
					     "  - {id: rte2eqd2, backup_plan_id: plane2eqd, duration: 90m}\n"));
	DaemonSettings settings;
	settings.requestsPerSecond = 0.2;
	settings.burst = 1;
	Workspace ws(emulator.port(), settings);
	ws.writeJob("q1.yaml", existingTaskJob("rte2eqd1"));
	ws.writeJob("q2.yaml", existingTaskJob("rte2eqd2", fastTiming + "deadline: 2s\n"));
	DaemonProcess daemon(ws, true);
	ASSERT_TRUE(daemon.waitForEvent("deadline_exceeded", 1, 30s, "q2")) << daemon.output();
	// q1's poll was queued behind q2's start: once q1 has seen its task
	// finish, q2's turn has passed.
	ASSERT_EQ(daemon.waitExit(60s), 1) << daemon.output();
	EXPECT_EQ(daemon.countEvent("succeeded", "q1"), 1) << daemon.output();

	auto state = emulator.state();
	EXPECT_EQ(received(state, "StartRestoreTask"), 1);
	EXPECT_EQ(count(taskState(state, "rte2eqd2"), "start_count"), 0);
}

} // namespace
} // namespace e2e
