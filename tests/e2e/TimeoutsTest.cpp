// SPDX-License-Identifier: Apache-2.0
// Issue section 7, point 7: the deadline and the stall timeout end runs
// that DBS never finishes.

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
	ws.writeJob("slow.yaml", existingTaskJob("rte2eslow", "poll_interval: 250ms\nstall_timeout: 1m\ndeadline: 5s\n"));
	ws.writeJob("frozen.yaml", existingTaskJob("rte2efrozen", "poll_interval: 250ms\nstall_timeout: 3s\ndeadline: 1m\n"));
	ws.writeJob("paused.yaml", existingTaskJob("rte2epaused", "poll_interval: 250ms\nstall_timeout: 2s\ndeadline: 5s\n"));

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

} // namespace
} // namespace e2e
