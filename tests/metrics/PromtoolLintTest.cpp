// SPDX-License-Identifier: Apache-2.0
// `promtool check metrics` (Debian's prometheus package) finds nothing to
// lint in an exposition with every kind of series filled in.

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "metrics/ApiCounters.h"
#include "metrics/Exposition.h"
#include "metrics/ProcessStats.h"
#include "tests/daemon/TempDir.h"
#include "tests/support/Subprocess.h"

namespace metrics {
namespace {

using namespace std::chrono_literals;

TEST(PromtoolLint, ACompleteExpositionPassesCheckMetrics)
{
	const char *promtool = std::getenv("PROMTOOL");
	if (!promtool || !*promtool)
		GTEST_SKIP() << "promtool not found (tools/ensure-deps installs Debian's prometheus)";

	std::vector<JobSnapshot> jobs(2);
	jobs[0].id = "nightly-drill";
	jobs[0].phase = JobPhase::Finished;
	jobs[0].lastOutcome = DrillOutcome::Succeeded;
	jobs[0].lastRunMs = jobs[0].lastSuccessMs = 1767225600123;
	jobs[0].nextRunMs = 1767312000000;
	jobs[0].scheduleIntervalMs = 86400000;
	jobs[0].runs[indexOf(DrillOutcome::Succeeded)] = 3;
	jobs[0].restoreDurationMs = 5400000;
	jobs[1].id = "weird \"id\" \\ with\nnewline";
	jobs[1].phase = JobPhase::Running;
	jobs[1].progress = {1, 0.25, 0, 0};
	ApiCounters api;
	api.record("StartRestoreTask", std::nullopt, 0.31);
	api.record("DescribeRestoreTaskList", base::ErrorClass::Throttled, 12);
	auto process = readProcessStats();
	MetricsInput in;
	in.version = "0.1.0";
	in.process = &process;
	in.jobs = jobs;
	in.api = &api;
	in.invalidJobFiles = 1;

	restored::test::TempDir dir;
	auto file = dir.path() / "scrape.prom";
	std::ofstream(file) << exposition(in);
	testsupport::Subprocess check({"/bin/sh", "-c", std::string(promtool) + " check metrics < " + file.string()},
				      {}, "-");
	std::string output = check.readRest(30s);
	auto status = check.wait(30s);
	ASSERT_TRUE(status);
	EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << output;
	EXPECT_EQ(output, "") << output;
}

} // namespace
} // namespace metrics
