// SPDX-License-Identifier: Apache-2.0
#include "metrics/JobExposition.h"

#include "metrics/DaemonFamilies.h"
#include "metrics/TextWriter.h"

namespace metrics {

namespace {

double seconds(std::int64_t ms)
{
	return static_cast<double>(ms) / 1000.0;
}

// One family with one value per job.
template<class Value>
void perJob(TextWriter &w, const Family &f, std::span<const JobSnapshot> jobs, Value value)
{
	w.family(f);
	for (const auto &j : jobs)
		w.sample({j.id}, value(j));
}

} // namespace

void writeJobFamilies(TextWriter &w, std::span<const JobSnapshot> jobs)
{
	using namespace families;
	perJob(w, jobLastRun, jobs, [](const JobSnapshot &j) { return seconds(j.lastRunMs); });
	perJob(w, jobLastSuccess, jobs, [](const JobSnapshot &j) { return seconds(j.lastSuccessMs); });
	perJob(w, jobLastVerified, jobs, [](const JobSnapshot &j) { return seconds(j.lastVerifiedMs); });

	// Only a scheduled job has a next run; the others have no such series.
	w.family(jobNextRun);
	for (const auto &j : jobs)
		if (j.nextRunMs)
			w.sample({j.id}, seconds(*j.nextRunMs));
	w.family(jobScheduleInterval);
	for (const auto &j : jobs)
		if (j.scheduleIntervalMs)
			w.sample({j.id}, seconds(*j.scheduleIntervalMs));

	w.family(jobLastOutcome);
	for (const auto &j : jobs)
		for (auto o : drillOutcomes)
			w.sample({j.id, toString(o)}, j.lastOutcome == o ? 1 : 0);
	w.family(runs);
	for (const auto &j : jobs)
		for (auto o : drillOutcomes)
			w.sample({j.id, toString(o)}, static_cast<double>(j.runs[indexOf(o)]));

	perJob(w, jobRestoreDuration, jobs, [](const JobSnapshot &j) { return seconds(j.restoreDurationMs); });
	perJob(w, jobRtoObjective, jobs, [](const JobSnapshot &j) { return seconds(j.rtoObjectiveMs); });

	w.family(jobRestoreProgress);
	for (const auto &j : jobs)
		for (std::size_t i = 0; i < progressPhases.size(); ++i)
			w.sample({j.id, progressPhases[i]}, j.progress[i]);
}

} // namespace metrics
