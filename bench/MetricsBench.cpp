// SPDX-License-Identifier: Apache-2.0
// One scrape of /metrics at 10,000 jobs (issue 12 wants it under 50 ms, so a
// scrape never holds up the daemon's event loop): the daemon's own
// MetricsSource::render over a real JobTable of 10,000 jobs, the
// exposition alone, and a whole GET /metrics over loopback through the
// MetricsEndpoint. Built with the other micro-benchmarks (bench/README.md);
// results in bench/RESULTS.md.

#include <benchmark/benchmark.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <filesystem>
#include <future>
#include <spdlog/sinks/null_sink.h>
#include <thread>

#include "config/JobSpecJson.h"
#include "daemon/ApiRateLimiter.h"
#include "daemon/ClientOptions.h"
#include "daemon/JobTable.h"
#include "daemon/MetricsSource.h"
#include "daemon/RegionRoutes.h"
#include "daemon/os/AsioClock.h"
#include "daemon/os/JobEventLog.h"
#include "daemon/os/StateFlusher.h"
#include "daemon/os/StateStore.h"
#include "history/HistoryStore.h"
#include "metrics/Exposition.h"
#include "metrics/MetricsEndpoint.h"
#include "statemachine/JobRunJson.h"
#include "statemachine/SeededRandom.h"
#include "tests/support/LoopbackHttp.h"

namespace os = restored::os;

namespace {

using namespace restored;
namespace fs = std::filesystem;

constexpr int jobCount = 10000;
constexpr std::int64_t finishedAtMs = 1767225600000;
const char *const schedules[] = {"0 3 * * *", "30 2 * * 1-5", "0 */6 * * *", "15 4 1 * *"};

// A daemon's job table with 10,000 jobs, as after a restart: every job has
// a definition (half of them scheduled) and a finished last run (7 in 10
// succeeded, 2 failed, 1 cancelled), and the tally has counted each run.
// Admission is held, so nothing runs and no call leaves.
struct Daemon {
	Daemon()
		: dir(fs::temp_directory_path() / ("bench-metrics-" + std::to_string(::getpid()))),
		  events(os::LogTarget::Stderr,
			 std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>())),
		  store((fs::create_directories(dir), dir)),
		  flusher(io.get_executor(), store, events, os::StateFlusher::Timing{}),
		  clock(io.get_executor(), [] { return finishedAtMs + 3600000; }), limiter(clock, 5, 10),
		  routes(clock, source.observed(clientOptions(config::MainConfig{}, {})), dbsClientsOn(io), limiter,
			 std::chrono::milliseconds(200)),
		  services{io.get_executor(), routes, limiter,      store, flusher, events, random,
			   readSecretRef,     clock,  [](Job &) {}, [] {}, history},
		  table(services, 100, false)
	{
		table.holdAdmission(true);
		std::vector<os::StateStore::Record> records;
		config::JobsDirResult files;
		for (int i = 0; i < jobCount; ++i) {
			char id[32];
			std::snprintf(id, sizeof id, "bench-drill-%05d", i);
			config::JobSpec spec;
			spec.id = id;
			spec.sourceFile = "/etc/dbs-restored/jobs.d/" + spec.id + ".yaml";
			spec.specHash = "h" + std::to_string(i);
			spec.steps.push_back(
				{config::RestoreStep{config::ExistingRestore{"rtbench" + std::to_string(i)}}});
			if (i % 2 == 0)
				spec.schedule = schedules[(i / 2) % 4];
			statemachine::JobRun run;
			run.jobId = spec.id;
			run.runId = "run" + std::to_string(i);
			run.specHash = spec.specHash;
			run.steps.resize(1);
			run.outcome = i % 10 < 7   ? statemachine::Outcome::Succeeded
				      : i % 10 < 9 ? statemachine::Outcome::Failed
						   : statemachine::Outcome::Cancelled;
			run.finishedAtMs = finishedAtMs + i;
			records.push_back({spec.id, boost::json::object{{"spec", config::toJson(spec)},
									{"run", statemachine::toJson(run)}}});
			files.files.push_back({spec.sourceFile, spec, {}});
		}
		table.restore(std::move(records));
		table.reconcile(files, true);
		table.forEachJob([this](const Job &job) { source.runFinished(job); });
	}
	~Daemon() { fs::remove_all(dir); }

	std::string render() { return source.render(table, limiter.queueLength(), 0, true); }

	fs::path dir;
	boost::asio::io_context io;
	os::JobEventLog events;
	os::StateStore store;
	os::StateFlusher flusher;
	history::HistoryStore history{dir};
	os::AsioClock clock;
	ApiRateLimiter limiter;
	statemachine::SeededRandom random{1};
	MetricsSource source{"0.1.0"};
	RegionRoutes routes;
	JobServices services;
	JobTable table;
};

Daemon &daemon()
{
	static Daemon d;
	return d;
}

// Everything a scrape computes on the event loop: a snapshot of every job,
// /proc, and the text.
void BM_RenderScrape(benchmark::State &state)
{
	auto &d = daemon();
	std::size_t bytes = 0;
	for (auto _ : state) {
		auto text = d.render();
		bytes = text.size();
		benchmark::DoNotOptimize(text);
	}
	state.counters["jobs"] = jobCount;
	state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderScrape)->Unit(benchmark::kMillisecond);

// The text alone, from snapshots made once.
void BM_Exposition(benchmark::State &state)
{
	std::vector<metrics::JobSnapshot> jobs(jobCount);
	for (int i = 0; i < jobCount; ++i) {
		jobs[i].id = "bench-drill-" + std::to_string(10000 + i);
		jobs[i].phase = metrics::JobPhase::Finished;
		jobs[i].lastOutcome = metrics::DrillOutcome::Succeeded;
		jobs[i].lastRunMs = jobs[i].lastSuccessMs = finishedAtMs + i;
		jobs[i].runs[0] = 3;
		if (i % 2 == 0) {
			jobs[i].nextRunMs = finishedAtMs + 86400000;
			jobs[i].scheduleIntervalMs = 86400000;
		}
	}
	metrics::ApiCounters api;
	metrics::MetricsInput in;
	in.version = "0.1.0";
	in.jobs = jobs;
	in.api = &api;
	for (auto _ : state)
		benchmark::DoNotOptimize(metrics::exposition(in));
}
BENCHMARK(BM_Exposition)->Unit(benchmark::kMillisecond);

// A whole GET /metrics over loopback: the render on the endpoint's loop
// thread, the write, and this client reading every byte.
void BM_ScrapeOverLoopback(benchmark::State &state)
{
	auto &d = daemon();
	boost::asio::io_context io;
	auto guard = boost::asio::make_work_guard(io);
	metrics::MetricsEndpoint endpoint(io, "127.0.0.1", 0, [&d] { return d.render(); });
	endpoint.start();
	std::thread loop([&io] { io.run(); });
	for (auto _ : state) {
		auto reply = testsupport::loopbackGet(endpoint.port(), "/metrics");
		if (reply.status != 200)
			state.SkipWithError("scrape failed");
		benchmark::DoNotOptimize(reply);
	}
	std::promise<void> stopped;
	boost::asio::post(io, [&] {
		endpoint.stop();
		stopped.set_value();
	});
	stopped.get_future().wait();
	guard.reset();
	io.stop();
	loop.join();
}
BENCHMARK(BM_ScrapeOverLoopback)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
