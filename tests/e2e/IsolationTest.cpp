// SPDX-License-Identifier: Apache-2.0
// Bad job files are reported with file:line:column and never call DBS,
// while the good jobs beside them run and succeed.

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"

namespace e2e {
namespace {

TEST(Isolation, BadJobFilesAreReportedWithLocationsWhileGoodJobsSucceed)
{
	EmulatorProcess emulator(fixtureYaml(planYaml("plane2eiso"),
					     "  - {id: rte2eiso1, backup_plan_id: plane2eiso, duration: 1h}\n"
					     "  - {id: rte2eiso2, backup_plan_id: plane2eiso, duration: 1h}\n"
					     "  - {id: rte2eiso3, backup_plan_id: plane2eiso, duration: 1h}\n"
					     "  - {id: rte2eiso4, backup_plan_id: plane2eiso, duration: 1h}\n"));
	Workspace ws(emulator.port());
	ws.writeJob("good1.yaml", existingTaskJob("rte2eiso1"));
	ws.writeJob("good2.yaml", existingTaskJob("rte2eiso2"));
	ws.writeJob("bad-key.yaml", "steps:\n"
				    "  - restore:\n"
				    "      restore_task_id: rte2eiso3\n"
				    "      colour: blue\n");
	ws.writeJob("bad-duration.yaml", "steps:\n"
					 "  - restore:\n"
					 "      restore_task_id: rte2eiso4\n"
					 "poll_interval: forever\n");

	DaemonProcess daemon(ws, true);
	// A bad file counts as a failure of the run.
	ASSERT_EQ(daemon.waitExit(60s), 1) << daemon.output();

	EXPECT_NE(summaryRow(daemon.lines(), "good1").find("succeeded"), std::string::npos) << daemon.output();
	EXPECT_NE(summaryRow(daemon.lines(), "good2").find("succeeded"), std::string::npos) << daemon.output();

	auto invalid = daemon.eventLines("job_invalid");
	auto mentions = [&](const std::string &text) {
		for (const auto &l : invalid)
			if (l.find(text) != std::string::npos)
				return true;
		return false;
	};
	const std::string badKey = (ws.jobsDir() / "bad-key.yaml").string();
	const std::string badDuration = (ws.jobsDir() / "bad-duration.yaml").string();
	EXPECT_TRUE(mentions(badKey + ":4:7: unknown key 'colour'")) << daemon.output();
	EXPECT_TRUE(mentions(badDuration + ":4:")) << daemon.output();
	EXPECT_TRUE(mentions("'poll_interval'")) << daemon.output();

	auto state = emulator.state();
	EXPECT_EQ(count(taskState(state, "rte2eiso1"), "start_count"), 1);
	EXPECT_EQ(count(taskState(state, "rte2eiso2"), "start_count"), 1);
	EXPECT_EQ(count(taskState(state, "rte2eiso3"), "start_count"), 0);
	EXPECT_EQ(count(taskState(state, "rte2eiso4"), "start_count"), 0);

	auto status = boost::json::parse(readFile(ws.stateDir() / "status.json")).as_object();
	EXPECT_EQ(status.at("counts").at("invalid_files").to_number<int>(), 2);
	EXPECT_EQ(status.at("counts").at("succeeded").to_number<int>(), 2);
}

} // namespace
} // namespace e2e
