// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <memory>

#include "config/MainConfig.h"
#include "daemon/ApiRateLimiter.h"
#include "daemon/DaemonControl.h"
#include "daemon/JobServices.h"
#include "daemon/JobTable.h"
#include "daemon/MetricsService.h"
#include "daemon/MetricsSource.h"
#include "daemon/RegionRoutes.h"
#include "daemon/os/AsioClock.h"
#include "daemon/os/ControlServer.h"
#include "daemon/os/DirectoryWatcher.h"
#include "daemon/os/JobEventLog.h"
#include "daemon/os/Signals.h"
#include "daemon/os/StateFlusher.h"
#include "daemon/os/StateStore.h"
#include "daemon/os/SystemdNotifier.h"
#include "daemon/os/Watchdog.h"
#include "dbs/Credentials.h"
#include "dbs/DbsClient.h"
#include "history/HistoryStore.h"
#include "statemachine/SeededRandom.h"

namespace restored {

struct DaemonOptions {
	std::filesystem::path configPath;
	bool once = false;   // run every job to its end, then exit
	std::string version; // for dbs_restored_build_info
};

// The process: one io_context that drives the jobs, the API client, the
// jobs-directory watcher, signals, sd_notify, the watchdog and the metrics. start()
// loads the state directory, resumes unfinished runs, scans the jobs
// directory and only then reports READY=1.
//
// Owned by main(); every method runs on the io_context's single thread.
class Daemon
{
public:
	Daemon(boost::asio::io_context &io, config::MainConfig config, dbs::Credentials credentials,
	       DaemonOptions options, os::LogTarget logTarget);
	~Daemon();

	// Throws on startup errors (the jobs directory cannot be watched).
	void start();

	// 0 after a clean stop; in --once mode 0 only if every job succeeded.
	int exitCode() const { return exitCode_; }

private:
	void onDirectoryChange(const os::DirectoryWatcher::Change &change);
	void reload();
	void stop(int exitCode);
	void changed();
	void publishStatus();
	void printSummary();

	boost::asio::io_context &io_;
	os::AsioClock clock_; // before everything that takes alarms from it
	config::MainConfig config_;
	DaemonOptions options_;
	int exitCode_ = 0;
	bool stopping_ = false;

	statemachine::SeededRandom random_;
	os::JobEventLog events_;
	os::SystemdNotifier notifier_;
	os::Watchdog watchdog_;
	os::Signals signals_;
	os::StateStore store_;
	os::StateFlusher flusher_;
	history::HistoryStore history_;
	ApiRateLimiter limiter_;
	MetricsSource metricsSource_; // before routes_: its clients report to it
	RegionRoutes routes_;
	JobServices services_;
	JobTable table_;
	DaemonControl control_;
	std::unique_ptr<os::ControlServer> controlServer_; // null with --once, or when it could not be made
	std::unique_ptr<os::DirectoryWatcher> watcher_;
	std::unique_ptr<MetricsService> metrics_; // when metrics.listen or metrics.textfile is set
	boost::asio::steady_timer statusTimer_;
	bool statusArmed_ = false;
	std::chrono::steady_clock::duration statusCost_{}; // of the last publishStatus()
};

} // namespace restored
