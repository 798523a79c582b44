// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RunContext.h"

#include <algorithm>
#include <cassert>

#include "statemachine/ClientToken.h"

namespace statemachine {

namespace {

StepPhase firstPhase(const config::Step &s)
{
	if (const auto *r = std::get_if<config::RestoreStep>(&s.what))
		if (std::holds_alternative<config::CreateRestore>(r->how))
			return StepPhase::Creating;
	return StepPhase::Starting;
}

std::string describe(const base::ApiError &e)
{
	std::string s = e.code + ": " + e.message;
	if (!e.requestId.empty())
		s += " (RequestId " + e.requestId + ")";
	return s;
}

std::string ms(std::int64_t v) { return std::to_string(v) + " ms"; }

// A started task in `init` has not passed its precheck yet: ask DBS after
// this many such polls, then every precheckAskEvery polls.
constexpr int precheckFirstAsk = 3;
constexpr int precheckAskEvery = 5;
// DescribeJobErrorCode lookups before a failure is reported without DBS's reason.
constexpr int maxLookupAttempts = 5;

} // namespace

RunContext::RunContext(config::JobSpecPtr spec, JobRun run, RandomSource &random)
	: spec_(std::move(spec)), run_(std::move(run)), backoff_(spec_->retry), random_(random)
{
	assert(spec_);
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

Commands RunContext::takeCommands()
{
	Commands c;
	c.swap(out_);
	return c;
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

bool RunContext::isBackupStep() const
{
	return std::holds_alternative<config::BackupStep>(specStep().what);
}

std::string RunContext::taskName() const
{
	const auto *r = std::get_if<config::RestoreStep>(&specStep().what);
	const auto *c = r ? std::get_if<config::CreateRestore>(&r->how) : nullptr;
	return c ? runTaskName(c->restoreTaskName, run_.runId, run_.stepIndex) : std::string();
}

ApiAction RunContext::currentAction() const
{
	return inFlight_ ? *inFlight_ : nextAction();
}

ApiAction RunContext::nextAction() const
{
	const StepRun &s = step();
	if (s.phase == StepPhase::Creating)
		return s.createSent && !lookedUp_ ? ApiAction::FindRestoreTask : ApiAction::CreateRestoreTask;
	if (!isBackupStep())
		return ApiAction::StartRestoreTask;
	if (!s.startSent && !s.backupSetsListed)
		return ApiAction::ListBackupSets;
	if (s.startSent && !lookedUp_ && s.backupSetsListed)
		return ApiAction::FindBackupSet;
	return ApiAction::StartBackupPlan;
}

std::string RunContext::newBackupSet(const ApiSucceeded &e) const
{
	const auto &known = step().knownBackupSets;
	for (const auto &id : e.backupSetIds)
		if (std::find(known.begin(), known.end(), id) == known.end())
			return id;
	return {};
}

// ---- guards ---------------------------------------------------------------

bool RunContext::unusableRecord() const
{
	if (run_.outcome != Outcome::None || run_.steps.empty() || run_.steps.size() != spec_->steps.size() ||
	    run_.jobId != spec_->id || run_.specHash != spec_->specHash || run_.stepIndex < 0 ||
	    run_.stepIndex >= static_cast<int>(run_.steps.size()))
		return true;
	const StepPhase p = step().phase;
	return p != StepPhase::Creating && p != StepPhase::Starting && p != StepPhase::Polling;
}

bool RunContext::resumesInCall() const
{
	return !unusableRecord() && (step().phase == StepPhase::Creating || step().phase == StepPhase::Starting);
}

bool RunContext::resumesInPoll() const
{
	return !unusableRecord() && step().phase == StepPhase::Polling;
}

RunContext::AfterCall RunContext::afterCall(const ApiSucceeded &e) const
{
	switch (e.action) {
	case ApiAction::CreateRestoreTask: return AfterCall::NextCall;
	case ApiAction::FindRestoreTask: return AfterCall::NextCall;
	case ApiAction::ListBackupSets: return AfterCall::NextCall;
	case ApiAction::StartRestoreTask: return AfterCall::Poll;
	case ApiAction::FindBackupSet:
		if (newBackupSet(e).empty())
			return AfterCall::NextCall;
		[[fallthrough]]; // a set was found: as if StartBackupPlan had answered
	case ApiAction::StartBackupPlan:
		if (std::get<config::BackupStep>(specStep().what).waitForBackupSet)
			return AfterCall::Poll;
		return lastStep() ? AfterCall::RunDone : AfterCall::NextCall;
	case ApiAction::DescribeJobErrorCode: break;
	}
	assert(!"JobMachine filters answers to calls it did not make");
	return AfterCall::NextCall;
}

RunContext::AfterFailure RunContext::afterFailure(const ApiFailed &e) const
{
	// DBS refused a re-sent StartRestoreTask. Whether the earlier send
	// started the task (its reply lost, its token since expired) is not
	// something any documented error code says: the poll that follows does
	// (docs/state-machine.md, "Evidence rules"). A first send that is
	// refused was not ours to adopt: someone else's run, or a finished task.
	if (e.action == ApiAction::StartRestoreTask && callIsResend_ && !e.error.retryable())
		return AfterFailure::Observe;
	if (e.error.retryable() && step().failedAttempts + 1 < spec_->retry.maxAttempts)
		return AfterFailure::Retry;
	return AfterFailure::Fail;
}

RunContext::AfterPoll RunContext::afterPoll(const PollOutcome &e) const
{
	switch (e.verdict) {
	case RestoreVerdict::Failed: return AfterPoll::AskDetail;
	case RestoreVerdict::Succeeded: return lastStep() ? AfterPoll::RunDone : AfterPoll::NextStep;
	default: break;
	}
	const StepRun &s = step();
	if (isBackupStep() || !isNotStarted(e.status) || s.startUnconfirmed)
		return AfterPoll::Continue;
	if (s.startAcceptedMs > 0 && e.nowMs - s.startAcceptedMs >= spec_->precheckTimeout.count())
		return AfterPoll::AskDetail;
	return AfterPoll::Continue;
}

bool RunContext::limitReachedOnTask(const TimerFired &e) const
{
	return limitReached(e) && step().phase == StepPhase::Polling && !isBackupStep() &&
	       !step().restoreTaskId.empty();
}

RunContext::AfterAnswer RunContext::afterAnswer(const JobErrorCodeAnswered &e) const
{
	// Only while the task is still init: an error code DBS keeps on a task
	// that has since started says nothing about its precheck.
	const bool named = e.detail && (!e.detail->errorCode.empty() || !e.detail->errorMessage.empty());
	if (named && isNotStarted(run_.lastStatus))
		return AfterAnswer::PrecheckFailed;
	if (step().startUnconfirmed)
		return step().failedAttempts + 1 < spec_->retry.maxAttempts ? AfterAnswer::RetryStart
		                                                            : AfterAnswer::RefusedForGood;
	return AfterAnswer::Clear;
}

bool RunContext::lookupRetryable(const JobErrorCodeAnswered &e) const
{
	return e.error && e.error->retryable() && lookupAttempts_ + 1 < maxLookupAttempts;
}

bool RunContext::limitReached(const TimerFired &e) const
{
	if (e.kind == TimerKind::Deadline)
		return e.nowMs >= run_.deadlineAtMs;
	if (e.kind == TimerKind::Stall)
		return !run_.steps.empty() && step().phase == StepPhase::Polling && !run_.paused &&
		       e.nowMs - run_.lastProgressChangeMs >= spec_->stallTimeout.count();
	return false;
}

// ---- actions --------------------------------------------------------------

void RunContext::begin(const Begin &e)
{
	if (e.resumed)
		log(LogKind::RunResumed, Severity::Notice,
		    "resuming run in step " + std::to_string(run_.stepIndex + 1) + "/" + std::to_string(run_.steps.size()) + " (" +
		    std::string(toString(step().phase)) + ")");
	else
		log(LogKind::RunStarted, Severity::Info,
		    "run started with " + std::to_string(run_.steps.size()) + " steps");
	emit(ArmTimer{TimerKind::Deadline, run_.deadlineAtMs});
	if (e.resumed && step().phase == StepPhase::Polling && !run_.paused)
		emit(ArmTimer{TimerKind::Stall, run_.lastProgressChangeMs + spec_->stallTimeout.count()});
}

void RunContext::failUnusable(const Begin &e)
{
	std::string why = "the run record cannot be resumed";
	if (run_.specHash != spec_->specHash)
		why = "the job file changed while the run was interrupted (spec " + run_.specHash + " -> " +
		      spec_->specHash + "); start a new run";
	else if (run_.steps.size() != spec_->steps.size() || run_.steps.empty())
		why = "the run record does not match the job's steps";
	warnIfRestoreKeepsRunning();
	finish(Outcome::Failed, why, e.nowMs, LogKind::Failed);
}

void RunContext::issueCall(std::int64_t nowMs)
{
	(void)nowMs;
	const ApiAction action = nextAction();
	inFlight_ = action;
	StepRun &s = step();
	if (!isMutating(action)) {
		log(LogKind::CallSent, Severity::Debug,
		    action == ApiAction::FindRestoreTask
		        ? "looking for a restore task named " + taskName() + " before re-sending CreateRestoreTask"
		    : action == ApiAction::ListBackupSets
		        ? "listing the full backup sets of plan " + s.backupPlanId + " before StartBackupPlan"
		        : "looking for a full backup set the unanswered StartBackupPlan made before re-sending it");
		emit(CallApi{action, "", run_.stepIndex});
		return;
	}
	bool &sent = action == ApiAction::CreateRestoreTask ? s.createSent : s.startSent;
	callIsResend_ = sent;
	sent = true;
	// Persist-before-send: the token and the sent flag are on disk before
	// the request can reach DBS, so a crash at any point re-sends the same
	// token instead of creating a second task.
	emit(Persist{});
	const std::string &token = action == ApiAction::CreateRestoreTask ? s.createToken : s.startToken;
	log(LogKind::CallSent, Severity::Debug,
	    std::string(callIsResend_ ? "re-sending " : "sending ") + std::string(toString(action)));
	emit(CallApi{action, token, run_.stepIndex});
}

void RunContext::requestPoll()
{
	const StepRun &s = step();
	if (isBackupStep())
		emit(WantBackupSetPoll{s.backupPlanId, s.createdFullBackupSetId});
	else
		emit(WantPoll{s.restoreTaskId});
}

void RunContext::recordCall(const ApiSucceeded &e)
{
	StepRun &s = step();
	switch (e.action) {
	case ApiAction::CreateRestoreTask:
		s.restoreTaskId = e.restoreTaskId;
		s.phase = StepPhase::Starting;
		log(LogKind::StepStarted, Severity::Info, "restore task " + s.restoreTaskId + " created");
		break;
	case ApiAction::FindRestoreTask:
		if (e.restoreTaskId.empty()) {
			lookedUp_ = true;
			log(LogKind::CallSent, Severity::Info,
			    "no restore task named " + taskName() + " on the plan: CreateRestoreTask did not happen yet");
			break;
		}
		s.restoreTaskId = e.restoreTaskId;
		s.phase = StepPhase::Starting;
		log(LogKind::StartAdopted, Severity::Notice,
		    "restore task " + s.restoreTaskId + " named " + taskName() +
		        " is on the plan: the unanswered CreateRestoreTask had happened; using it instead of creating another");
		break;
	case ApiAction::ListBackupSets:
		s.backupSetsListed = true;
		s.knownBackupSets = e.backupSetIds;
		break;
	case ApiAction::FindBackupSet: {
		const std::string found = newBackupSet(e);
		if (found.empty()) {
			lookedUp_ = true;
			log(LogKind::CallSent, Severity::Info,
			    "no new full backup set on plan " + s.backupPlanId + ": StartBackupPlan did not happen yet");
			break;
		}
		s.createdFullBackupSetId = found;
		s.knownBackupSets.clear();
		s.phase = std::get<config::BackupStep>(specStep().what).waitForBackupSet ? StepPhase::Polling
		                                                                          : StepPhase::Done;
		log(LogKind::StartAdopted, Severity::Notice,
		    "full backup set " + found + " appeared on plan " + s.backupPlanId +
		        " after the unanswered StartBackupPlan: it had happened; using the set instead of starting another");
		break;
	}
	case ApiAction::StartBackupPlan:
		s.createdFullBackupSetId = e.createdFullBackupSetId;
		s.knownBackupSets.clear();
		s.phase = std::get<config::BackupStep>(specStep().what).waitForBackupSet ? StepPhase::Polling
		                                                                          : StepPhase::Done;
		log(LogKind::StepStarted, Severity::Info,
		    "backup plan " + s.backupPlanId + " started full backup set " + s.createdFullBackupSetId);
		break;
	case ApiAction::StartRestoreTask:
		s.phase = StepPhase::Polling;
		s.startAcceptedMs = e.nowMs;
		s.initPolls = 0;
		log(LogKind::RestoreStarted, Severity::Info, "restore task " + s.restoreTaskId + " started");
		break;
	case ApiAction::DescribeJobErrorCode:
		assert(!"not a step call");
		break;
	}
	// Store remote ids before acting on them.
	emit(Persist{});
}

void RunContext::startPolling(std::int64_t nowMs)
{
	step().phase = StepPhase::Polling;
	run_.lastProgress = {};
	run_.lastStatus.clear();
	run_.lastProgressChangeMs = nowMs;
	run_.paused = false;
	emit(Persist{});
	emit(ArmTimer{TimerKind::Stall, nowMs + spec_->stallTimeout.count()});
	requestPoll();
}

void RunContext::nextStep(std::int64_t nowMs)
{
	step().phase = StepPhase::Done;
	log(LogKind::StepSucceeded, Severity::Info, "step " + std::to_string(run_.stepIndex + 1) + "/" + std::to_string(run_.steps.size()) + " succeeded");
	++run_.stepIndex;
	assert(run_.stepIndex < static_cast<int>(run_.steps.size()));
	run_.unknownStatusLogged = false; // once per task: the next step watches another
	step().phase = firstPhase(specStep());
	issueCall(nowMs);
}

void RunContext::succeed(std::int64_t nowMs)
{
	step().phase = StepPhase::Done;
	finish(Outcome::Succeeded, "all " + std::to_string(run_.steps.size()) + " steps succeeded", nowMs,
	       LogKind::Succeeded);
}

void RunContext::armRetry(const ApiFailed &e)
{
	StepRun &s = step();
	if (e.action == ApiAction::CreateRestoreTask || e.action == ApiAction::StartBackupPlan)
		lookedUp_ = false; // the call may have happened: look again before the re-send
	++s.failedAttempts;
	const auto delay = backoff_.delay(s.failedAttempts - 1, e.error, random_);
	emit(Persist{});
	emit(ArmTimer{TimerKind::Retry, e.nowMs + delay.count()});
	const std::string what = std::string(toString(e.action)) + " failed (" +
	                         std::string(base::toString(e.error.errorClass)) + ", attempt " +
	                         std::to_string(s.failedAttempts) + " of " + std::to_string(spec_->retry.maxAttempts) +
	                         "): " + describe(e.error) + "; retrying in " + ms(delay.count());
	if (e.error.errorClass == base::ErrorClass::Clock)
		log(LogKind::ClockSkew, Severity::Error,
		    "DBS rejected the request time; the system clock is probably off by more than 15 minutes. " + what);
	else
		log(LogKind::RetryScheduled,
		    e.error.errorClass == base::ErrorClass::Throttled ? Severity::Warning : Severity::Notice, what);
}

void RunContext::observeStart(const ApiFailed &e)
{
	StepRun &s = step();
	s.startUnconfirmed = true;
	// Kept for the report if the task turns out not to have started.
	run_.errCode = e.error.code;
	run_.errMessage = e.error.message;
	run_.requestId = e.error.requestId;
	log(LogKind::CallFailed, Severity::Notice,
	    "DBS refused StartRestoreTask (" + describe(e.error) + "); the code is not consulted: asking "
	    "DescribeRestoreTaskList whether restore task " + s.restoreTaskId + " started");
	startPolling(e.nowMs);
}

void RunContext::failCall(const ApiFailed &e)
{
	StepRun &s = step();
	std::string reason = std::string(toString(e.action)) + " failed";
	if (e.error.retryable()) {
		++s.failedAttempts;
		reason += " after " + std::to_string(s.failedAttempts) + " attempts";
	} else {
		reason += " (" + std::string(base::toString(e.error.errorClass)) + ")";
	}
	reason += ": " + describe(e.error);
	run_.errCode = e.error.code;
	run_.errMessage = e.error.message;
	run_.requestId = e.error.requestId;
	s.phase = StepPhase::Failed;
	finish(Outcome::Failed, reason, e.nowMs, LogKind::Failed);
}

void RunContext::settleStart(const PollOutcome &e)
{
	StepRun &s = step();
	if (isBackupStep())
		return;
	const bool init = isNotStarted(e.status);
	s.initPolls = init ? s.initPolls + 1 : 0;
	if (s.startAcceptedMs == 0)
		s.startAcceptedMs = e.nowMs; // a record from before the field existed
	if (!s.startUnconfirmed || init)
		return;
	s.startUnconfirmed = false;
	s.startAcceptedMs = e.nowMs;
	run_.errCode.clear();
	run_.errMessage.clear();
	run_.requestId.clear();
	log(LogKind::StartAdopted, Severity::Notice,
	    "restore task " + s.restoreTaskId + " is '" + e.status +
	        "': the refused StartRestoreTask had taken effect; following the task");
	emit(Persist{});
}

void RunContext::retryStart(const JobErrorCodeAnswered &e)
{
	questionPending_ = false;
	StepRun &s = step();
	++s.failedAttempts;
	s.startUnconfirmed = false;
	s.phase = StepPhase::Starting;
	base::ApiError refusal{base::ErrorClass::Permanent, run_.errCode, run_.errMessage, run_.requestId, 0, std::nullopt};
	const auto delay = backoff_.delay(s.failedAttempts - 1, refusal, random_);
	emit(Persist{});
	emit(ArmTimer{TimerKind::Retry, e.nowMs + delay.count()});
	log(LogKind::RetryScheduled, Severity::Notice,
	    "restore task " + s.restoreTaskId + " is still '" + run_.lastStatus + "' after DBS refused StartRestoreTask (" +
	        describe(refusal) + ") and DBS names no error for it: the start did not take; attempt " +
	        std::to_string(s.failedAttempts) + " of " + std::to_string(spec_->retry.maxAttempts) + ", retrying in " +
	        ms(delay.count()));
}

void RunContext::failRefused(const JobErrorCodeAnswered &e)
{
	failWhy_ = "StartRestoreTask was refused (" + run_.errCode + ": " + run_.errMessage + ") and restore task " +
	           step().restoreTaskId + " is still '" + run_.lastStatus + "' after " +
	           std::to_string(step().failedAttempts + 1) + " attempts";
	failKind_ = LogKind::Failed;
	warnKeepsRunning_ = false;
	failWithDetail(e);
}

void RunContext::armLookupRetry(const JobErrorCodeAnswered &e)
{
	++lookupAttempts_;
	const auto delay = backoff_.delay(lookupAttempts_ - 1, *e.error, random_);
	emit(ArmTimer{TimerKind::Retry, e.nowMs + delay.count()});
	log(LogKind::RetryScheduled, Severity::Notice,
	    "DescribeJobErrorCode failed (" + describe(*e.error) + "); asking again in " + ms(delay.count()));
}

void RunContext::askAgain()
{
	emit(CallApi{ApiAction::DescribeJobErrorCode, "", run_.stepIndex});
}

void RunContext::askQuestion(const PollOutcome &e)
{
	const StepRun &s = step();
	if (isBackupStep() || !isNotStarted(e.status) || questionPending_)
		return;
	if (s.startUnconfirmed) {
		failWhy_ = "restore task " + s.restoreTaskId + " stayed '" + e.status +
		           "' after StartRestoreTask was refused (" + run_.errCode + ")";
	} else if (s.initPolls >= precheckFirstAsk && (s.initPolls - precheckFirstAsk) % precheckAskEvery == 0) {
		failWhy_ = "restore task " + s.restoreTaskId + " did not pass its precheck: still '" + e.status + "' " +
		           std::to_string(s.initPolls) + " polls after StartRestoreTask was accepted";
	} else {
		return;
	}
	failKind_ = LogKind::Failed;
	warnKeepsRunning_ = false;
	questionPending_ = true;
	log(LogKind::CallSent, Severity::Info,
	    "restore task " + s.restoreTaskId + " is '" + e.status + "'; asking DescribeJobErrorCode whether DBS has an "
	    "error for it");
	emit(CallApi{ApiAction::DescribeJobErrorCode, "", run_.stepIndex});
}

void RunContext::notePoll(const PollOutcome &e)
{
	settleStart(e);
	bool persist = false;
	if (e.status != run_.lastStatus || e.progress != run_.lastProgress) {
		run_.lastStatus = e.status;
		run_.lastProgress = e.progress;
		run_.lastProgressChangeMs = e.nowMs;
		persist = true;
		const auto &p = e.progress;
		log(LogKind::Progress, Severity::Info,
		    "status " + e.status + ", progress " + std::to_string(p[0]) + "/" + std::to_string(p[1]) + "/" +
		        std::to_string(p[2]) + "/" + std::to_string(p[3]));
		emit(ArmTimer{TimerKind::Stall, e.nowMs + spec_->stallTimeout.count()});
	}
	const bool nowPaused = e.verdict == RestoreVerdict::Paused;
	if (nowPaused != run_.paused) {
		run_.paused = nowPaused;
		persist = true;
		if (nowPaused) {
			log(LogKind::Paused, Severity::Notice,
			    "the task is paused on DBS; still polling, and the deadline still applies");
		} else {
			// Time spent paused does not count towards a stall.
			run_.lastProgressChangeMs = e.nowMs;
			emit(ArmTimer{TimerKind::Stall, e.nowMs + spec_->stallTimeout.count()});
			log(LogKind::Unpaused, Severity::Notice, "the task is no longer paused");
		}
	}
	if (!e.contradiction.empty() && !run_.unknownStatusLogged) {
		run_.unknownStatusLogged = true;
		persist = true;
		log(LogKind::UnknownStatus, Severity::Warning,
		    "contradictory or unknown evidence: " + e.contradiction +
		        "; not a success, polling on until the deadline (logged once per run)");
	}
	if (persist)
		emit(Persist{});
	emit(ArmTimer{TimerKind::Poll, e.nowMs + spec_->pollInterval.count()});
	// init can mean "the precheck failed" (seed 002): after a few polls,
	// and then every fifth, and after a refused start at once, ask DBS
	// whether it has an error for the task.
	askQuestion(e);
}

void RunContext::askErrorCode(const PollOutcome &e)
{
	settleStart(e);
	lookupAttempts_ = 0;
	const StepRun &s = step();
	run_.lastStatus = e.status;
	warnKeepsRunning_ = false;
	failKind_ = LogKind::Failed;
	if (e.verdict == RestoreVerdict::Failed) {
		run_.errMessage = e.errMessage;
		failWhy_ = (isBackupStep() ? "full backup set " + s.createdFullBackupSetId
		                           : "restore task " + s.restoreTaskId) +
		           " failed (status " + e.status + ")" + (e.errMessage.empty() ? "" : ": " + e.errMessage);
		log(LogKind::TaskFailed, Severity::Error, "status " + e.status + ": " + e.errMessage);
	} else {
		failWhy_ = "restore task " + s.restoreTaskId + " did not leave '" + e.status + "' within " +
		           ms(spec_->precheckTimeout.count()) + " after StartRestoreTask was accepted (precheck_timeout)";
		log(LogKind::TaskFailed, Severity::Error, failWhy_);
	}
	emit(Persist{});
	emit(CallApi{ApiAction::DescribeJobErrorCode, "", run_.stepIndex});
}

void RunContext::askErrorCodeOnLimit(const TimerFired &e)
{
	lookupAttempts_ = 0;
	warnKeepsRunning_ = true;
	if (e.kind == TimerKind::Deadline) {
		failWhy_ = "deadline exceeded: " + ms(spec_->deadline.count()) + " since the run started";
		failKind_ = LogKind::DeadlineExceeded;
	} else {
		failWhy_ = "stalled: no progress for " + ms(e.nowMs - run_.lastProgressChangeMs) + " (last status '" +
		           run_.lastStatus + "')";
		failKind_ = LogKind::Stalled;
	}
	log(LogKind::TaskFailed, Severity::Error, failWhy_ + "; asking DescribeJobErrorCode for DBS's reason");
	emit(CallApi{ApiAction::DescribeJobErrorCode, "", run_.stepIndex});
}

void RunContext::notePrecheckClear(const JobErrorCodeAnswered &e)
{
	questionPending_ = false;
	if (e.error)
		log(LogKind::CallFailed, Severity::Notice,
		    "DescribeJobErrorCode failed (" + describe(*e.error) + "); polling on");
}

void RunContext::failWithDetail(const JobErrorCodeAnswered &e)
{
	questionPending_ = false;
	std::string reason = failWhy_;
	if (e.detail) {
		run_.jobError = *e.detail;
		if (!e.detail->errorCode.empty() || !e.detail->errorMessage.empty()) {
			run_.errCode = e.detail->errorCode;
			run_.errMessage = e.detail->errorMessage;
			reason += "; DBS says (DescribeJobErrorCode): " + e.detail->errorCode + ": " + e.detail->errorMessage;
		}
	} else if (e.error) {
		run_.requestId = e.error->requestId;
		reason += "; DescribeJobErrorCode failed too: " + describe(*e.error);
	}
	if (warnKeepsRunning_)
		warnIfRestoreKeepsRunning();
	step().phase = StepPhase::Failed;
	finish(Outcome::Failed, reason, e.nowMs, failKind_);
}

void RunContext::failGone(const TaskGone &e)
{
	run_.errCode = "Local.TaskGone";
	run_.errMessage = e.reason;
	step().phase = StepPhase::Failed;
	finish(Outcome::Failed, "restore task " + step().restoreTaskId + " can no longer be followed on DBS: " + e.reason, e.nowMs,
	       LogKind::Failed);
}

void RunContext::cancel(std::int64_t nowMs, const std::string &why)
{
	warnIfRestoreKeepsRunning();
	finish(Outcome::Cancelled, "cancelled: " + why, nowMs, LogKind::Cancelled);
}

void RunContext::expire(const TimerFired &e)
{
	warnIfRestoreKeepsRunning();
	if (e.kind == TimerKind::Deadline)
		finish(Outcome::Failed,
		       "deadline exceeded: " + ms(spec_->deadline.count()) + " since the run started",
		       e.nowMs, LogKind::DeadlineExceeded);
	else
		finish(Outcome::Failed,
		       "stalled: no progress for " + ms(e.nowMs - run_.lastProgressChangeMs) + " (last status '" +
		           run_.lastStatus + "')",
		       e.nowMs, LogKind::Stalled);
}

void RunContext::saveForShutdown(const ShutdownRequested &)
{
	emit(Persist{});
	log(LogKind::ShutdownSaved, Severity::Info, "run saved; it resumes when the daemon starts again");
}

void RunContext::noteFileChanged(const FileChanged &e)
{
	log(LogKind::SpecChanged, Severity::Notice,
	    "the job file changed (spec " + e.newSpecHash + "); this run keeps the spec it started with, "
	    "the change applies to the next run");
}

void RunContext::finish(Outcome outcome, std::string reason, std::int64_t nowMs, LogKind kind)
{
	run_.outcome = outcome;
	run_.reason = reason;
	run_.finishedAtMs = nowMs;
	emit(Persist{});
	log(kind, outcome == Outcome::Failed ? Severity::Error : Severity::Notice, reason);
	emit(Finished{outcome, std::move(reason)});
}

void RunContext::warnIfRestoreKeepsRunning()
{
	if (run_.steps.empty() || run_.stepIndex >= static_cast<int>(run_.steps.size()) ||
	    run_.stepIndex >= static_cast<int>(spec_->steps.size()))
		return;
	const StepRun &s = step();
	// A task that already failed keeps nothing running.
	if (classifyRestoreStatus(run_.lastStatus) == RestoreVerdict::Failed)
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

} // namespace statemachine
