// SPDX-License-Identifier: Apache-2.0
#include "daemon/Job.h"

#include <algorithm>
#include <span>
#include <boost/asio/post.hpp>

#include "daemon/ApiRateLimiter.h"
#include "daemon/JobEventLog.h"
#include "daemon/JobEventMapping.h"
#include "daemon/RegionRoutes.h"
#include "daemon/RestorePoller.h"
#include "daemon/StateFlusher.h"
#include "daemon/StateStore.h"
#include "config/JobSpecJson.h"
#include "dbs/DbsClient.h"
#include "statemachine/ClientToken.h"
#include "statemachine/JobRunJson.h"

namespace restored {

using namespace statemachine;

namespace {

template<class C>
bool followedBy(std::span<const Command> rest)
{
	return std::any_of(rest.begin(), rest.end(),
			   [](const Command &c) { return std::holds_alternative<C>(c); });
}

} // namespace


Job::Job(JobServices &services, std::string id)
	: s_(services), id_(std::move(id)),
	  timer_(s_.executor, s_.nowMs, [this](std::size_t slot) { onDeadline(slot); })
{
}

Job::~Job() = default;

void Job::setDefinition(config::JobSpecPtr spec)
{
	assert(spec);
	// A run resumed from the state directory has no definition yet: compare
	// with the spec it runs, or every restart would report a changed file.
	const config::JobSpec *before = definition_ ? definition_.get()
					: machine_ ? &machine_->spec() : nullptr;
	bool changed = !before || before->specHash != spec->specHash;
	// A rescan reads every file again: an unchanged definition keeps the
	// copy the running machine shares instead of holding a second one.
	if (definition_ && !changed && definition_->sourceFile == spec->sourceFile)
		return;
	definition_ = std::move(spec);
	if (changed && machine_ && !machine_->finished())
		feed(FileChanged{s_.nowMs(), definition_->specHash});
}

void Job::startRun()
{
	assert(definition_);
	machine_ = std::make_unique<JobMachine>(s_.random);
	++runSerial_;
	phase_ = Phase::Running;
	lastError_.reset();
	execute(machine_->handle(JobStarted{definition_, s_.nowMs(), newRunId(s_.random)}));
}

void Job::resumeRun(config::JobSpecPtr runningSpec, JobRun run)
{
	machine_ = std::make_unique<JobMachine>(std::move(runningSpec), std::move(run), s_.random);
	++runSerial_;
	phase_ = Phase::Running;
	execute(machine_->resume(s_.nowMs()));
}

void Job::cancel(const std::string &reason)
{
	if (phase_ == Phase::Running && machine_ && !machine_->finished()) {
		feed(CancelRequested{s_.nowMs(), reason});
		return;
	}
	if (phase_ == Phase::Queued)
		phase_ = Phase::Idle;
}

void Job::shutdown()
{
	writeAll_ = true; // the saved record is where the next start resumes
	if (phase_ == Phase::Running && machine_ && !machine_->finished())
		feed(ShutdownRequested{s_.nowMs()});
	cancelTimers();
}

std::optional<MachineState> Job::machineState() const
{
	if (!machine_)
		return std::nullopt;
	return machine_->state();
}

const JobRun *Job::run() const
{
	return machine_ ? &machine_->run() : nullptr;
}

const config::JobSpec *Job::runningSpec() const
{
	return machine_ ? &machine_->spec() : nullptr;
}

void Job::setLastOutcome(Outcome o, std::string specHash, std::int64_t finishedAtMs)
{
	lastOutcome_ = o;
	lastSpecHash_ = std::move(specHash);
	lastFinishedAtMs_ = finishedAtMs;
	if (phase_ == Phase::Idle)
		phase_ = Phase::Finished;
}

template<class Event>
void Job::feed(const Event &e)
{
	if (!machine_ || machine_->finished())
		return;
	execute(machine_->handle(e));
}

void Job::execute(Commands commands)
{
	// A failed state write means the token of a following call may not be
	// on disk: such a call is not sent but reported back as a transient
	// failure, so the machine retries it after a backoff.
	bool persisted = true;
	for (std::size_t i = 0; i < commands.size(); ++i) {
		auto &c = commands[i];
		if (std::holds_alternative<Persist>(c)) {
			// A record is flushed to disk before a following call is
			// sent (its token must survive a power cut), and after a
			// run's end; both in group commits with the other records of
			// their burst. A progress update needs no directory fsync:
			// losing it to a power cut costs nothing (StateFlusher.h).
			auto rest = std::span<const Command>(commands).subspan(i);
			persisted = persist(followedBy<CallApi>(rest)    ? Write::Token
					    : followedBy<Finished>(rest) ? Write::Outcome
									 : Write::Progress);
		} else if (auto *call = std::get_if<CallApi>(&c)) {
			if (persisted) {
				this->call(*call);
				continue;
			}
			auto e = base::ApiError::transient("Local.StateWriteFailed",
						 "the state file could not be written; the call was not sent");
			boost::asio::post(s_.executor, [w = weak_from_this(), a = call->action, e]() {
				if (auto self = w.lock())
					self->feed(ApiFailed{a, self->s_.nowMs(), e});
			});
		} else if (auto *p = std::get_if<WantPoll>(&c)) {
			poll(p->restoreTaskId);
		} else if (auto *b = std::get_if<WantBackupSetPoll>(&c)) {
			pollBackupSet(b->backupPlanId, b->backupSetId);
		} else if (auto *t = std::get_if<ArmTimer>(&c)) {
			arm(*t);
		} else if (auto *l = std::get_if<Log>(&c)) {
			// A call held back by a failed state write was never sent;
			// a "sending" line would tell the journal otherwise.
			if (persisted || l->kind != statemachine::LogKind::CallSent)
				log(*l);
		} else if (auto *f = std::get_if<Finished>(&c)) {
			finished(*f);
		}
	}
	if (s_.onChange)
		s_.onChange();
}

bool Job::persist(Write write)
{
	// A progress-only record (Visible) is rewritten at most every
	// visibleWriteInterval. After a crash the resumed run polls at once and
	// notes any newer progress itself, so an older record costs nothing;
	// one file write per job per poll was the daemon's largest steady cost
	// at 10,000 jobs (bench/RESULTS.md).
	std::int64_t now = s_.nowMs();
	std::string shape = recordShape();
	// Never staler than a quarter of the stall timeout: a resumed run arms
	// its stall timer from the recorded time of the last progress change.
	auto interval = std::min(visibleWriteInterval, machine_->spec().stallTimeout / 4);
	if (write == Write::Progress && !writeAll_ && shape == lastShape_ &&
	    now - lastWriteMs_ < interval.count())
		return true;
	// A token or an outcome is saved Deferred and made durable in a group
	// commit (slot fsync, swap, directory fsync; StateStore.h), so 10,000 runs
	// starting or ending together cost one flush pass, not 10,000 on the
	// event loop. See StateFlusher for when each kind is flushed.
	auto durability = write == Write::Progress ? StateStore::Durability::Visible
						   : StateStore::Durability::Deferred;
	boost::json::object record{
		{"spec", config::toJson(machine_->spec())},
		{"run", statemachine::toJson(machine_->run())},
	};
	if (auto error = s_.store.save(id_, record, durability)) {
		s_.events.log(JobEventKind::StateWriteFailed, eventFields(*this, lastError_), *error);
		return false;
	}
	lastWriteMs_ = now;
	lastShape_ = std::move(shape);
	if (write != Write::Progress) {
		s_.store.flushLater(id_);
		if (write == Write::Token)
			s_.flusher.soon();
		else
			s_.flusher.eventually();
	}
	return true;
}

std::string Job::recordShape() const
{
	// Everything in the run record except progress and its time.
	const JobRun &r = machine_->run();
	std::string shape = std::to_string(r.stepIndex) + '|' + r.lastStatus + '|' +
			    std::to_string(r.paused) + std::to_string(r.unknownStatusLogged) + '|' +
			    std::string(toString(r.outcome));
	for (const auto &step : r.steps)
		shape += '|' + std::string(toString(step.phase)) + ',' + std::to_string(step.failedAttempts) +
			 ',' + step.restoreTaskId + ',' + step.createdFullBackupSetId;
	return shape;
}

void Job::call(const CallApi &c)
{
	// The request is built when the rate limit lets the call leave: a
	// call may wait in the limiter's queue for minutes (10,000 starts at
	// the default 5 requests/s), and meanwhile it should hold neither a
	// built request (0.8 kB) nor a password read long before it is sent.
	s_.limiter.submit([w = weak_from_this(), c, run = runSerial_]() {
		auto self = w.lock();
		// A run that ended (cancelled, timed out) or was replaced while
		// the call waited no longer wants it sent.
		if (self && self->runSerial_ == run && self->machine_ && !self->machine_->finished())
			self->send(c);
	});
}

void Job::send(const CallApi &c)
{
	BuiltRequest built = buildRequest(machine_->spec(), machine_->run(), c, s_.readSecret);
	if (auto *error = std::get_if<base::ApiError>(&built)) {
		lastError_ = *error;
		feed(ApiFailed{c.action, s_.nowMs(), *error});
		return;
	}
	const ApiAction action = c.action;
	const ApiRequest &request = std::get<ApiRequest>(built);
	// The record holding this call's token must be on disk before the call
	// leaves: flush it (and every record written since) now if the group
	// commit has not run yet.
	if (isMutating(action) && s_.store.unflushed(id_)) {
		if (auto error = s_.store.flush()) {
			s_.events.log(JobEventKind::StateWriteFailed, eventFields(*this, lastError_), *error);
			auto e = base::ApiError::transient("Local.StateWriteFailed",
						 "the state file could not be flushed; the call was not sent");
			lastError_ = e;
			feed(ApiFailed{action, s_.nowMs(), e});
			return;
		}
	}
	auto &client = s_.routes.client(machine_->spec().region);
	if (auto *r = std::get_if<dbs::StartBackupPlanRequest>(&request)) {
		client.startBackupPlan(*r, onReply<dbs::StartBackupPlanResponse>(action,
			[](ApiSucceeded &e, const auto &v) { e.createdFullBackupSetId = v.createdFullBackupsetId; }));
	} else if (auto *r = std::get_if<dbs::CreateRestoreTaskRequest>(&request)) {
		client.createRestoreTask(*r, onReply<dbs::CreateRestoreTaskResponse>(action,
			[](ApiSucceeded &e, const auto &v) { e.restoreTaskId = v.restoreTaskId; }));
	} else if (auto *r = std::get_if<dbs::StartRestoreTaskRequest>(&request)) {
		client.startRestoreTask(*r, onReply<dbs::StartRestoreTaskResponse>(action,
			[id = r->restoreTaskId](ApiSucceeded &e, const auto &v) {
				e.restoreTaskId = v.restoreTaskId.empty() ? id : v.restoreTaskId;
			}));
	} else if (auto *r = std::get_if<FindRestoreTaskRequest>(&request)) {
		client.describePlanRestoreTasks(r->backupPlanId, onReply<std::vector<dbs::RestoreTaskDetail>>(action,
			[name = r->restoreTaskName](ApiSucceeded &e, const auto &tasks) {
				for (const auto &t : tasks)
					if (t.restoreTaskName == name)
						e.restoreTaskId = t.restoreTaskId;
			}));
	} else if (auto *r = std::get_if<ListBackupSetsRequest>(&request)) {
		client.describePlanBackupSets(r->backupPlanId, onReply<std::vector<dbs::FullBackupFile>>(action,
			[](ApiSucceeded &e, const auto &sets) {
				for (const auto &f : sets)
					e.backupSetIds.push_back(f.backupSetId);
			}));
	} else if (auto *r = std::get_if<dbs::DescribeJobErrorCodeRequest>(&request)) {
		client.describeJobErrorCode(*r, [w = weak_from_this()](auto o) {
			auto self = w.lock();
			if (!self)
				return;
			JobErrorCodeAnswered e;
			e.nowMs = self->s_.nowMs();
			if (o) {
				const auto &i = o.value().item;
				e.detail = JobErrorDetail{i.errorCode, i.errorMessage, i.jobId, i.jobState, i.jobType};
			} else {
				e.error = o.error();
			}
			self->feed(e);
		});
	}
}

template<class Response, class Fill>
std::function<void(dbs::Outcome<Response>)> Job::onReply(ApiAction action, Fill fill)
{
	return [w = weak_from_this(), action, fill](dbs::Outcome<Response> o) {
		auto self = w.lock();
		if (!self)
			return;
		if (!o) {
			self->lastError_ = o.error();
			self->feed(ApiFailed{action, self->s_.nowMs(), o.error()});
			return;
		}
		ApiSucceeded e{action, self->s_.nowMs(), {}, {}, {}};
		if constexpr (requires { o.value().envelope.requestId; })
			e.requestId = o.value().envelope.requestId; // a paged listing has one per page
		fill(e, o.value());
		self->feed(e);
	};
}

void Job::poll(const std::string &restoreTaskId)
{
	s_.routes.poller(machine_->spec().region).want(restoreTaskId, [w = weak_from_this(), restoreTaskId](
		const dbs::Outcome<dbs::RestoreTaskDetail> &o) {
		auto self = w.lock();
		if (!self)
			return;
		if (!o && o.error().code == RestorePoller::taskGoneCode) {
			self->lastError_ = o.error();
			self->feed(TaskGone{self->s_.nowMs(), restoreTaskId, o.error().message});
			return;
		}
		if (!o) {
			self->retryPollLater([w, restoreTaskId]() {
				if (auto s = w.lock())
					s->poll(restoreTaskId);
			}, o.error());
			return;
		}
		const auto &d = o.value();
		RestorePolled e;
		e.nowMs = self->s_.nowMs();
		e.restoreTaskId = d.restoreTaskId;
		e.status = d.restoreStatus;
		e.progress = {d.fullStruforeRestoreProgress, d.fullDataRestoreProgress,
			      d.fullStruAfterRestoreProgress, d.continuousRestoreProgress};
		e.finishTimeMs = d.restoreTaskFinishTime;
		e.errMessage = d.errMessage;
		self->feed(e);
	});
}

void Job::pollBackupSet(const std::string &planId, const std::string &setId)
{
	s_.limiter.submit([w = weak_from_this(), planId, setId]() {
		auto self = w.lock();
		if (!self)
			return;
		dbs::DescribeFullBackupListRequest r;
		r.backupPlanId = planId;
		r.backupSetId = setId;
		self->s_.routes.client(self->machine_->spec().region).describeFullBackupList(r, [w, planId, setId](auto o) {
			auto self = w.lock();
			if (!self)
				return;
			auto again = [w, planId, setId]() {
				if (auto s = w.lock())
					s->pollBackupSet(planId, setId);
			};
			if (!o)
				return self->retryPollLater(again, o.error());
			for (const auto &f : o.value().items) {
				if (f.backupSetId == setId) {
					self->feed(BackupSetPolled{self->s_.nowMs(), setId, f.backupStatus,
								   f.errMessage});
					return;
				}
			}
			base::ApiError e;
			e.code = "Local.BackupSetNotListed";
			e.message = "DescribeFullBackupList did not return backup set " + setId;
			self->retryPollLater(again, e);
		});
	});
}

void Job::retryPollLater(std::function<void()> again, const base::ApiError &error)
{
	lastError_ = error;
	auto fields = eventFields(*this, lastError_);
	s_.events.log(JobEventKind::ApiCallFailed, fields,
		      "poll failed (" + error.code + ": " + error.message + "); polling again later");
	auto delay = machine_ ? machine_->spec().pollInterval : std::chrono::milliseconds(30000);
	if (error.errorClass == base::ErrorClass::Throttled)
		delay *= 2;
	if (error.retryAfter && *error.retryAfter > delay)
		delay = *error.retryAfter;
	repoll_ = std::move(again);
	timer_.set(repollSlot, s_.nowMs() + delay.count());
}

void Job::arm(const ArmTimer &t)
{
	std::int64_t at = t.atMs;
	// Polls join the daemon's rounds, so that all jobs share batched calls.
	if (t.kind == TimerKind::Poll && machine_)
		at = s_.routes.poller(machine_->spec().region).roundFor(at, machine_->spec().pollInterval);
	timer_.set(static_cast<std::size_t>(t.kind), at);
}

void Job::onDeadline(std::size_t slot)
{
	auto self = shared_from_this(); // a handler may finish the run
	if (slot == repollSlot) {
		auto again = std::move(repoll_);
		repoll_ = nullptr;
		if (again)
			again();
		return;
	}
	feed(TimerFired{static_cast<TimerKind>(slot), s_.nowMs()});
}

void Job::cancelTimers()
{
	repoll_ = nullptr;
	timer_.cancelAll();
}

void Job::log(const Log &l)
{
	s_.events.log(eventKindFor(l.kind), eventFields(*this, lastError_, &l), l.message, priorityFor(l.severity));
}

void Job::finished(const Finished &f)
{
	phase_ = Phase::Finished;
	lastOutcome_ = f.outcome;
	lastSpecHash_ = machine_->spec().specHash;
	lastFinishedAtMs_ = machine_->run().finishedAtMs;
	cancelTimers();
	if (s_.onRunFinished)
		s_.onRunFinished(*this);
}

} // namespace restored
