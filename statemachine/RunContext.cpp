// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RunContext.h"

#include <cassert>

#include "statemachine/ClientToken.h"
#include "statemachine/DrillFacts.h"
#include "statemachine/RestoreStatus.h"

namespace statemachine {

std::string describe(const base::ApiError &e)
{
	std::string s = e.code + ": " + e.message;
	if (!e.requestId.empty())
		s += " (RequestId " + e.requestId + ")";
	return s;
}

std::string ms(std::int64_t v) { return std::to_string(v) + " ms"; }

RunContext::RunContext(config::JobSpecPtr spec, JobRun run, RandomSource &random)
	: spec_(std::move(spec)), run_(std::move(run)), backoff_(spec_->retry), random_(random)
{
	assert(spec_);
}

StepPhase RunContext::firstPhase(const config::Step &s)
{
	if (const auto *r = std::get_if<config::RestoreStep>(&s.what))
		if (std::holds_alternative<config::CreateRestore>(r->how))
			return StepPhase::Creating;
	return StepPhase::Starting;
}

JobRun RunContext::freshRun(const config::JobSpec &spec, std::string runId, std::int64_t nowMs)
{
	JobRun run;
	run.jobId = spec.id;
	run.runId = std::move(runId);
	run.specHash = spec.specHash;
	run.startedAtMs = nowMs;
	run.deadlineAtMs = nowMs + spec.deadline.count();
	run.lastProgressChangeMs = nowMs;
	for (std::size_t i = 0; i < spec.steps.size(); ++i) {
		const int idx = static_cast<int>(i);
		StepRun s;
		if (const auto *b = std::get_if<config::BackupStep>(&spec.steps[i].what)) {
			s.startToken = clientToken(spec.id, run.runId, idx, ApiAction::StartBackupPlan);
			s.backupPlanId = b->backupPlanId;
		} else {
			const auto &r = std::get<config::RestoreStep>(spec.steps[i].what);
			s.startToken = clientToken(spec.id, run.runId, idx, ApiAction::StartRestoreTask);
			if (const auto *x = std::get_if<config::ExistingRestore>(&r.how))
				s.restoreTaskId = x->restoreTaskId;
			else
				s.createToken = clientToken(spec.id, run.runId, idx, ApiAction::CreateRestoreTask);
		}
		run.steps.push_back(std::move(s));
	}
	if (!run.steps.empty())
		run.steps[0].phase = firstPhase(spec.steps[0]);
	return run;
}

bool RunContext::isBackupStep() const { return std::holds_alternative<config::BackupStep>(specStep().what); }

bool RunContext::waitsForBackupSet() const { return std::get<config::BackupStep>(specStep().what).waitForBackupSet; }

std::string RunContext::allStepsSucceeded() const
{
	return "all " + std::to_string(run_.steps.size()) + " steps succeeded";
}

const config::CreateRestore *RunContext::createOf() const
{
	const auto *r = std::get_if<config::RestoreStep>(&specStep().what);
	return r ? std::get_if<config::CreateRestore>(&r->how) : nullptr;
}

std::string RunContext::taskName() const
{
	const auto *c = createOf();
	return c ? runTaskName(c->restoreTaskName, run_.runId, run_.stepIndex) : std::string();
}

std::chrono::milliseconds RunContext::retryDelay(int retry, const base::ApiError &error)
{
	return backoff_.delay(retry, error, random_);
}

void RunContext::log(LogKind kind, Severity severity, std::string message)
{
	Log l{kind, severity, std::move(message), {{"JOB_ID", run_.jobId}, {"RUN_ID", run_.runId}}};
	if (!run_.steps.empty()) {
		l.fields.emplace_back("STEP", std::to_string(run_.stepIndex));
		const StepRun &s = run_.steps[static_cast<std::size_t>(run_.stepIndex)];
		if (!s.restoreTaskId.empty())
			l.fields.emplace_back("RESTORE_TASK_ID", s.restoreTaskId);
	}
	emit(std::move(l));
}

Commands RunContext::takeCommands()
{
	Commands c;
	c.swap(out_);
	return c;
}

void RunContext::finish(Outcome outcome, std::string reason, std::int64_t nowMs, LogKind kind)
{
	run_.outcome = outcome;
	run_.reason = std::move(reason);
	run_.finishedAtMs = nowMs;
	if (run_.drillPhase == DrillPhase::Verifying && run_.verification == Verification::None) {
		// Cancelled or past its deadline while the hook ran: the Job stops
		// it, and a verification that did not finish never passes.
		run_.verification = Verification::CouldNotVerify;
		run_.verificationDetail = "stopped: the run ended first";
	}
	log(kind, outcome == Outcome::Failed ? Severity::Error : Severity::Notice, run_.reason);
	if (!notifies(*spec_, run_))
		return record();
	run_.drillPhase = DrillPhase::Notifying;
	emit(Persist{});
	emit(RunHook{HookKind::Notify});
}

void RunContext::record()
{
	run_.drillPhase = DrillPhase::Done;
	// Before the state record that says it happened: a crash in between
	// appends again, and the history keeps one record per run.
	emit(AppendHistory{});
	emit(Persist{});
	emit(Finished{run_.outcome, run_.reason});
}

void RunContext::warnIfRestoreKeepsRunning()
{
	if (run_.steps.empty() || run_.stepIndex >= static_cast<int>(run_.steps.size()) ||
	    run_.stepIndex >= static_cast<int>(spec_->steps.size()))
		return;
	const StepRun &s = step();
	// A task that already failed, or finished, keeps nothing running.
	if (s.phase == StepPhase::Done || classifyRestoreStatus(run_.lastStatus) == RestoreVerdict::Failed)
		return;
	if (isBackupStep()) {
		if (s.startSent)
			log(LogKind::RestoreKeepsRunning, Severity::Warning,
			    "the full backup started on plan " + s.backupPlanId + " keeps running on DBS");
	} else if (s.startSent) {
		log(LogKind::RestoreKeepsRunning, Severity::Warning,
		    "restore task " + s.restoreTaskId +
			    " keeps running on DBS: DBS has no call to stop a restore task; stop it in the DBS console "
			    "if it must not finish");
	}
}

std::string RunContext::limitReason(TimerKind kind, std::int64_t nowMs) const
{
	if (kind == TimerKind::Deadline)
		return "deadline exceeded: " + ms(spec_->deadline.count()) + " since the run started";
	return "stalled: no progress for " + ms(nowMs - run_.lastProgressChangeMs) + " (last status '" +
	       run_.lastStatus + "')";
}

} // namespace statemachine
