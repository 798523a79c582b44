// SPDX-License-Identifier: Apache-2.0
#include "daemon/Job.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <span>

#include "daemon/ApiRateLimiter.h"
#include "daemon/BackupSetPoller.h"
#include "daemon/JobEventMapping.h"
#include "daemon/RegionRoutes.h"
#include "daemon/ReplyTranslator.h"
#include "daemon/RequestFactory.h"
#include "daemon/RequestSender.h"
#include "daemon/RestorePoller.h"
#include "daemon/os/Clock.h"
#include "daemon/os/JobEventLog.h"
#include "statemachine/Backoff.h"
#include "statemachine/ClientToken.h"

namespace restored {

using namespace statemachine;

Job::Job(JobServices &services, std::string id)
	: s_(services), id_(std::move(id)), writer_(s_.store, s_.flusher, id_),
	  timer_(s_.clock, [this](TimerSlot slot) { onDeadline(slot); }),
	  drill_(
		  s_, id_, [this](const HookFinished &e) { feed(e); }, [this](const BackupSetDescribed &e) { feed(e); })
{}

Job::~Job() = default;

void Job::setDefinition(config::JobSpecPtr spec)
{
	assert(spec);
	// A run resumed from the state directory has no definition yet: compare
	// with the spec it runs, or every restart would report a changed file.
	const config::JobSpec *before = definition_ ? definition_.get() : machine_ ? &machine_->spec() : nullptr;
	bool changed = !before || before->specHash != spec->specHash;
	// A rescan reads every file again: an unchanged definition keeps the
	// copy the running machine shares instead of holding a second one.
	if (definition_ && !changed && definition_->sourceFile == spec->sourceFile)
		return;
	definition_ = std::move(spec);
	if (changed && machine_ && !machine_->finished())
		feed(FileChanged{now(), definition_->specHash});
}

void Job::startRun()
{
	assert(definition_);
	machine_ = std::make_unique<JobMachine>(s_.random);
	++runSerial_;
	phase_ = Phase::Running;
	lastError_.reset();
	failedPolls_ = 0;
	execute(machine_->handle(JobStarted{definition_, now(), newRunId(s_.random)}));
}

void Job::resumeRun(config::JobSpecPtr runningSpec, JobRun run)
{
	machine_ = std::make_unique<JobMachine>(std::move(runningSpec), std::move(run), s_.random);
	++runSerial_;
	phase_ = Phase::Running;
	failedPolls_ = 0;
	execute(machine_->resume(now()));
}

void Job::cancel(const std::string &reason)
{
	if (phase_ == Phase::Running && machine_ && !machine_->finished()) {
		feed(CancelRequested{now(), reason});
		return;
	}
	if (phase_ == Phase::Queued)
		phase_ = Phase::Idle;
}

void Job::shutdown()
{
	writer_.writeEverything();
	if (phase_ == Phase::Running && machine_ && !machine_->finished())
		feed(ShutdownRequested{now()});
	cancelTimers();
	drill_.stopHook(); // it runs again after the restart
}

void Job::setLastOutcome(Outcome o, std::string specHash, std::int64_t finishedAtMs)
{
	lastOutcome_ = o;
	lastSpecHash_ = std::move(specHash);
	lastFinishedAtMs_ = finishedAtMs;
	if (phase_ == Phase::Idle)
		phase_ = Phase::Finished;
}

std::int64_t Job::now() const { return s_.clock.wallMs(); }

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
			auto rest = std::span<const Command>(commands).subspan(i);
			persisted = persist(JobRecordWriter::writeFor(rest));
		} else if (auto *call = std::get_if<CallApi>(&c)) {
			if (persisted) {
				this->call(*call);
				continue;
			}
			boost::asio::post(s_.executor, [w = weak_from_this(), a = call->action]() {
				if (auto self = w.lock())
					self->callNotSent(a,
							  "the state file could not be written; the call was not sent");
			});
		} else if (auto *p = std::get_if<WantPoll>(&c)) {
			poll(*p);
		} else if (auto *b = std::get_if<WantBackupSetPoll>(&c)) {
			poll(*b);
		} else if (auto *t = std::get_if<ArmTimer>(&c)) {
			arm(*t);
		} else if (auto *l = std::get_if<Log>(&c)) {
			// A call held back by a failed state write was never sent;
			// a "sending" line would tell the journal otherwise.
			if (persisted || l->kind != statemachine::LogKind::CallSent)
				log(*l);
		} else if (JobDrill::handles(c)) {
			drill_.execute(c, machine_->spec(), machine_->run());
		} else if (auto *f = std::get_if<Finished>(&c)) {
			finished(*f);
		}
	}
	if (s_.onChange)
		s_.onChange();
}

bool Job::persist(JobRecordWriter::Write write)
{
	auto error = writer_.write(write, machine_->spec(), machine_->run(), now());
	if (error)
		s_.events.log(os::JobEventKind::StateWriteFailed, eventFields(*this, lastError_), *error);
	return !error;
}

void Job::callNotSent(ApiAction action, const std::string &why)
{
	auto e = base::ApiError::transient("Local.StateWriteFailed", why);
	lastError_ = e;
	feed(ApiFailed{action, now(), e});
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
		if (self && self->runSerial_ == run && self->machine_ && !self->machine_->decided())
			self->send(c);
	});
}

void Job::send(const CallApi &c)
{
	BuiltRequest built = buildRequest(machine_->spec(), machine_->run(), c, s_.readSecret);
	if (auto *error = std::get_if<base::ApiError>(&built)) {
		lastError_ = *error;
		feed(ApiFailed{c.action, now(), *error});
		return;
	}
	// The record holding this call's token must be on disk before the call leaves (JobRecordWriter).
	if (isMutating(c.action)) {
		if (auto error = writer_.flushBeforeSend()) {
			s_.events.log(os::JobEventKind::StateWriteFailed, eventFields(*this, lastError_), *error);
			return callNotSent(c.action, "the state file could not be flushed; the call was not sent");
		}
	}
	sendRequest(s_.routes.client(machine_->spec().region), std::get<ApiRequest>(built), c.action, s_.clock,
		    [w = weak_from_this()](ReplyEvent reply) {
			    auto self = w.lock();
			    if (!self)
				    return;
			    if (auto *failed = std::get_if<ApiFailed>(&reply))
				    self->lastError_ = failed->error;
			    std::visit([&](const auto &e) { self->feed(e); }, reply);
		    });
}

void Job::poll(const WantPoll &want)
{
	auto &poller = s_.routes.poller(machine_->spec().region);
	poller.want(want.restoreTaskId, [w = weak_from_this(), want](const dbs::Outcome<dbs::RestoreTaskDetail> &o) {
		if (auto self = w.lock())
			self->polled(want, o, translatePoll(self->now(), want.restoreTaskId, o));
	});
}

void Job::poll(const WantBackupSetPoll &want)
{
	auto &poller = s_.routes.backupSets(machine_->spec().region);
	poller.want(want.backupPlanId, want.backupSetId,
		    [w = weak_from_this(), want](const dbs::Outcome<dbs::FullBackupFile> &o) {
			    if (auto self = w.lock())
				    self->polled(want, o, translatePoll(self->now(), o));
		    });
}

template<class Want, class Answer, class Reply>
void Job::polled(const Want &want, const Answer &answer, const Reply &reply)
{
	if (!answer)
		lastError_ = answer.error(); // also why a task is gone
	if (auto *error = std::get_if<base::ApiError>(&reply))
		return pollAgainLater(want, *error);
	failedPolls_ = 0;
	std::visit(
		[&](const auto &e) { // not [this]: unused when e is an ApiError, and clang warns
			if constexpr (!std::is_same_v<std::decay_t<decltype(e)>, base::ApiError>)
				feed(e);
		},
		reply);
}

void Job::pollAgainLater(Repoll again, const base::ApiError &error)
{
	lastError_ = error;
	s_.events.log(os::JobEventKind::ApiCallFailed, eventFields(*this, lastError_),
		      "poll failed (" + error.code + ": " + error.message + "); polling again later");
	// A failed poll is the daemon's to retry (statemachine::WantPoll): no
	// sooner than the next regular poll, and backing off like a failed call
	// (the job's retry policy, with the machine's Backoff) while polls keep
	// failing. The machine's deadline bounds the whole wait.
	const auto &spec = machine_->spec();
	auto backoff = Backoff(spec.retry).delay(failedPolls_++, error, s_.random);
	repoll_ = std::move(again);
	timer_.set(TimerSlot::Repoll, now() + std::max(spec.pollInterval, backoff).count());
}

void Job::arm(const ArmTimer &t)
{
	std::int64_t at = t.atMs;
	// Polls join the daemon's rounds, so that all jobs share batched calls.
	if (t.kind == TimerKind::Poll && machine_)
		at = s_.routes.poller(machine_->spec().region).roundFor(at, machine_->spec().pollInterval);
	timer_.set(slotFor(t.kind), at);
}

void Job::onDeadline(TimerSlot slot)
{
	auto self = shared_from_this(); // a handler may finish the run
	auto kind = kindOf(slot);
	if (!kind) {
		if (auto again = std::exchange(repoll_, std::nullopt))
			std::visit([this](const auto &want) { poll(want); }, *again);
		return;
	}
	feed(TimerFired{*kind, now()});
}

void Job::cancelTimers()
{
	repoll_.reset();
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
	drill_.stopHook(); // a verify hook the run ended without
	if (s_.onRunFinished)
		s_.onRunFinished(*this);
}

} // namespace restored
