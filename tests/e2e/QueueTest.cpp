// SPDX-License-Identifier: Apache-2.0
// max_running_jobs: jobs over the cap wait in a queue, visible in the
// daemon's STATUS= and job_queued events, and run one after another.

#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/NotifySocket.h"

namespace e2e {
namespace {

TEST(Queue, JobsOverTheCapWaitVisiblyAndRunOneAtATime)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2equeue"),
					     "  - {id: rte2eq1, backup_plan_id: plane2equeue, duration: 90m}\n"
					     "  - {id: rte2eq2, backup_plan_id: plane2equeue, duration: 90m}\n"
					     "  - {id: rte2eq3, backup_plan_id: plane2equeue, duration: 90m}\n"));
	DaemonSettings settings;
	settings.maxRunningJobs = 1;
	Workspace ws(emulator.port(), settings);
	for (int i = 1; i <= 3; ++i)
		ws.writeJob("q" + std::to_string(i) + ".yaml", existingTaskJob("rte2eq" + std::to_string(i)));

	testsupport::NotifySocket notify(ws.root() / "notify.sock");
	DaemonProcess daemon(ws, true, {{"NOTIFY_SOCKET", notify.path().string()}});
	ASSERT_EQ(daemon.waitExit(90s), 0) << daemon.output();

	EXPECT_EQ(daemon.countEvent("job_queued"), 2) << daemon.output();
	EXPECT_EQ(daemon.countEvent("succeeded"), 3) << daemon.output();
	// Never more than one run at a time.
	int running = 0, most = 0;
	for (const auto &line : daemon.lines()) {
		if (isEvent(line, "job_started"))
			most = std::max(most, ++running);
		else if (isEvent(line, "succeeded") || isEvent(line, "failed"))
			--running;
	}
	EXPECT_EQ(most, 1) << daemon.output();

	// The queue showed in STATUS= while jobs waited.
	bool sawQueue = false;
	while (auto d = notify.receive(std::chrono::milliseconds(0))) {
		if (d->find("STATUS=") != std::string::npos &&
		    (d->find(" 2 queued") != std::string::npos || d->find(" 3 queued") != std::string::npos))
			sawQueue = true;
	}
	EXPECT_TRUE(sawQueue) << "no STATUS= with queued jobs";
	for (int i = 1; i <= 3; ++i)
		EXPECT_EQ(count(taskState(emulator.state(), "rte2eq" + std::to_string(i)), "start_count"), 1);
}

} // namespace
} // namespace e2e
