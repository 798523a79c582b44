// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobSnapshot.h"

#include <algorithm>

#include "daemon/Job.h"

namespace restored {

using statemachine::Outcome;

JobStatus snapshotOf(const Job &job)
{
	JobStatus st;
	st.jobId = job.id();
	switch (job.phase()) {
	case Job::Phase::Queued: st.phase = "queued"; break;
	case Job::Phase::Running: st.phase = "running"; break;
	case Job::Phase::Idle: st.phase = "idle"; break;
	case Job::Phase::Finished: st.phase = "finished"; break;
	}
	if (auto state = job.machineState())
		st.state = std::string(statemachine::toString(*state));
	st.outcome = std::string(statemachine::toString(job.lastOutcome()));
	if (const auto *run = job.run()) {
		int i = std::clamp(run->stepIndex, 0, static_cast<int>(run->steps.size()) - 1);
		st.step = std::to_string(i + 1) + "/" + std::to_string(run->steps.size());
		if (!run->steps.empty())
			st.restoreTaskId = run->steps[static_cast<std::size_t>(i)].restoreTaskId;
		st.progress = run->lastProgress;
		st.startedAtMs = run->startedAtMs;
		st.finishedAtMs = run->finishedAtMs;
		st.reason = run->reason;
		st.outcome = std::string(statemachine::toString(run->outcome));
	}
	if (job.definition())
		st.sourceFile = job.definition()->sourceFile;
	return st;
}

void countInto(StatusCounts &c, const Job &job)
{
	switch (job.phase()) {
	case Job::Phase::Queued: ++c.queued; break;
	case Job::Phase::Running:
		if (job.machineState() == statemachine::MachineState::Paused)
			++c.paused;
		++c.running;
		break;
	case Job::Phase::Idle: ++c.idle; break;
	case Job::Phase::Finished:
		if (job.lastOutcome() == Outcome::Succeeded)
			++c.succeeded;
		else if (job.lastOutcome() == Outcome::Cancelled)
			++c.cancelled;
		else
			++c.failed;
		break;
	}
}

} // namespace restored
