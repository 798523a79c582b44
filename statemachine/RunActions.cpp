// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RunActions.h"

#include <cassert>

#include "statemachine/CallActions.h"
#include "statemachine/DrillActions.h"
#include "statemachine/RunContext.h"

namespace statemachine {

namespace {

std::string stepOf(const JobRun &run)
{
	return std::to_string(run.stepIndex + 1) + "/" + std::to_string(run.steps.size());
}

} // namespace

void beginRun(RunContext &c, const Begin &e)
{
	const JobRun &run = c.run();
	if (e.resumed)
		c.log(LogKind::RunResumed, Severity::Notice,
		      "resuming run in step " + stepOf(run) + " (" + std::string(toString(c.step().phase)) + ")");
	else
		c.log(LogKind::RunStarted, Severity::Info,
		      "run started with " + std::to_string(run.steps.size()) + " steps");
	c.emit(ArmTimer{TimerKind::Deadline, run.deadlineAtMs});
	if (e.resumed && c.step().phase == StepPhase::Polling && !run.paused)
		c.emit(ArmTimer{TimerKind::Stall, run.lastProgressChangeMs + c.spec().stallTimeout.count()});
}

void failUnusable(RunContext &c, const Begin &e)
{
	const JobRun &run = c.run();
	const config::JobSpec &spec = c.spec();
	std::string why = "the run record cannot be resumed";
	if (run.specHash != spec.specHash)
		why = "the job file changed while the run was interrupted (spec " + run.specHash + " -> " +
		      spec.specHash + "); start a new run";
	else if (run.steps.size() != spec.steps.size() || run.steps.empty())
		why = "the run record does not match the job's steps";
	c.warnIfRestoreKeepsRunning();
	c.finish(Outcome::Failed, why, e.nowMs, LogKind::Failed);
}

void nextStep(RunContext &c)
{
	JobRun &run = c.run();
	c.step().phase = StepPhase::Done;
	c.log(LogKind::StepSucceeded, Severity::Info, "step " + stepOf(run) + " succeeded");
	++run.stepIndex;
	assert(run.stepIndex < static_cast<int>(run.steps.size()));
	run.unknownStatusLogged = false; // once per task: the next step watches another
	c.step().phase = RunContext::firstPhase(c.specStep());
	issueCall(c);
}

void succeed(RunContext &c, std::int64_t nowMs)
{
	completeSteps(c);
	c.finish(Outcome::Succeeded, c.allStepsSucceeded(), nowMs, LogKind::Succeeded);
}

void failGone(RunContext &c, const TaskGone &e)
{
	JobRun &run = c.run();
	run.errCode = "Local.TaskGone";
	run.errMessage = e.reason;
	c.step().phase = StepPhase::Failed;
	c.finish(Outcome::Failed,
		 "restore task " + c.step().restoreTaskId + " can no longer be followed on DBS: " + e.reason, e.nowMs,
		 LogKind::Failed);
}

void cancelRun(RunContext &c, const CancelRequested &e)
{
	c.warnIfRestoreKeepsRunning();
	c.finish(Outcome::Cancelled, "cancelled: " + e.reason, e.nowMs, LogKind::Cancelled);
}

void expire(RunContext &c, const TimerFired &e)
{
	c.warnIfRestoreKeepsRunning();
	c.finish(Outcome::Failed, c.limitReason(e.kind, e.nowMs), e.nowMs,
		 e.kind == TimerKind::Deadline ? LogKind::DeadlineExceeded : LogKind::Stalled);
}

void saveForShutdown(RunContext &c, const ShutdownRequested &)
{
	c.emit(Persist{});
	c.log(LogKind::ShutdownSaved, Severity::Info, "run saved; it resumes when the daemon starts again");
}

void noteFileChanged(RunContext &c, const FileChanged &e)
{
	c.log(LogKind::SpecChanged, Severity::Notice,
	      "the job file changed (spec " + e.newSpecHash +
		      "); this run keeps the spec it started with, "
		      "the change applies to the next run");
}

} // namespace statemachine
