// SPDX-License-Identifier: Apache-2.0
#include "daemon/StatusReport.h"

#include <boost/json.hpp>
#include <climits>
#include <gtest/gtest.h>
#include <sstream>

#include "daemon/RunSummary.h"

using namespace restored;

TEST(StatusReport, LineCountsJobsByState)
{
	StatusCounts c;
	c.running = 3;
	c.paused = 1;
	c.queued = 2;
	c.succeeded = 10;
	c.failed = 1;
	c.invalidFiles = 1;
	EXPECT_EQ(statusLine(c), "3 running (1 paused), 2 queued, 10 succeeded, 1 failed, 0 cancelled, 1 invalid file; "
				 "0 API calls queued");
}

TEST(StatusReport, JsonHasCountsAndEveryJob)
{
	StatusCounts c;
	c.running = 1;
	JobStatus j;
	j.jobId = "nightly-drill";
	j.phase = "running";
	j.restoreTaskId = "rt1";
	j.progress = {100, 50, 0, 0};
	auto v = statusJson(c, {j}, 1234);
	const auto &o = v.as_object();
	EXPECT_EQ(o.at("counts").at("running").as_int64(), 1);
	const auto &job = o.at("jobs").as_array().at(0).as_object();
	EXPECT_EQ(job.at("job_id").as_string(), "nightly-drill");
	EXPECT_EQ(job.at("progress").at("FullDataRestoreProgress").as_int64(), 50);
	EXPECT_EQ(o.at("updated_at_ms").as_int64(), 1234);
}

TEST(StatusReport, StreamedJsonIsTheSameDocument)
{
	StatusCounts c;
	c.running = 1;
	c.succeeded = 1;
	JobStatus a;
	a.jobId = "nightly-drill";
	a.phase = "running";
	a.progress = {100, 50, 0, 0};
	JobStatus b;
	b.jobId = "quote\"d";
	b.phase = "finished";
	b.finishedAtMs = 99;
	for (const auto &jobs : {std::vector<JobStatus>{}, std::vector<JobStatus>{a}, std::vector<JobStatus>{a, b}}) {
		std::ostringstream out;
		writeStatusJson(out, c, jobs, 1234);
		EXPECT_EQ(out.str(), boost::json::serialize(statusJson(c, jobs, 1234)));
	}
}

TEST(StatusReport, StreamedJsonIsByteIdenticalForEveryByteAndManyJobs)
{
	// The streamed writer escapes strings itself: every byte value in every
	// string field, extreme numbers, and enough jobs to span several chunks.
	std::string everyByte;
	for (int b = 0; b < 256; ++b)
		everyByte += static_cast<char>(b);
	std::vector<JobStatus> jobs;
	for (int i = 0; i < 600; ++i) {
		JobStatus j;
		j.jobId = "job-" + std::to_string(i) + everyByte.substr(static_cast<std::size_t>(i % 256));
		j.phase = j.state = j.outcome = j.step = j.restoreTaskId = j.reason = j.sourceFile = everyByte;
		j.progress = {-1, 0, 100, i};
		j.startedAtMs = i % 2 ? INT64_MIN : INT64_MAX;
		j.finishedAtMs = -i;
		jobs.push_back(j);
	}
	StatusCounts c;
	c.failed = 600;
	std::ostringstream out;
	writeStatusJson(out, c, jobs, 1234);
	EXPECT_EQ(out.str(), boost::json::serialize(statusJson(c, jobs, 1234)));
}

TEST(RunSummary, OneLinePerJobWithDurationAndOutcome)
{
	JobStatus ok;
	ok.jobId = "restore-existing";
	ok.step = "1/1";
	ok.restoreTaskId = "rtdemoexisting01";
	ok.startedAtMs = 1000;
	ok.finishedAtMs = 1000 + 125000;
	ok.outcome = "succeeded";
	JobStatus bad;
	bad.jobId = "failing-restore";
	bad.step = "1/1";
	bad.outcome = "failed";
	bad.reason = "status stop";
	std::string s = formatRunSummary({ok, bad});
	EXPECT_NE(s.find("restore-existing  1/1    rtdemoexisting01  2m05s      succeeded\n"), std::string::npos) << s;
	EXPECT_NE(s.find("failed (status stop)"), std::string::npos) << s;
	EXPECT_EQ(s.rfind("JOB", 0), 0u);
}
