// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobSnapshots.h"

#include <algorithm>

#include "daemon/Job.h"
#include "daemon/ScheduleCache.h"
#include "statemachine/DrillFacts.h"

namespace restored {

namespace {

metrics::JobPhase phaseOf(const Job &job)
{
	switch (job.phase()) {
	case Job::Phase::Queued: return metrics::JobPhase::Queued;
	case Job::Phase::Running:
		return job.machineState() == statemachine::MachineState::Paused ? metrics::JobPhase::Paused
										: metrics::JobPhase::Running;
	case Job::Phase::Idle: return metrics::JobPhase::Idle;
	case Job::Phase::Finished: return metrics::JobPhase::Finished;
	}
	return metrics::JobPhase::Idle;
}

metrics::Verification verificationOf(statemachine::Verification v)
{
	switch (v) {
	case statemachine::Verification::None: return metrics::Verification::NotRun;
	case statemachine::Verification::Verified: return metrics::Verification::Verified;
	case statemachine::Verification::VerificationFailed: return metrics::Verification::Failed;
	case statemachine::Verification::CouldNotVerify: return metrics::Verification::CouldNotVerify;
	}
	return metrics::Verification::NotRun;
}

} // namespace

std::int64_t restoreDurationMs(const statemachine::JobRun &run)
{
	if (run.outcome != statemachine::Outcome::Succeeded)
		return 0;
	if (auto dbs = statemachine::restoreDurationMs(run))
		return std::max<std::int64_t>(0, *dbs);
	for (auto step = run.steps.rbegin(); step != run.steps.rend(); ++step)
		if (!step->restoreTaskId.empty() && step->startAcceptedMs > 0)
			return std::max<std::int64_t>(0, run.finishedAtMs - step->startAcceptedMs);
	return 0;
}

metrics::RunEnd runEnd(const Job &job)
{
	const auto *run = job.run();
	const auto *spec = job.runningSpec();
	if (run && spec)
		return runEnd(*spec, *run);
	metrics::RunEnd end;
	end.run = job.lastOutcome();
	end.finishedAtMs = job.lastFinishedAtMs();
	return end;
}

metrics::RunEnd runEnd(const config::JobSpec &spec, const statemachine::JobRun &run)
{
	metrics::RunEnd end;
	end.run = run.outcome;
	end.verification = verificationOf(run.verification);
	end.rtoMissed = statemachine::rtoMissed(spec, run);
	end.finishedAtMs = run.finishedAtMs;
	end.restoreDurationMs = restored::restoreDurationMs(run);
	return end;
}

metrics::RunEnd runEnd(const history::DrillRecord &record)
{
	metrics::RunEnd end;
	end.run = record.outcome;
	end.verification = verificationOf(record.verification);
	end.rtoMissed = history::rtoMet(record) == false;
	end.finishedAtMs = record.finishedAtMs;
	if (end.run == statemachine::Outcome::Succeeded)
		end.restoreDurationMs = history::restoreDurationMs(record).value_or(0);
	return end;
}

metrics::JobSnapshot jobSnapshot(const Job &job, const metrics::JobRunStats *stats, ScheduleCache &schedules,
				 std::chrono::system_clock::time_point now)
{
	metrics::JobSnapshot s;
	s.id = job.id();
	s.phase = phaseOf(job);
	s.lastRunMs = job.lastFinishedAtMs();
	// A run that ended in this process is in the tally with everything it
	// knew; one loaded from the state directory has only its outcome.
	if (stats && stats->lastFinishedMs == job.lastFinishedAtMs())
		s.lastOutcome = stats->lastOutcome;
	else
		s.lastOutcome = metrics::drillOutcome(job.lastOutcome(), metrics::Verification::NotRun, false);
	if (job.lastOutcome() == statemachine::Outcome::Succeeded)
		s.lastSuccessMs = job.lastFinishedAtMs();
	if (stats) {
		s.lastSuccessMs = std::max(s.lastSuccessMs, stats->lastSuccessMs);
		s.lastVerifiedMs = stats->lastVerifiedMs;
		s.runs = stats->runs;
		s.restoreDurationMs = stats->restoreDurationMs;
	}
	if (const auto &spec = job.definition()) {
		if (spec->rtoObjective)
			s.rtoObjectiveMs = spec->rtoObjective->count();
		if (spec->schedule)
			if (auto t = schedules.times(*spec->schedule, now)) {
				s.nextRunMs = t->nextMs;
				s.scheduleIntervalMs = t->intervalMs;
			}
	}
	if (const auto *run = job.run())
		for (std::size_t i = 0; i < s.progress.size(); ++i)
			s.progress[i] = std::clamp(run->lastProgress[i] / 100.0, 0.0, 1.0);
	return s;
}

} // namespace restored
