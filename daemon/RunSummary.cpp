// SPDX-License-Identifier: Apache-2.0
#include "daemon/RunSummary.h"

#include <algorithm>
#include <cstdio>

namespace restored {

namespace {

std::string duration(std::int64_t ms)
{
	if (ms <= 0)
		return "-";
	std::int64_t s = ms / 1000;
	char buf[32];
	std::snprintf(buf, sizeof buf, "%lldm%02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
	return buf;
}

std::string pad(std::string s, std::size_t width)
{
	if (s.size() < width)
		s.append(width - s.size(), ' ');
	return s;
}

} // namespace

std::string formatRunSummary(const std::vector<JobStatus> &jobs)
{
	std::size_t idWidth = 3, taskWidth = 15;
	for (const auto &j : jobs) {
		idWidth = std::max(idWidth, j.jobId.size());
		taskWidth = std::max(taskWidth, j.restoreTaskId.size());
	}
	std::string out = pad("JOB", idWidth) + "  " + pad("STEPS", 5) + "  " + pad("RESTORE TASK", taskWidth) + "  " +
			  pad("DURATION", 9) + "  OUTCOME\n";
	for (const auto &j : jobs) {
		std::string outcome = j.outcome;
		if (!j.reason.empty() && outcome != "succeeded")
			outcome += " (" + j.reason + ")";
		out += pad(j.jobId, idWidth) + "  " + pad(j.step.empty() ? "-" : j.step, 5) + "  " +
		       pad(j.restoreTaskId.empty() ? "-" : j.restoreTaskId, taskWidth) + "  " +
		       pad(duration(j.finishedAtMs - j.startedAtMs), 9) + "  " + outcome + "\n";
	}
	return out;
}

} // namespace restored
