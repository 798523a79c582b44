// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "base/ApiError.h"
#include "config/JobSpec.h"
#include "daemon/DeadlineTimer.h"
#include "daemon/JobDrill.h"
#include "daemon/JobRecordWriter.h"
#include "daemon/JobServices.h"
#include "daemon/TimerSlot.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobMachine.h"

namespace restored {

// One job: the latest valid definition from its file, and at most one run
// driven by a JobMachine. The Job is the imperative shell around the pure
// machine: it interprets the machine's commands (API calls, polls, timers,
// state writes, log records) and feeds their results back as events. The
// record format and persist policy are JobRecordWriter's, the reading of
// replies is ReplyTranslator's, the polls are RestorePoller's and
// BackupSetPoller's, and the drill hooks and history are JobDrill's.
//
// Owned (shared) by the Daemon's job table; callbacks hold weak references,
// so a job removed while a call is in flight is simply not answered.
// Used only on the daemon's io_context thread.
class Job : public std::enable_shared_from_this<Job>
{
public:
	enum class Phase { Idle, Queued, Running, Finished };

	Job(JobServices &services, std::string id);
	~Job();

	const std::string &id() const { return id_; }

	// The newest valid definition read from the job file. A running run
	// keeps the definition it started with.
	void setDefinition(config::JobSpecPtr spec);
	const config::JobSpecPtr &definition() const { return definition_; }

	// A new run of the current definition, with a fresh run id (and thus
	// fresh ClientTokens).
	void startRun();
	// Continues a run loaded from the state directory.
	void resumeRun(config::JobSpecPtr runningSpec, statemachine::JobRun run);
	// The job file is gone: a running run is cancelled.
	void cancel(const std::string &reason);
	// The daemon stops: persist and keep the run resumable.
	void shutdown();

	Phase phase() const { return phase_; }
	void markQueued() { phase_ = Phase::Queued; }
	bool isRunning() const { return phase_ == Phase::Running; }

	// For status reports.
	std::optional<statemachine::MachineState> machineState() const
	{
		return machine_ ? std::optional(machine_->state()) : std::nullopt;
	}
	const statemachine::JobRun *run() const { return machine_ ? &machine_->run() : nullptr; }
	const config::JobSpec *runningSpec() const { return machine_ ? &machine_->spec() : nullptr; }

	// The outcome of the last finished run, when there is one.
	statemachine::Outcome lastOutcome() const { return lastOutcome_; }
	void setLastOutcome(statemachine::Outcome o, std::string specHash, std::int64_t finishedAtMs);
	const std::string &lastSpecHash() const { return lastSpecHash_; }
	std::int64_t lastFinishedAtMs() const { return lastFinishedAtMs_; }

private:
	// What TimerSlot::Repoll asks again: a poll that failed.
	using Repoll = std::variant<statemachine::WantPoll, statemachine::WantBackupSetPoll>;

	void execute(statemachine::Commands commands);
	bool persist(JobRecordWriter::Write write);
	void call(const statemachine::CallApi &call);
	// Builds the call's request (reading a password only now) and sends it.
	void send(const statemachine::CallApi &call);
	void poll(const statemachine::WantPoll &want);
	void poll(const statemachine::WantBackupSetPoll &want);
	// A poll's answer (the poller's) and what it means (ReplyTranslator):
	// the reading or the confirmed absence is fed to the machine, an
	// error means polling again later.
	template<class Want, class Answer, class Reply>
	void polled(const Want &want, const Answer &answer, const Reply &reply);
	void pollAgainLater(Repoll again, const base::ApiError &error);
	void arm(const statemachine::ArmTimer &t);
	void onDeadline(TimerSlot slot);
	void cancelTimers();
	void log(const statemachine::Log &l);
	void finished(const statemachine::Finished &f);
	// A local failure that kept a call from being sent, answered as the
	// call's transient failure so the machine retries it after a backoff.
	void callNotSent(statemachine::ApiAction action, const std::string &why);

	template<class Event>
	void feed(const Event &e);
	std::int64_t now() const; // wall clock, epoch ms

	JobServices &s_;
	std::string id_;
	config::JobSpecPtr definition_; // null until the file was read
	std::unique_ptr<statemachine::JobMachine> machine_;
	std::uint64_t runSerial_ = 0; // which run machine_ drives, for queued calls
	Phase phase_ = Phase::Idle;
	JobRecordWriter writer_;

	std::optional<Repoll> repoll_;
	int failedPolls_ = 0; // in a row, for the re-poll's backoff
	DeadlineTimer timer_;
	std::optional<base::ApiError> lastError_;
	JobDrill drill_; // the run's hooks and its drill record

	statemachine::Outcome lastOutcome_ = statemachine::Outcome::None;
	std::string lastSpecHash_;
	std::int64_t lastFinishedAtMs_ = 0;
};

} // namespace restored
