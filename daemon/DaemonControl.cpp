// SPDX-License-Identifier: Apache-2.0
#include "daemon/DaemonControl.h"

#include <spdlog/spdlog.h>
#include <sstream>

#include "daemon/ApiRateLimiter.h"
#include "daemon/JobTable.h"
#include "daemon/os/Clock.h"
#include "daemon/os/ControlServer.h"
#include "statemachine/JobMachine.h"

namespace restored {

namespace {

std::string jobName(const std::string &jobId)
{
	return "job '" + jobId + "'"; // a valid job id: nothing to escape
}

os::ControlAnswer unknownJob(const std::string &jobId)
{
	return os::ControlAnswer::failure(os::ControlError::UnknownJob,
					  "no " + jobName(jobId) + " (no valid job file declares it)");
}

} // namespace

DaemonControl::DaemonControl(JobTable &table, const ApiRateLimiter &limiter, const os::Clock &clock)
	: table_(table), limiter_(limiter), clock_(clock)
{}

os::ControlAnswer DaemonControl::runNow(const std::string &jobId, const os::ControlPeer &peer)
{
	auto job = table_.find(jobId);
	if (!job || !job->definition())
		return unknownJob(jobId);
	if (job->isRunning()) {
		std::string state = job->machineState() ? std::string(statemachine::toString(*job->machineState()))
							: "";
		return os::ControlAnswer::failure(os::ControlError::AlreadyRunning,
						  jobName(jobId) + " is already running (run " + job->run()->runId +
							  ", state " + state + "); cancel it first or let it finish");
	}
	if (job->phase() == Job::Phase::Queued)
		return os::ControlAnswer::failure(os::ControlError::AlreadyQueued,
						  jobName(jobId) +
							  " is already queued: it starts when a run slot frees up");
	spdlog::info("control socket: run-now {} requested by uid {} (pid {})", jobId, peer.uid, peer.pid);
	table_.runNow(*job);
	if (job->isRunning())
		return os::ControlAnswer::success(jobName(jobId) + " started: run " + job->run()->runId);
	return os::ControlAnswer::success(
		jobName(jobId) + " queued: every run slot (max_running_jobs) is taken; it starts when one frees up");
}

os::ControlAnswer DaemonControl::cancel(const std::string &jobId, const os::ControlPeer &peer)
{
	auto job = table_.find(jobId);
	if (!job)
		return unknownJob(jobId);
	if (!job->isRunning())
		return os::ControlAnswer::failure(
			os::ControlError::NotRunning,
			jobName(jobId) + " has no active run to cancel" +
				(job->phase() == Job::Phase::Queued ? " (it is queued, not started)" : ""));
	std::string runId = job->run()->runId;
	job->cancel("cancelled over the control socket by uid " + std::to_string(peer.uid));
	// The machine ends a cancelled run at once, DBS's restore task aside:
	// DBS cannot stop one, so it runs on there (restore_keeps_running).
	return os::ControlAnswer::success(jobName(jobId) + " run " + runId + " cancelled" +
					  (job->isRunning() ? " (ending)" : ""));
}

os::ControlAnswer DaemonControl::status(const std::string &jobId)
{
	if (!jobId.empty() && !table_.find(jobId))
		return unknownJob(jobId);
	auto counts = table_.counts();
	counts.apiQueued = limiter_.queueLength();
	// Written into room for the last report's size: growing a 3.5 MB
	// buffer by doubling cost a fifth of the answer (bench-control-socket).
	std::string room;
	room.reserve(jobId.empty() ? lastStatusBytes_ + lastStatusBytes_ / 8 : 0);
	std::ostringstream out(std::move(room));
	writeStatusJson(
		out, counts, [&](const JobStatusVisitor &visit) { table_.forEachStatus(visit, jobId); },
		clock_.wallMs());
	os::ControlAnswer answer = os::ControlAnswer::success({});
	answer.status = std::move(out).str();
	if (jobId.empty())
		lastStatusBytes_ = answer.status.size();
	return answer;
}

std::unique_ptr<os::ControlServer> DaemonControl::listen(boost::asio::any_io_executor executor,
							 const std::filesystem::path &path, os::ControlHandler &handler)
{
	auto server = std::make_unique<os::ControlServer>(std::move(executor), path, handler);
	try {
		server->open();
	} catch (const os::ControlServer::OpenError &e) {
		if (e.failure == os::ControlServer::OpenFailure::InUse)
			throw std::runtime_error(std::string(e.what()) +
						 ": another dbs-restored runs with this control_socket");
		spdlog::warn("control socket off: {} (--run-now and --cancel cannot reach this daemon; "
			     "--status reads status.json)",
			     e.what());
		return nullptr;
	}
	spdlog::info("control socket: listening on {}", path.string());
	return server;
}

} // namespace restored
