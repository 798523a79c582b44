// SPDX-License-Identifier: Apache-2.0
#include "CoreHarness.h"

#include <spdlog/sinks/ostream_sink.h>

#include "base/ReadFile.h"
#include "daemon/os/StateRecordFormat.h"

namespace restored::test {

namespace {

std::shared_ptr<spdlog::logger> loggerTo(std::ostringstream &out)
{
	auto logger = std::make_shared<spdlog::logger>("core", std::make_shared<spdlog::sinks::ostream_sink_st>(out));
	logger->set_level(spdlog::level::trace);
	logger->set_pattern("%v");
	return logger;
}

dbs::DbsClientOptions defaults()
{
	dbs::DbsClientOptions o;
	o.region = CoreHarness::defaultRegion;
	return o;
}

} // namespace

CoreHarness::CoreHarness()
	: events(os::LogTarget::Stderr, loggerTo(log)), routes(
								clock, defaults(),
								[this](dbs::DbsClientOptions o) {
									auto fake = std::make_unique<FakeDbsApi>(io);
									dbsOf[o.region] = fake.get();
									return fake;
								},
								limiter, std::chrono::milliseconds(200)),
	  services{io.get_executor(),
		   routes,
		   limiter,
		   store,
		   flusher,
		   events,
		   random,
		   [](const config::SecretRef &) { return dbs::Secret("db-password-in-test"); },
		   clock,
		   [this](Job &job) {
			   finishedRuns.push_back(job.id());
			   if (onRunFinished)
				   onRunFinished(job);
		   },
		   {},
		   history}
{}

CoreHarness::~CoreHarness()
{
	// What is still queued may hold a Job (JobTable keeps a finished one
	// alive for a turn): let it go while the clock still exists.
	routes.stop();
	limiter.clear();
	flusher.flushAll();
	clock.settle();
}

std::vector<std::string> CoreHarness::eventLines(const std::string &kind) const
{
	std::vector<std::string> out;
	std::istringstream in(log.str());
	for (std::string line; std::getline(in, line);)
		if (line.rfind("event=" + kind + " ", 0) == 0 || line.rfind("event=" + kind + ":", 0) == 0)
			out.push_back(line);
	return out;
}

std::optional<JobRecord> CoreHarness::recordOnDisk(const std::string &jobId) const
{
	auto text = base::readFile(dir.path() / os::StateStore::fileNameFor(jobId));
	if (!std::holds_alternative<std::string>(text))
		return std::nullopt;
	auto parsed = os::parseStateRecord(std::get<std::string>(text), os::StateStore::fileNameFor(jobId));
	auto *record = std::get_if<os::StateStore::Record>(&parsed);
	if (!record)
		return std::nullopt;
	auto job = parseJobRecord(record->payload);
	if (auto *r = std::get_if<JobRecord>(&job))
		return std::move(*r);
	return std::nullopt;
}

} // namespace restored::test
