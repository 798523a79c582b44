// SPDX-License-Identifier: Apache-2.0
#include "metrics/JobExposition.h"

#include <string>
#include <vector>

#include "metrics/DaemonFamilies.h"
#include "metrics/TextWriter.h"

namespace metrics {

namespace {

double seconds(std::int64_t ms) { return static_cast<double>(ms) / 1000.0; }

// The job ids, each escaped once into one buffer that every per-job family
// then reads in order: at 10,000 jobs, escaping and fetching each id again
// for each of 23 series was a third of a scrape (bench/RESULTS.md).
class EscapedIds
{
public:
	explicit EscapedIds(std::span<const JobSnapshot> jobs)
	{
		std::vector<std::size_t> ends;
		ends.reserve(jobs.size());
		for (const auto &j : jobs) {
			TextWriter::appendLabelValue(text_, j.id);
			ends.push_back(text_.size());
		}
		views_.reserve(jobs.size());
		std::size_t start = 0;
		for (auto end : ends) {
			views_.push_back(std::string_view(text_).substr(start, end - start));
			start = end;
		}
	}
	std::string_view operator[](std::size_t i) const { return views_[i]; }

private:
	std::string text_;
	std::vector<std::string_view> views_;
};

// One family with one value per job.
template<class Value>
void perJob(TextWriter &w, const Family &f, std::span<const JobSnapshot> jobs, const EscapedIds &ids, Value value)
{
	w.family(f);
	for (std::size_t i = 0; i < jobs.size(); ++i)
		w.sampleEscaped({ids[i]}, value(jobs[i]));
}

} // namespace

void writeJobFamilies(TextWriter &w, std::span<const JobSnapshot> jobs)
{
	using namespace families;
	const EscapedIds ids(jobs);
	perJob(w, jobLastRun, jobs, ids, [](const JobSnapshot &j) { return seconds(j.lastRunMs); });
	perJob(w, jobLastSuccess, jobs, ids, [](const JobSnapshot &j) { return seconds(j.lastSuccessMs); });
	perJob(w, jobLastVerified, jobs, ids, [](const JobSnapshot &j) { return seconds(j.lastVerifiedMs); });

	// Only a scheduled job has a next run; the others have no such series.
	w.family(jobNextRun);
	for (std::size_t i = 0; i < jobs.size(); ++i)
		if (jobs[i].nextRunMs)
			w.sampleEscaped({ids[i]}, seconds(*jobs[i].nextRunMs));
	w.family(jobScheduleInterval);
	for (std::size_t i = 0; i < jobs.size(); ++i)
		if (jobs[i].scheduleIntervalMs)
			w.sampleEscaped({ids[i]}, seconds(*jobs[i].scheduleIntervalMs));

	// The outcome and phase names are ours and need no escaping.
	w.family(jobLastOutcome);
	for (std::size_t i = 0; i < jobs.size(); ++i)
		for (auto o : drillOutcomes)
			w.sampleEscaped({ids[i], toString(o)}, jobs[i].lastOutcome == o ? 1 : 0);
	w.family(runs);
	for (std::size_t i = 0; i < jobs.size(); ++i)
		for (auto o : drillOutcomes)
			w.sampleEscaped({ids[i], toString(o)}, static_cast<double>(jobs[i].runs[indexOf(o)]));

	perJob(w, jobRestoreDuration, jobs, ids, [](const JobSnapshot &j) { return seconds(j.restoreDurationMs); });
	perJob(w, jobRtoObjective, jobs, ids, [](const JobSnapshot &j) { return seconds(j.rtoObjectiveMs); });

	w.family(jobRestoreProgress);
	for (std::size_t i = 0; i < jobs.size(); ++i)
		for (std::size_t p = 0; p < progressPhases.size(); ++p)
			w.sampleEscaped({ids[i], progressPhases[p]}, jobs[i].progress[p]);
}

} // namespace metrics
