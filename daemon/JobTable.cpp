// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobTable.h"

#include <boost/asio/post.hpp>
#include <cassert>

#include "daemon/JobRecord.h"
#include "daemon/JobSnapshot.h"
#include "daemon/os/JobEventLog.h"

namespace restored {

using statemachine::Outcome;

JobTable::JobTable(JobServices &services, int maxRunning, bool once)
	: s_(services), maxRunning_(std::max(1, maxRunning)), once_(once),
	  cron_(s_.clock, [this](const std::string &id, CronScheduler::TimePoint at) { onCronTime(id, at); })
{}

JobTable::~JobTable() = default;

std::shared_ptr<Job> JobTable::jobFor(const std::string &id)
{
	auto &slot = jobs_[id];
	if (!slot)
		slot = std::make_shared<Job>(s_, id);
	return slot;
}

void JobTable::restore(std::vector<os::StateStore::Record> records)
{
	for (auto &record : records) {
		auto parsed = parseJobRecord(record.payload);
		if (auto *why = std::get_if<std::string>(&parsed)) {
			auto movedTo = s_.store.quarantine(record.jobId);
			s_.events.log(os::JobEventKind::StateCorrupt, {.jobId = record.jobId},
				      "state record unusable (" + *why + ")" +
					      (movedTo.empty() ? "" : "; moved aside to " + movedTo.string()) +
					      "; the job starts afresh");
			continue;
		}
		auto &[spec, run] = std::get<JobRecord>(parsed);
		auto job = jobFor(record.jobId);
		// A decided run whose wrap-up (notify hook, drill record) did not
		// finish resumes like an unfinished one.
		if (statemachine::runOver(run)) {
			job->setLastOutcome(run.outcome, run.specHash, run.finishedAtMs);
			continue;
		}
		++running_;
		job->resumeRun(std::make_shared<const config::JobSpec>(std::move(spec)), std::move(run));
	}
}

void JobTable::reconcile(const config::JobsDirResult &result, bool complete,
			 const std::vector<std::filesystem::path> &removedFiles)
{
	std::set<std::string> seen;
	for (const auto &file : result.files) {
		const std::string path = file.path.string();
		seen.insert(path);
		if (!file.spec) {
			auto known = fileToJob_.find(path);
			if (invalidFiles_[file.path] != file.errors) {
				for (const auto &e : file.errors)
					s_.events.log(
						os::JobEventKind::JobInvalid,
						{.jobId = known != fileToJob_.end() ? known->second : std::string()},
						e.format() + (known != fileToJob_.end()
								      ? " (the job keeps its last good definition)"
								      : ""));
			}
			invalidFiles_[file.path] = file.errors;
			continue;
		}
		invalidFiles_.erase(file.path);
		const config::JobSpec &spec = *file.spec;
		auto owner = jobToFile_.find(spec.id);
		if (owner != jobToFile_.end() && owner->second != path && std::filesystem::exists(owner->second)) {
			config::ConfigError e{file.path.string(), 1, 1,
					      "job id '" + spec.id + "' is already used by " + owner->second,
					      "a unique id"};
			s_.events.log(os::JobEventKind::JobInvalid, {.jobId = spec.id}, e.format());
			invalidFiles_[file.path] = {e};
			continue;
		}
		auto previous = fileToJob_.find(path);
		if (previous != fileToJob_.end() && previous->second != spec.id) {
			jobToFile_.erase(previous->second);
			forget(previous->second, "its file now declares another job id");
		}
		fileToJob_[path] = spec.id;
		jobToFile_[spec.id] = path;
		auto job = jobFor(spec.id);
		job->setDefinition(std::make_shared<const config::JobSpec>(spec));
		considerRun(*job);
	}

	std::vector<std::filesystem::path> gone = removedFiles;
	if (complete) {
		for (const auto &[path, id] : fileToJob_)
			if (!seen.count(path))
				gone.push_back(path);
		for (auto it = invalidFiles_.begin(); it != invalidFiles_.end();)
			it = seen.count(it->first.string()) ? std::next(it) : invalidFiles_.erase(it);
	}
	for (const auto &path : gone) {
		invalidFiles_.erase(path);
		auto it = fileToJob_.find(path.string());
		if (it == fileToJob_.end())
			continue;
		std::string id = it->second;
		fileToJob_.erase(it);
		jobToFile_.erase(id);
		forget(id, "job file " + path.string() + " was removed");
	}
	// Jobs resumed from state whose file is gone (removed while we were down).
	if (complete) {
		std::vector<std::string> orphans;
		for (const auto &[id, job] : jobs_) {
			if (!jobToFile_.count(id))
				orphans.push_back(id);
		}
		for (const auto &id : orphans)
			forget(id, "its job file no longer exists");
	}
	admit();
}

void JobTable::considerRun(Job &job)
{
	if (stopping_ || !job.definition() || job.phase() == Job::Phase::Running || job.phase() == Job::Phase::Queued)
		return;
	const auto &spec = *job.definition();
	if (spec.schedule && !once_) {
		if (!cron_.armed(job.id()))
			cron_.scheduleNext(job.id(), *spec.schedule);
		return;
	}
	if (job.lastOutcome() == Outcome::None || job.lastSpecHash() != spec.specHash)
		enqueue(job);
}

void JobTable::enqueue(Job &job)
{
	job.markQueued();
	queue_.push_back(job.id());
	// Logged when the job will wait: more queued than free slots.
	if (static_cast<int>(queue_.size()) > maxRunning_ - running_)
		s_.events.log(os::JobEventKind::JobQueued, {.jobId = job.id()},
			      "waiting for a free slot (max_running_jobs=" + std::to_string(maxRunning_) + ", " +
				      std::to_string(queue_.size()) + " queued)");
}

void JobTable::holdAdmission(bool hold)
{
	held_ = hold;
	if (!held_)
		admit();
}

void JobTable::admit()
{
	while (!stopping_ && !held_ && running_ < maxRunning_ && !queue_.empty()) {
		std::string id = queue_.front();
		queue_.pop_front();
		auto it = jobs_.find(id);
		if (it == jobs_.end() || it->second->phase() != Job::Phase::Queued || !it->second->definition())
			continue;
		++running_;
		auto job = it->second; // keep alive while it starts
		job->startRun();
	}
}

void JobTable::onRunFinished(Job &job)
{
	--running_;
	std::string id = job.id();
	if (!jobToFile_.count(id)) {
		// Cancelled because its file went away: forget it now, but keep
		// the object alive until the handler that runs it has returned.
		s_.store.remove(id);
		auto it = jobs_.find(id);
		if (it != jobs_.end() && it->second.get() == &job) {
			boost::asio::post(s_.executor, [keep = it->second]() {});
			jobs_.erase(it);
		}
	} else if (!stopping_) {
		considerRun(job);
	}
	admit();
}

void JobTable::onCronTime(const std::string &id, CronScheduler::TimePoint at)
{
	if (stopping_)
		return;
	auto it = jobs_.find(id);
	if (it == jobs_.end())
		return;
	auto &job = *it->second;
	if (job.phase() != Job::Phase::Running && job.phase() != Job::Phase::Queued)
		enqueue(job);
	if (job.definition() && job.definition()->schedule)
		cron_.scheduleNext(id, *job.definition()->schedule, at);
	admit();
}

void JobTable::forget(const std::string &id, const std::string &reason)
{
	auto it = jobs_.find(id);
	if (it == jobs_.end())
		return;
	cron_.cancel(id);
	auto job = it->second;
	if (job->isRunning()) {
		job->cancel(reason); // finishes the run; onRunFinished forgets it
		return;
	}
	s_.events.log(os::JobEventKind::Cancelled, {.jobId = id}, "job removed: " + reason);
	jobs_.erase(it);
	s_.store.remove(id);
}

std::shared_ptr<Job> JobTable::find(const std::string &id) const
{
	auto it = jobs_.find(id);
	return it == jobs_.end() ? nullptr : it->second;
}

void JobTable::runNow(Job &job)
{
	assert(job.definition() && !job.isRunning() && job.phase() != Job::Phase::Queued);
	enqueue(job);
	admit();
}

void JobTable::shutdown()
{
	stopping_ = true;
	cron_.clear();
	for (auto &[id, job] : jobs_)
		job->shutdown();
}

StatusCounts JobTable::counts() const
{
	StatusCounts c;
	c.invalidFiles = static_cast<int>(invalidFiles_.size());
	for (const auto &[id, job] : jobs_)
		countInto(c, *job);
	return c;
}

std::vector<JobStatus> JobTable::statuses() const
{
	std::vector<JobStatus> out;
	forEachStatus([&out](const JobStatus &st) { out.push_back(st); });
	return out;
}

void JobTable::forEachStatus(const JobStatusVisitor &visit, const std::string &onlyJob) const
{
	auto [first, last] = onlyJob.empty() ? std::pair(jobs_.begin(), jobs_.end()) : jobs_.equal_range(onlyJob);
	for (auto it = first; it != last; ++it)
		visit(snapshotOf(*it->second));
}

bool JobTable::allSettled() const
{
	if (running_ > 0)
		return false;
	return std::none_of(jobs_.begin(), jobs_.end(), [](const auto &kv) {
		return kv.second->phase() == Job::Phase::Queued || kv.second->phase() == Job::Phase::Running;
	});
}

bool JobTable::allSucceeded() const
{
	if (!invalidFiles_.empty())
		return false;
	return std::all_of(jobs_.begin(), jobs_.end(),
			   [](const auto &kv) { return kv.second->lastOutcome() == Outcome::Succeeded; });
}

} // namespace restored
