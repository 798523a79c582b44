// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/JobDirectory.h"
#include "daemon/CronScheduler.h"
#include "daemon/Job.h"
#include "daemon/JobServices.h"
#include "daemon/StatusReport.h"
#include "daemon/os/StateStore.h"

namespace restored {

// Every job the daemon knows, keyed by job id, and the rules that decide
// when a job runs:
// - a job without a schedule runs once per distinct definition (spec hash):
//   when its file first appears, and again only when its meaning changes;
// - a job with a schedule runs at each cron time, with the definition
//   current at that time;
// - at most maxRunning runs are active; the rest wait in a FIFO queue;
// - a job whose file disappears is cancelled and forgotten;
// - a file that turns invalid leaves its job on its last good definition.
//
// Owned by the Daemon; used only on its io_context thread.
class JobTable
{
public:
	JobTable(JobServices &services, int maxRunning, bool once);
	~JobTable();

	// Runs loaded from the state directory: unfinished ones resume at once
	// (they were running before, so they are admitted whatever the cap).
	void restore(std::vector<os::StateStore::Record> records);

	// The result of (re)reading the jobs directory. With `complete`, files
	// missing from `result` are gone; otherwise only `result`'s files and the
	// `removedFiles` changed.
	void reconcile(const config::JobsDirResult &result, bool complete,
		       const std::vector<std::filesystem::path> &removedFiles = {});

	// While held, queued runs wait; releasing starts them. The daemon holds
	// admission during start-up so that READY=1 follows the scan and the
	// state load, not the start of every run.
	void holdAdmission(bool hold);

	// A run ended: free its slot, start queued runs, schedule the next.
	void onRunFinished(Job &job);

	void shutdown();

	// The job with this id, or null (for the control socket).
	std::shared_ptr<Job> find(const std::string &id) const;
	// Run-now: queues a job that is neither running nor queued, whatever its
	// schedule, and starts it if a slot is free.
	void runNow(Job &job);

	StatusCounts counts() const;
	// Every job's status, one at a time (status.json streams them); or
	// only `onlyJob`'s, found by its key (the control socket's status JOB).
	void forEachStatus(const JobStatusVisitor &visit, const std::string &onlyJob = {}) const;
	std::vector<JobStatus> statuses() const;

	// Read-only views for the metrics (daemon/MetricsSource.h): every job
	// in job id order, and the number of invalid job files.
	template<class Visit>
	void forEachJob(Visit &&visit) const
	{
		for (const auto &[id, job] : jobs_)
			visit(static_cast<const Job &>(*job));
	}
	int invalidFileCount() const { return static_cast<int>(invalidFiles_.size()); }

	// --once: true when no job is running, queued or waiting to start.
	bool allSettled() const;
	// --once: true when every job (and file) ended in success.
	bool allSucceeded() const;

private:
	std::shared_ptr<Job> jobFor(const std::string &id);
	void considerRun(Job &job);
	void enqueue(Job &job);
	void admit();
	// A scheduled job's cron time came: queue a run, arm the next time.
	void onCronTime(const std::string &id, CronScheduler::TimePoint at);
	void forget(const std::string &id, const std::string &reason);

	JobServices &s_;
	int maxRunning_;
	bool once_;
	std::map<std::string, std::shared_ptr<Job>> jobs_;
	// Job file (path string) <-> job id. Strings, not filesystem::path: a
	// libstdc++ path allocates a list of its components, which made these
	// maps a kilobyte per job.
	std::map<std::string, std::string> fileToJob_;
	std::map<std::string, std::string> jobToFile_;
	std::map<std::filesystem::path, std::vector<config::ConfigError>> invalidFiles_;
	std::deque<std::string> queue_;
	int running_ = 0;
	bool stopping_ = false;
	bool held_ = false;
	CronScheduler cron_; // last: its timers call back into the table
};

} // namespace restored
