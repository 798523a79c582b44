// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "daemon/os/ControlHandler.h"

namespace restored {

class ApiRateLimiter;
namespace os {
class Clock;
class ControlServer;
} // namespace os
class JobTable;

// The daemon's answers on the control socket, from the job table:
// - run-now starts a run whatever the schedule (or queues it when every
//   slot is taken); refused for a job that is running or queued;
// - cancel ends the active run as removing the job file would, except
//   that the file and the job stay (the run is recorded as cancelled);
// - status is the status report (status.json's content), live, for every
//   job or one.
//
// Owned by the Daemon, next to the table it reads; called by the
// ControlServer on the daemon's io_context thread.
class DaemonControl : public os::ControlHandler
{
public:
	DaemonControl(JobTable &table, const ApiRateLimiter &limiter, const os::Clock &clock);

	os::ControlAnswer runNow(const std::string &jobId, const os::ControlPeer &peer) override;
	os::ControlAnswer cancel(const std::string &jobId, const os::ControlPeer &peer) override;
	os::ControlAnswer status(const std::string &jobId) override;

	// The server on `path`, listening; null when the socket cannot be made
	// (logged: the daemon runs on without it, and --status reads
	// status.json). Throws when another daemon answers on `path`: two
	// daemons configured alike would share their state too.
	static std::unique_ptr<os::ControlServer>
	listen(boost::asio::any_io_executor executor, const std::filesystem::path &path, os::ControlHandler &handler);

private:
	JobTable &table_;
	const ApiRateLimiter &limiter_;
	const os::Clock &clock_;
	std::size_t lastStatusBytes_ = 0; // of the last status of every job
};

} // namespace restored
