// SPDX-License-Identifier: Apache-2.0
#include "daemon/StatusReport.h"

#include <boost/json.hpp>
#include <cassert>
#include <ostream>

namespace restored {

std::string statusLine(const StatusCounts &c)
{
	std::string s = std::to_string(c.running) + " running";
	if (c.paused)
		s += " (" + std::to_string(c.paused) + " paused)";
	s += ", " + std::to_string(c.queued) + " queued";
	if (c.idle)
		s += ", " + std::to_string(c.idle) + " idle";
	s += ", " + std::to_string(c.succeeded) + " succeeded";
	s += ", " + std::to_string(c.failed) + " failed";
	s += ", " + std::to_string(c.cancelled) + " cancelled";
	s += ", " + std::to_string(c.invalidFiles) +
	     (c.invalidFiles == 1 ? " invalid file" : " invalid files");
	s += "; " + std::to_string(c.apiQueued) + (c.apiQueued == 1 ? " API call queued" : " API calls queued");
	return s;
}

namespace {

boost::json::object jobJson(const JobStatus &j)
{
	return boost::json::object{
		{"job_id", j.jobId},
		{"phase", j.phase},
		{"state", j.state},
		{"outcome", j.outcome},
		{"step", j.step},
		{"restore_task_id", j.restoreTaskId},
		{"progress", boost::json::object{
			{"FullStruforeRestoreProgress", j.progress[0]},
			{"FullDataRestoreProgress", j.progress[1]},
			{"FullStruAfterRestoreProgress", j.progress[2]},
			{"ContinuousRestoreProgress", j.progress[3]},
		}},
		{"started_at_ms", j.startedAtMs},
		{"finished_at_ms", j.finishedAtMs},
		{"reason", j.reason},
		{"source_file", j.sourceFile},
	};
}

} // namespace

boost::json::value statusJson(const StatusCounts &c, const std::vector<JobStatus> &jobs,
			      std::int64_t nowMs)
{
	boost::json::array list;
	for (const auto &j : jobs) {
		list.push_back(jobJson(j));
	}
	return boost::json::object{
		{"updated_at_ms", nowMs},
		{"summary", statusLine(c)},
		{"counts", boost::json::object{
			{"running", c.running},
			{"paused", c.paused},
			{"queued", c.queued},
			{"idle", c.idle},
			{"succeeded", c.succeeded},
			{"failed", c.failed},
			{"cancelled", c.cancelled},
			{"invalid_files", c.invalidFiles},
			{"api_calls_queued", c.apiQueued},
		}},
		{"jobs", std::move(list)},
	};
}

void writeStatusJson(std::ostream &out, const StatusCounts &c, const ForEachJobStatus &forEachJob,
		     std::int64_t nowMs)
{
	// statusJson's object ends with the job list: write it without the
	// jobs, cut the closing "]}", then stream one job at a time.
	std::string head = boost::json::serialize(statusJson(c, {}, nowMs));
	assert(head.size() > 2 && head.compare(head.size() - 2, 2, "]}") == 0);
	out.write(head.data(), static_cast<std::streamsize>(head.size() - 2));
	bool first = true;
	forEachJob([&](const JobStatus &j) {
		if (!first)
			out << ',';
		first = false;
		out << boost::json::serialize(jobJson(j));
	});
	out << "]}";
}

void writeStatusJson(std::ostream &out, const StatusCounts &c, const std::vector<JobStatus> &jobs,
		     std::int64_t nowMs)
{
	writeStatusJson(out, c, [&jobs](const JobStatusVisitor &visit) {
		for (const auto &j : jobs)
			visit(j);
	}, nowMs);
}

} // namespace restored
