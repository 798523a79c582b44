// SPDX-License-Identifier: Apache-2.0
// A running daemon applies job files added, changed and removed in its
// jobs directory (inotify) and reloads its configuration on SIGHUP,
// without disturbing a restore already running.

#include <csignal>
#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/NotifySocket.h"

namespace e2e {
namespace {

using testsupport::hasField;
using testsupport::NotifySocket;

TEST(Reload, JobFilesAddedChangedRemovedAndSighupAreApplied)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2ereload", "2h", "    backup_sets: [bse2ereload]\n") +
					     planYaml("plane2elong", "1000h", "    backup_sets: [bse2elong]\n")));
	DaemonSettings settings;
	Workspace ws(emulator.port(), settings);
	NotifySocket notify(ws.root() / "notify.sock");
	DaemonProcess daemon(ws, false, {{"NOTIFY_SOCKET", notify.path().string()}});
	ASSERT_TRUE(notify.waitFor("READY=1", 20s)) << daemon.output();

	// Added while running: the watcher sees it and the job runs.
	ws.writeJob("added.yaml", createRestoreJob("plane2ereload", "bse2ereload", ws.passwordFileRef()));
	ASSERT_TRUE(daemon.waitForEvent("succeeded", 1, 30s, "added")) << daemon.output();

	// Changed in meaning: a finished, unscheduled job runs its new definition.
	ws.writeJob("added.yaml", createRestoreJob("plane2ereload", "bse2ereload", ws.passwordFileRef(),
						   "poll_interval: 250ms\nstall_timeout: 2m\n"));
	ASSERT_TRUE(daemon.waitForEvent("succeeded", 2, 30s, "added")) << daemon.output();
	EXPECT_EQ(count(planState(emulator.state(), "plane2ereload"), "create_restore_count"), 2);

	// Rewritten with the same meaning: no new run. The long job's start is
	// the barrier: its file was written after the touch.
	ws.writeJob("added.yaml",
		    createRestoreJob("plane2ereload", "bse2ereload", ws.passwordFileRef(),
				     "# only a comment differs\npoll_interval: 250ms\nstall_timeout: 2m\n"));
	ws.writeJob("long.yaml", createRestoreJob("plane2elong", "bse2elong", ws.passwordFileRef()));
	ASSERT_TRUE(daemon.waitForEvent("restore_started", 1, 30s, "long")) << daemon.output();
	EXPECT_EQ(daemon.countEvent("job_started", "added"), 2) << daemon.output();

	// Removed while its restore runs: the run is cancelled, DBS keeps going.
	ws.removeJob("long.yaml");
	ASSERT_TRUE(daemon.waitForEvent("cancelled", 1, 20s, "long")) << daemon.output();
	EXPECT_EQ(daemon.countEvent("restore_keeps_running", "long"), 1) << daemon.output();
	auto longTasks = tasksOfPlan(emulator.state(), "plane2elong");
	ASSERT_EQ(longTasks.size(), 1u);
	EXPECT_EQ(longTasks[0].at("status").as_string(), "running");

	// SIGHUP: a changed default in the main configuration is invisible to
	// the directory watcher; the reload applies it, and "added" (which
	// inherits the deadline) runs again under its new meaning.
	settings.deadline = "20m";
	ws.writeConfig(settings);
	daemon.signal(SIGHUP);
	ASSERT_TRUE(notify.waitFor("RELOADING=1", 20s)) << daemon.output();
	ASSERT_TRUE(notify.waitFor("READY=1", 20s)) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("config_reloaded", 1, 20s)) << daemon.output();
	ASSERT_TRUE(daemon.waitForEvent("succeeded", 3, 30s, "added")) << daemon.output();
	EXPECT_EQ(count(planState(emulator.state(), "plane2ereload"), "create_restore_count"), 3);

	daemon.signal(SIGTERM);
	EXPECT_EQ(daemon.waitExit(20s), 0) << daemon.output();
	EXPECT_TRUE(notify.waitFor("STOPPING=1", 5s));
}

TEST(Reload, AJobFileChangedDuringItsRunAppliesToTheNextRun)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2eedit", "3h", "    backup_sets: [bse2eedit]\n")));
	Workspace ws(emulator.port());
	ws.writeJob("edited.yaml", createRestoreJob("plane2eedit", "bse2eedit", ws.passwordFileRef()));
	DaemonProcess daemon(ws, true);
	ASSERT_TRUE(daemon.waitForEvent("restore_started", 1, 30s, "edited")) << daemon.output();

	// The running restore is not disturbed; the new meaning runs afterwards.
	ws.writeJob("edited.yaml", createRestoreJob("plane2eedit", "bse2eedit", ws.passwordFileRef(),
						    "poll_interval: 250ms\nstall_timeout: 2m\n"));
	ASSERT_TRUE(daemon.waitForEvent("spec_changed", 1, 20s, "edited")) << daemon.output();
	ASSERT_EQ(daemon.waitExit(60s), 0) << daemon.output();
	EXPECT_EQ(daemon.countEvent("job_started", "edited"), 2) << daemon.output();
	EXPECT_EQ(daemon.countEvent("succeeded", "edited"), 2) << daemon.output();
	EXPECT_EQ(daemon.countEvent("cancelled", "edited"), 0) << daemon.output();

	auto state = emulator.state();
	EXPECT_EQ(count(planState(state, "plane2eedit"), "create_restore_count"), 2);
	for (const auto &t : tasksOfPlan(state, "plane2eedit"))
		EXPECT_EQ(count(t, "start_count"), 1);
}

} // namespace
} // namespace e2e
