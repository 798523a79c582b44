// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <chrono>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "config/JobSpec.h"
#include "daemon/DeadlineTimer.h"
#include "daemon/JobServices.h"
#include "daemon/RequestFactory.h"
#include "daemon/StateStore.h"
#include "dbs/Outcome.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobMachine.h"

namespace restored {

// One job: the latest valid definition from its file, and at most one run
// driven by a JobMachine. The Job is the imperative shell around the pure
// machine: it turns the machine's commands into API calls, polls, timers,
// state writes and log records, and turns their results back into events.
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
	std::optional<statemachine::MachineState> machineState() const;
	const statemachine::JobRun *run() const;
	const config::JobSpec *runningSpec() const;

	// The outcome of the last finished run, when there is one.
	statemachine::Outcome lastOutcome() const { return lastOutcome_; }
	void setLastOutcome(statemachine::Outcome o, std::string specHash, std::int64_t finishedAtMs);
	const std::string &lastSpecHash() const { return lastSpecHash_; }
	std::int64_t lastFinishedAtMs() const { return lastFinishedAtMs_; }

private:
	void execute(statemachine::Commands commands);
	// How a record is written: a ClientToken, in the group commit of the
	// current burst (send() waits for it); an outcome, in a group commit
	// after the burst (StateFlusher); a progress update, at most every
	// visibleWriteInterval and without fsync.
	enum class Write { Token, Outcome, Progress };
	bool persist(Write write);
	void call(const statemachine::CallApi &call);
	// Builds the call's request (reading a password only now) and sends it.
	void send(const statemachine::CallApi &call);
	// The callback for a mutating call's reply: ApiSucceeded (filled in by
	// `fill` from the response) or ApiFailed, fed to the machine.
	template<class Response, class Fill>
	std::function<void(dbs::Outcome<Response>)> onReply(statemachine::ApiAction action, Fill fill);
	void poll(const std::string &restoreTaskId);
	void pollBackupSet(const std::string &planId, const std::string &setId);
	void arm(const statemachine::ArmTimer &t);
	void onDeadline(std::size_t slot);
	void cancelTimers();
	void log(const statemachine::Log &l);
	void finished(const statemachine::Finished &f);
	void retryPollLater(std::function<void()> again, const base::ApiError &error);

	template<class Event>
	void feed(const Event &e);

	JobServices &s_;
	std::string id_;
	config::JobSpecPtr definition_; // null until the file was read
	std::unique_ptr<statemachine::JobMachine> machine_;
	std::uint64_t runSerial_ = 0; // which run machine_ drives, for queued calls
	Phase phase_ = Phase::Idle;

	// The machine's four TimerKinds, then the re-poll after a failed poll.
	static constexpr std::size_t repollSlot = 4;
	std::function<void()> repoll_;
	DeadlineTimer timer_;
	std::optional<base::ApiError> lastError_;
	std::string lastRequestId_;

	statemachine::Outcome lastOutcome_ = statemachine::Outcome::None;
	std::string lastSpecHash_;
	std::int64_t lastFinishedAtMs_ = 0;

	// See persist(): how often a progress-only record is rewritten.
	static constexpr std::chrono::milliseconds visibleWriteInterval{std::chrono::minutes(5)};
	std::int64_t lastWriteMs_ = 0; // wall ms of this job's last record write
	std::string lastShape_;        // recordShape() of that record
	bool writeAll_ = false;        // shutting down: no write is skipped
	std::string recordShape() const;
};

} // namespace restored
