// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobDrill.h"

#include <cassert>
#include <chrono>

#include "config/Duration.h"
#include "daemon/BackupSetPoller.h"
#include "daemon/DrillHookContext.h"
#include "daemon/JobServices.h"
#include "daemon/RegionRoutes.h"
#include "daemon/os/Clock.h"
#include "daemon/os/HookRunner.h"
#include "daemon/os/JobEventLog.h"
#include "history/HistoryStore.h"
#include "history/RunRecord.h"

namespace restored {

namespace {

// How a hook's end reads in the record and the journal: "exit 3",
// "timed out after 10m", "could not start: ...", "killed by signal 9".
std::string describe(const os::HookResult &r, std::chrono::milliseconds timeout)
{
	switch (r.kind) {
	case os::HookResult::Kind::Exited: return "exit " + std::to_string(r.code);
	case os::HookResult::Kind::CouldNotStart: return "could not start: " + r.error;
	case os::HookResult::Kind::TimedOut: return "timed out after " + config::formatDuration(timeout);
	case os::HookResult::Kind::Killed: return "killed by signal " + std::to_string(r.code);
	}
	return "ended";
}

} // namespace

using namespace statemachine;

JobDrill::JobDrill(JobServices &services, const std::string &jobId, HookEnded onHookEnded, SetDescribed onSetDescribed)
	: s_(services), jobId_(jobId), onHookEnded_(std::move(onHookEnded)), onSetDescribed_(std::move(onSetDescribed))
{}

JobDrill::~JobDrill() = default;

bool JobDrill::handles(const Command &command)
{
	return std::holds_alternative<RunHook>(command) || std::holds_alternative<AppendHistory>(command) ||
	       std::holds_alternative<LookUpBackupSet>(command);
}

void JobDrill::execute(const Command &command, const config::JobSpec &spec, const JobRun &run)
{
	if (const auto *hook = std::get_if<RunHook>(&command))
		runHook(hook->kind, spec, run);
	else if (std::holds_alternative<AppendHistory>(command))
		record(spec, run);
	else if (const auto *want = std::get_if<LookUpBackupSet>(&command))
		lookUp(*want, spec);
}

void JobDrill::stopHook() { runner_.reset(); }

void JobDrill::runHook(HookKind kind, const config::JobSpec &spec, const JobRun &run)
{
	const bool verify = kind == HookKind::Verify;
	assert(verify ? spec.verify.has_value() : spec.notify.has_value());
	os::HookRequest request;
	request.argv = verify ? spec.verify->command : spec.notify->command;
	request.timeout = verify ? spec.verify->timeout : spec.notify->timeout;
	request.environment = os::hookEnvironment(drillHookContext(kind, spec, run));
	os::JobEventFields fields{.jobId = jobId_, .runId = run.runId, .hook = std::string(toString(kind))};
	s_.events.log(os::JobEventKind::HookStarted, fields,
		      "running " + request.argv.front() + " (timeout " + config::formatDuration(request.timeout) + ")");
	// Replacing the runner kills a hook that still runs: one at a time.
	runner_ = std::make_unique<os::HookRunner>(s_.executor);
	auto onLine = [this, fields](const os::HookOutput::Line &line) {
		const bool stderrLine = line.stream == os::HookStream::Stderr;
		s_.events.log(os::JobEventKind::HookOutput, fields, line.truncated ? line.text + " [cut]" : line.text,
			      stderrLine ? std::optional(4) : std::nullopt);
	};
	auto onDone = [this, fields, kind, timeout = request.timeout](const os::HookResult &r) {
		if (r.droppedOutputBytes > 0)
			s_.events.log(os::JobEventKind::HookOutput, fields,
				      std::to_string(r.droppedOutputBytes) +
					      " bytes of its output were over the bounds and dropped");
		HookFinished e{s_.clock.wallMs(), kind, r.kind == os::HookResult::Kind::Exited, r.code,
			       describe(r, timeout)};
		// May start the next hook, replacing the runner that calls this.
		onHookEnded_(e);
	};
	runner_->start(std::move(request), std::move(onLine), std::move(onDone));
}

void JobDrill::lookUp(const LookUpBackupSet &want, const config::JobSpec &spec)
{
	// The answer may come after this object is gone (the job removed):
	// the poller outlives jobs, so the callback must not touch a dead one.
	auto alive = std::weak_ptr<bool>(alive_);
	s_.routes.backupSets(spec.region)
		.want(want.backupPlanId, want.backupSetId,
		      [this, alive, want](const dbs::Outcome<dbs::FullBackupFile> &o) {
			      if (alive.expired())
				      return;
			      BackupSetDescribed e{s_.clock.wallMs(), want.backupSetId, 0, {}};
			      if (o)
				      e.endTimeMs = o.value().endTime;
			      else
				      e.error = o.error().code + ": " + o.error().message;
			      onSetDescribed_(e);
		      });
}

void JobDrill::record(const config::JobSpec &spec, const JobRun &run)
{
	auto result = s_.history.append(history::drillRecordOf(spec, run), s_.clock.wallMs());
	os::JobEventFields fields{.jobId = jobId_, .runId = run.runId};
	for (const auto &problem : result.repaired)
		s_.events.log(os::JobEventKind::StateCorrupt, fields, "drill history: " + problem + "; compacted away");
	if (result.error)
		s_.events.log(os::JobEventKind::HistoryWriteFailed, fields,
			      "the run could not be added to the drill history: " + *result.error);
}

} // namespace restored
