// SPDX-License-Identifier: Apache-2.0
#include "daemon/Daemon.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <spdlog/spdlog.h>

#include "config/JobFileParser.h"
#include "daemon/ClientOptions.h"
#include "daemon/RunSummary.h"

namespace restored {

namespace {

std::uint64_t seed()
{
	std::random_device rd;
	return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

} // namespace

Daemon::Daemon(boost::asio::io_context &io, config::MainConfig config, dbs::Credentials credentials,
	       DaemonOptions options, os::LogTarget logTarget)
	: io_(io), clock_(io.get_executor()), config_(std::move(config)), options_(std::move(options)), random_(seed()),
	  events_(logTarget), notifier_(io.get_executor()), watchdog_(io.get_executor()),
	  signals_(io.get_executor(), {[this](int) { stop(0); }, [this]() { reload(); }}), store_(config_.stateDir),
	  flusher_(io.get_executor(), store_, events_, os::StateFlusher::Timing{}), history_(config_.stateDir),
	  limiter_(clock_, config_.api.rateLimit.requestsPerSecond, config_.api.rateLimit.burst),
	  metricsSource_(options_.version),
	  routes_(clock_, metricsSource_.observed(clientOptions(config_, std::move(credentials))), dbsClientsOn(io),
		  limiter_, std::chrono::milliseconds(200)),
	  services_{io.get_executor(),
		    routes_,
		    limiter_,
		    store_,
		    flusher_,
		    events_,
		    random_,
		    readSecretRef,
		    clock_,
		    [this](Job &job) {
			    metricsSource_.runFinished(job);
			    table_.onRunFinished(job);
		    },
		    [this]() { changed(); },
		    history_},
	  table_(services_, config_.maxRunningJobs, options_.once), control_(table_, limiter_, clock_), statusTimer_(io)
{}

Daemon::~Daemon() = default;

void Daemon::start()
{
	signals_.start();
	watchdog_.start();
	// First: a daemon already answering there (same config) stops this one
	// before it touches the state directory they would share.
	if (!options_.once)
		controlServer_ = DaemonControl::listen(io_.get_executor(), config_.controlSocket, control_);

	table_.holdAdmission(true);
	auto loaded = store_.loadAll();
	for (const auto &p : loaded.problems)
		events_.log(os::JobEventKind::StateCorrupt, {},
			    "state file " + p.path.string() + " unusable (" + p.reason + ")" +
				    (p.movedTo.empty() ? "" : "; moved aside to " + p.movedTo.string()));
	table_.restore(std::move(loaded.records));

	// The events watched fire when a file is complete (close after write,
	// rename into place), so the debounce only has to gather a burst such as
	// a `cp` of many files; 10 ms does that and keeps a reload of one
	// edited file well under the 50 ms target (bench/RESULTS.md).
	watcher_ = std::make_unique<os::DirectoryWatcher>(io_.get_executor(), config_.jobsDir,
							  std::chrono::milliseconds(10), config_.rescanInterval,
							  [this](const auto &change) { onDirectoryChange(change); });
	watcher_->start();
	table_.reconcile(config::loadJobsDir(config_.jobsDir, config_.defaults), true);

	// After the state load and the scan, so no scrape sees half a table.
	std::string metricsAt;
	if (config_.metrics.listen || !config_.metrics.textfile.empty()) {
		metricsSource_.seedFromHistory(config_.stateDir);
		metrics_ = std::make_unique<MetricsService>(
			io_, config_.metrics,
			[this](bool withProcess) {
				return metricsSource_.render(table_, limiter_.queueLength(),
							     events_.count(os::JobEventKind::StateWriteFailed),
							     withProcess);
			},
			events_);
		metricsAt = metrics_->start();
	}

	events_.log(os::JobEventKind::DaemonStarted, {},
		    "dbs-restored started: jobs " + config_.jobsDir.string() + ", state " + config_.stateDir.string() +
			    (metricsAt.empty() ? "" : ", metrics " + metricsAt));
	notifier_.ready();
	// New runs start once READY=1 is out: with thousands of job files,
	// starting every run is work for after start-up, not part of it.
	boost::asio::post(io_, [this]() { table_.holdAdmission(false); });
	publishStatus();
	changed();
}

void Daemon::onDirectoryChange(const os::DirectoryWatcher::Change &change)
{
	if (stopping_)
		return;
	if (change.fullRescan) {
		table_.reconcile(config::loadJobsDir(config_.jobsDir, config_.defaults), true);
		return;
	}
	config::JobsDirResult result;
	std::vector<std::filesystem::path> removed;
	for (const auto &name : change.names) {
		if (!config::isJobFileName(name))
			continue;
		auto path = config_.jobsDir / name;
		std::error_code ec;
		if (std::filesystem::is_regular_file(path, ec)) {
			auto parsed = config::parseJobFile(path, config_.defaults);
			result.files.push_back({path, std::move(parsed.spec), std::move(parsed.errors)});
		} else {
			removed.push_back(path);
		}
	}
	table_.reconcile(result, false, removed);
}

void Daemon::reload()
{
	if (stopping_)
		return;
	notifier_.reloading();
	auto reread = config::loadMainConfig(options_.configPath);
	if (reread.ok()) {
		// Job defaults apply on reload; the endpoint, credentials and
		// directories are read at startup only (a restart applies them).
		config_.defaults = reread.config->defaults;
	} else {
		for (const auto &e : reread.errors)
			events_.log(os::JobEventKind::JobInvalid, {}, e.format() + " (config reload ignored)");
	}
	table_.reconcile(config::loadJobsDir(config_.jobsDir, config_.defaults), true);
	events_.log(os::JobEventKind::ConfigReloaded, {}, "configuration and job files reloaded");
	notifier_.ready();
}

void Daemon::changed()
{
	if (statusArmed_ || stopping_)
		return;
	statusArmed_ = true;
	// Status is O(jobs) to compute and write: coalesce a burst of job events,
	// and space the reports by 20x what the last one cost, so they take at
	// most ~5% of the loop. At 10,000 jobs one report costs tens of ms and a
	// fixed 100 ms made it the daemon's largest CPU cost (bench/RESULTS.md).
	auto delay = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(20 * statusCost_),
				std::chrono::milliseconds(100), std::chrono::milliseconds(2000));
	statusTimer_.expires_after(delay);
	statusTimer_.async_wait([this](const boost::system::error_code &ec) {
		statusArmed_ = false;
		if (ec || stopping_)
			return;
		publishStatus();
		if (options_.once && table_.allSettled())
			stop(table_.allSucceeded() ? 0 : 1);
	});
}

void Daemon::publishStatus()
{
	auto began = std::chrono::steady_clock::now();
	struct Cost {
		std::chrono::steady_clock::time_point began;
		std::chrono::steady_clock::duration &out;
		~Cost() { out = std::chrono::steady_clock::now() - began; }
	} cost{began, statusCost_};
	auto counts = table_.counts();
	counts.apiQueued = limiter_.queueLength();
	notifier_.status(statusLine(counts));
	auto path = config_.stateDir / os::StateStore::statusFileName;
	auto tmp = config_.stateDir / ".status.json.tmp";
	{
		std::ofstream out(tmp, std::ios::trunc);
		writeStatusJson(
			out, counts, [this](const JobStatusVisitor &visit) { table_.forEachStatus(visit); },
			clock_.wallMs());
		out << '\n';
		if (!out)
			return;
	}
	std::error_code ec;
	std::filesystem::rename(tmp, path, ec);
}

void Daemon::stop(int exitCode)
{
	if (stopping_)
		return;
	stopping_ = true;
	exitCode_ = exitCode;
	controlServer_.reset();
	notifier_.stopping();
	table_.shutdown();
	flusher_.flushAll();
	if (watcher_)
		watcher_->stop();
	signals_.stop();
	watchdog_.stop();
	routes_.stop();
	limiter_.clear();
	statusTimer_.cancel();
	publishStatus();
	if (metrics_)
		metrics_->stop();
	notifier_.flushStatus();
	int unfinished = table_.counts().running;
	events_.log(os::JobEventKind::Shutdown, {},
		    unfinished == 0 ? std::string("dbs-restored stopping")
				    : "dbs-restored stopping; " + std::to_string(unfinished) +
					      " unfinished run(s) saved, they resume at the next start");
	if (options_.once)
		printSummary();
	// Persisting happened above, synchronously; the remaining async work
	// (idle keep-alive reads, timers) is abandoned with the io_context.
	boost::asio::post(io_, [this]() { io_.stop(); });
}

void Daemon::printSummary()
{
	std::fputs(formatRunSummary(table_.statuses()).c_str(), stdout);
	std::fflush(stdout);
}

} // namespace restored
