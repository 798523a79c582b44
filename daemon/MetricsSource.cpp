// SPDX-License-Identifier: Apache-2.0
#include "daemon/MetricsSource.h"

#include <vector>

#include "daemon/Job.h"
#include "daemon/JobSnapshots.h"
#include "daemon/JobTable.h"
#include "history/HistoryStore.h"
#include "metrics/Exposition.h"
#include "metrics/ProcessStats.h"

namespace restored {

MetricsSource::MetricsSource(std::string version, Clock now) : version_(std::move(version)), now_(std::move(now)) {}

dbs::DbsClientOptions MetricsSource::observed(dbs::DbsClientOptions options)
{
	options.onRequestDone = [this](std::string_view action, const base::ApiError *error,
				       std::chrono::steady_clock::duration elapsed) {
		api_.record(action, error ? metrics::ApiResult(error->errorClass) : std::nullopt,
			    std::chrono::duration<double>(elapsed).count());
	};
	return options;
}

void MetricsSource::runFinished(const Job &job) { tally_.record(job.id(), runEnd(job)); }

std::size_t MetricsSource::seedFromHistory(const std::filesystem::path &stateDir)
{
	std::size_t seeded = 0;
	// A damaged line is skipped here as by every reader; the next append
	// to that file repairs it and logs what it found.
	for (const auto &file : history::HistoryStore::loadAll(stateDir, historyTailBytes)) {
		for (const auto &record : file.history.records)
			tally_.seed(record.jobId, runEnd(record));
		seeded += file.history.records.empty() ? 0 : 1;
	}
	return seeded;
}

std::string MetricsSource::render(const JobTable &table, std::size_t apiQueued, std::uint64_t stateWriteErrors,
				  bool withProcess)
{
	auto now = now_();
	std::vector<metrics::JobSnapshot> jobs;
	jobs.reserve(lastJobCount_);
	table.forEachJob(
		[&](const Job &job) { jobs.push_back(jobSnapshot(job, tally_.find(job.id()), schedules_, now)); });
	// A removed job's counts and an unused schedule go with it.
	tally_.retainOnly(jobs);
	schedules_.sweep();
	lastJobCount_ = jobs.size();

	metrics::ProcessStats process;
	if (withProcess)
		process = metrics::readProcessStats();
	metrics::MetricsInput in;
	in.version = version_;
	in.process = withProcess ? &process : nullptr;
	in.jobs = jobs;
	in.invalidJobFiles = table.invalidFileCount();
	in.apiQueued = apiQueued;
	in.stateWriteErrors = stateWriteErrors;
	in.api = &api_;
	return metrics::exposition(in);
}

} // namespace restored
