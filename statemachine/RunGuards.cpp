// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RunGuards.h"

#include <algorithm>
#include <cassert>

#include "statemachine/DrillFacts.h"
#include "statemachine/RunContext.h"

namespace statemachine {

namespace {

// DescribeJobErrorCode lookups before a failure is reported without DBS's reason.
constexpr int maxLookupAttempts = 5;

bool limitReached(const RunContext &c, const TimerFired &e)
{
	const JobRun &run = c.run();
	if (e.kind == TimerKind::Deadline)
		return e.nowMs >= run.deadlineAtMs;
	if (e.kind == TimerKind::Stall)
		return !run.steps.empty() && c.step().phase == StepPhase::Polling && !run.paused &&
		       e.nowMs - run.lastProgressChangeMs >= c.spec().stallTimeout.count();
	return false;
}

} // namespace

ResumeAt resumeAt(const RunContext &c)
{
	const JobRun &run = c.run();
	const config::JobSpec &spec = c.spec();
	if (run.steps.empty() || run.steps.size() != spec.steps.size() || run.jobId != spec.id ||
	    run.specHash != spec.specHash || run.stepIndex < 0 || run.stepIndex >= static_cast<int>(run.steps.size()))
		return ResumeAt::Unusable;
	if (run.outcome != Outcome::None)
		return run.drillPhase == DrillPhase::Notifying && spec.notify ? ResumeAt::WrapUp : ResumeAt::Unusable;
	if (run.drillPhase == DrillPhase::Verifying)
		return spec.verify ? ResumeAt::Verify : ResumeAt::Unusable;
	switch (c.step().phase) {
	case StepPhase::Creating:
	case StepPhase::Starting: return ResumeAt::Call;
	case StepPhase::Polling: return ResumeAt::Poll;
	default: return ResumeAt::Unusable;
	}
}

AfterCall afterCall(const RunContext &c, const ApiSucceeded &e)
{
	if (e.action != currentAction(c))
		return AfterCall::NotInFlight;
	if (!missingId(c, e).empty())
		return AfterCall::MissingId;
	switch (e.action) {
	case ApiAction::CreateRestoreTask: return AfterCall::NextCall;
	case ApiAction::FindRestoreTask: return AfterCall::NextCall;
	case ApiAction::ListBackupSets: return AfterCall::NextCall;
	case ApiAction::StartRestoreTask: return AfterCall::Poll;
	case ApiAction::FindBackupSet:
		if (newBackupSet(c, e).empty())
			return AfterCall::NextCall;
		[[fallthrough]]; // a set was found: as if StartBackupPlan had answered
	case ApiAction::StartBackupPlan:
		if (c.waitsForBackupSet())
			return AfterCall::Poll;
		if (!c.lastStep())
			return AfterCall::NextCall;
		return c.spec().verify ? AfterCall::Verify : AfterCall::RunDone;
	case ApiAction::DescribeJobErrorCode: break;
	}
	assert(!"DescribeJobErrorCode is never the call in flight");
	return AfterCall::NotInFlight;
}

std::string_view missingId(const RunContext &c, const ApiSucceeded &e)
{
	if (e.action == ApiAction::CreateRestoreTask && e.restoreTaskId.empty())
		return "RestoreTaskId";
	if (e.action == ApiAction::StartBackupPlan && e.createdFullBackupSetId.empty() && c.isBackupStep() &&
	    c.waitsForBackupSet())
		return "CreatedFullBackupsetId";
	return {};
}

AfterFailure afterFailure(const RunContext &c, const ApiFailed &e)
{
	if (e.action != currentAction(c))
		return AfterFailure::NotInFlight;
	// DBS refused a re-sent StartRestoreTask. Whether the earlier send
	// started the task (its reply lost, its token since expired) is not
	// something any documented error code says: the poll that follows does
	// (docs/state-machine.md, "Evidence rules"). A first send that is
	// refused was not ours to adopt: someone else's run, or a finished task.
	if (e.action == ApiAction::StartRestoreTask && c.memory().callIsResend && !e.error.retryable())
		return AfterFailure::Observe;
	if (e.error.retryable() && c.step().failedAttempts + 1 < c.spec().retry.maxAttempts)
		return AfterFailure::Retry;
	return AfterFailure::Fail;
}

AfterPoll afterPoll(const RunContext &c, const PollOutcome &e)
{
	const bool watched = e.subject == PollSubject::BackupSet
				     ? c.isBackupStep() && e.id == c.step().createdFullBackupSetId
				     : !c.isBackupStep() && e.id == c.step().restoreTaskId;
	if (!watched)
		return AfterPoll::NotWatched;
	switch (pollVerdict(e)) {
	case RestoreVerdict::Failed: return AfterPoll::AskDetail;
	case RestoreVerdict::Succeeded:
		if (!c.lastStep())
			return AfterPoll::NextStep;
		return c.spec().verify ? AfterPoll::Verify : AfterPoll::RunDone;
	default: break;
	}
	const StepRun &s = c.step();
	if (c.isBackupStep() || !isNotStarted(e.status) || s.startUnconfirmed)
		return AfterPoll::Continue;
	if (s.startAcceptedMs > 0 && e.nowMs - s.startAcceptedMs >= c.spec().precheckTimeout.count())
		return AfterPoll::AskDetail;
	return AfterPoll::Continue;
}

RestoreVerdict pollVerdict(const PollOutcome &e)
{
	if (e.subject == PollSubject::RestoreTask)
		return classifyRestoreStatus(e.status);
	switch (classifyBackupSetStatus(e.status)) {
	case BackupSetVerdict::Done: return RestoreVerdict::Succeeded;
	case BackupSetVerdict::Failed: return RestoreVerdict::Failed;
	case BackupSetVerdict::InProgress: break;
	}
	return RestoreVerdict::InProgress;
}

std::string pollContradiction(const PollOutcome &e)
{
	return e.subject == PollSubject::RestoreTask ? contradiction(e.status, e.finishTimeMs) : std::string();
}

bool watchesTask(const RunContext &c, const TaskGone &e)
{
	return !c.isBackupStep() && e.restoreTaskId == c.step().restoreTaskId;
}

AfterAnswer afterAnswer(const RunContext &c, const JobErrorCodeAnswered &e)
{
	// Only while the task is still init: an error code DBS keeps on a task
	// that has since started says nothing about its precheck.
	const bool named = e.detail && (!e.detail->errorCode.empty() || !e.detail->errorMessage.empty());
	if (named && isNotStarted(c.run().lastStatus))
		return AfterAnswer::PrecheckFailed;
	if (c.step().startUnconfirmed)
		return c.step().failedAttempts + 1 < c.spec().retry.maxAttempts ? AfterAnswer::RetryStart
										: AfterAnswer::RefusedForGood;
	return AfterAnswer::Clear;
}

bool lookupRetryable(const RunContext &c, const JobErrorCodeAnswered &e)
{
	return e.error && e.error->retryable() && c.memory().lookupAttempts + 1 < maxLookupAttempts;
}

AfterVerify afterVerify(const RunContext &c, const HookFinished &e)
{
	if (e.kind != HookKind::Verify || c.run().drillPhase != DrillPhase::Verifying)
		return AfterVerify::NotVerifying;
	if (verdictOf(e) == Verification::Verified)
		return AfterVerify::Passes;
	assert(c.spec().verify);
	return c.spec().verify->onFailure == config::VerifyHook::OnFailure::Warn ? AfterVerify::Passes
										 : AfterVerify::FailsRun;
}

bool endsNotify(const RunContext &c, const HookFinished &e)
{
	return e.kind == HookKind::Notify && c.run().drillPhase == DrillPhase::Notifying;
}

TimerKind timerKind(const TimerFired &e) { return e.kind; }

bool limitReachedOnTask(const RunContext &c, const TimerFired &e)
{
	return limitReached(c, e) && c.step().phase == StepPhase::Polling && !c.isBackupStep() &&
	       !c.step().restoreTaskId.empty();
}

bool limitReachedElsewhere(const RunContext &c, const TimerFired &e)
{
	return limitReached(c, e) && !limitReachedOnTask(c, e);
}

ApiAction currentAction(const RunContext &c) { return c.memory().inFlight ? *c.memory().inFlight : nextAction(c); }

ApiAction nextAction(const RunContext &c)
{
	const StepRun &s = c.step();
	const bool lookedUp = c.memory().lookedUp;
	if (s.phase == StepPhase::Creating)
		return s.createSent && !lookedUp ? ApiAction::FindRestoreTask : ApiAction::CreateRestoreTask;
	if (!c.isBackupStep())
		return ApiAction::StartRestoreTask;
	if (!s.startSent && !s.backupSetsListed)
		return ApiAction::ListBackupSets;
	if (s.startSent && !lookedUp && s.backupSetsListed)
		return ApiAction::FindBackupSet;
	return ApiAction::StartBackupPlan;
}

std::string newBackupSet(const RunContext &c, const ApiSucceeded &e)
{
	const auto &known = c.step().knownBackupSets;
	for (const auto &id : e.backupSetIds)
		if (std::find(known.begin(), known.end(), id) == known.end())
			return id;
	return {};
}

} // namespace statemachine
