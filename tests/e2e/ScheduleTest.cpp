// SPDX-License-Identifier: Apache-2.0
// A job with a cron schedule does not run when its file appears; it runs at
// the next cron time, with a fresh run (so a new CreateRestoreTask). Cron has
// minute resolution, so this test waits for the next minute boundary: up to
// a minute of idle waiting on the daemon's output, never a sleep.

#include <csignal>
#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

using namespace e2e;

namespace {

// Seconds since midnight UTC of a daemon log line ("2026-11-22T03:00:00.012Z info ...").
int secondOfDay(const std::string &line)
{
	auto t = line.find('T');
	if (t == std::string::npos || line.size() < t + 9)
		return -1;
	return std::stoi(line.substr(t + 1, 2)) * 3600 + std::stoi(line.substr(t + 4, 2)) * 60 +
	       std::stoi(line.substr(t + 7, 2));
}

} // namespace

TEST(Schedule, AScheduledJobWaitsForItsCronTimeThenRunsOnce)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2ecron", "2h", "    backup_sets: [bse2ecron01]\n")));
	Workspace ws(emulator.port());
	ws.writeJob("drill.yaml", createRestoreJob("plane2ecron", "bse2ecron01", ws.passwordFileRef(),
						   fastTiming + "schedule: \"* * * * *\"\n"));

	DaemonProcess daemon(ws, false);
	ASSERT_TRUE(daemon.waitForEvent("daemon_started", 1, 30s)) << daemon.output();
	int startedAt = secondOfDay(daemon.eventLines("daemon_started").at(0));
	// Not run when the file was read (unless that happened to be a cron time).
	if (startedAt % 60 > 5) {
		EXPECT_EQ(daemon.countEvent("job_started", "drill"), 0) << daemon.output();
	}

	ASSERT_TRUE(daemon.waitForEvent("job_started", 1, 75s, "drill")) << daemon.output();
	// The run began at a minute boundary (cron time), not when the file was
	// read; a few seconds of slack cover a loaded machine.
	int ranAt = secondOfDay(daemon.eventLines("job_started", "drill").at(0));
	EXPECT_LE(ranAt % 60, 5) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("succeeded", 1, 60s, "drill")) << daemon.output();

	auto tasks = tasksOfPlan(emulator.state(), "plane2ecron");
	ASSERT_EQ(tasks.size(), 1u);
	EXPECT_EQ(count(tasks[0], "start_count"), 1);

	daemon.signal(SIGTERM);
	EXPECT_EQ(daemon.waitExit(30s), 0) << daemon.output();
}
