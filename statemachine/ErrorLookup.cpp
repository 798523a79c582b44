// SPDX-License-Identifier: Apache-2.0
#include "statemachine/ErrorLookup.h"

#include "statemachine/PollActions.h"
#include "statemachine/RunContext.h"
#include "statemachine/RunGuards.h"

namespace statemachine {

namespace {

// A started task in `init` has not passed its precheck yet: ask DBS after
// this many such polls, then every precheckAskEvery polls.
constexpr int precheckFirstAsk = 3;
constexpr int precheckAskEvery = 5;

void ask(RunContext &c) { c.emit(CallApi{ApiAction::DescribeJobErrorCode, "", c.run().stepIndex}); }

} // namespace

void askQuestion(RunContext &c, const PollOutcome &e)
{
	RunContext::Memory &m = c.memory();
	const StepRun &s = c.step();
	if (c.isBackupStep() || !isNotStarted(e.status) || m.questionPending)
		return;
	if (s.startUnconfirmed) {
		m.failWhy = "restore task " + s.restoreTaskId + " stayed '" + e.status +
			    "' after StartRestoreTask was refused (" + c.run().errCode + ")";
	} else if (s.initPolls >= precheckFirstAsk && (s.initPolls - precheckFirstAsk) % precheckAskEvery == 0) {
		m.failWhy = "restore task " + s.restoreTaskId + " did not pass its precheck: still '" + e.status +
			    "' " + std::to_string(s.initPolls) + " polls after StartRestoreTask was accepted";
	} else {
		return;
	}
	m.failKind = LogKind::Failed;
	m.questionPending = true;
	c.log(LogKind::CallSent, Severity::Info,
	      "restore task " + s.restoreTaskId + " is '" + e.status +
		      "'; asking DescribeJobErrorCode whether DBS has an "
		      "error for it");
	ask(c);
}

void askErrorCode(RunContext &c, const PollOutcome &e)
{
	settleStart(c, e);
	RunContext::Memory &m = c.memory();
	JobRun &run = c.run();
	m.lookupAttempts = 0;
	const StepRun &s = c.step();
	run.lastStatus = e.status;
	m.failKind = LogKind::Failed;
	if (pollVerdict(e) == RestoreVerdict::Failed) {
		run.errMessage = e.errMessage;
		m.failWhy = (c.isBackupStep() ? "full backup set " + s.createdFullBackupSetId
					      : "restore task " + s.restoreTaskId) +
			    " failed (status " + e.status + ")" + (e.errMessage.empty() ? "" : ": " + e.errMessage);
		c.log(LogKind::TaskFailed, Severity::Error, "status " + e.status + ": " + e.errMessage);
	} else {
		m.failWhy = "restore task " + s.restoreTaskId + " did not leave '" + e.status + "' within " +
			    ms(c.spec().precheckTimeout.count()) +
			    " after StartRestoreTask was accepted (precheck_timeout)";
		c.log(LogKind::TaskFailed, Severity::Error, m.failWhy);
	}
	c.emit(Persist{});
	ask(c);
}

void askErrorCodeOnLimit(RunContext &c, const TimerFired &e)
{
	RunContext::Memory &m = c.memory();
	m.lookupAttempts = 0;
	m.failWhy = c.limitReason(e.kind, e.nowMs);
	m.failKind = e.kind == TimerKind::Deadline ? LogKind::DeadlineExceeded : LogKind::Stalled;
	c.log(LogKind::TaskFailed, Severity::Error, m.failWhy + "; asking DescribeJobErrorCode for DBS's reason");
	ask(c);
}

void askAgain(RunContext &c) { ask(c); }

void armLookupRetry(RunContext &c, const JobErrorCodeAnswered &e)
{
	const int attempts = ++c.memory().lookupAttempts;
	const auto delay = c.retryDelay(attempts - 1, *e.error);
	c.emit(ArmTimer{TimerKind::Retry, e.nowMs + delay.count()});
	c.log(LogKind::RetryScheduled, Severity::Notice,
	      "DescribeJobErrorCode failed (" + describe(*e.error) + "); asking again in " + ms(delay.count()));
}

void notePrecheckClear(RunContext &c, const JobErrorCodeAnswered &e)
{
	c.memory().questionPending = false;
	if (e.error)
		c.log(LogKind::CallFailed, Severity::Notice,
		      "DescribeJobErrorCode failed (" + describe(*e.error) + "); polling on");
}

void retryStart(RunContext &c, const JobErrorCodeAnswered &e)
{
	c.memory().questionPending = false;
	const JobRun &run = c.run();
	StepRun &s = c.step();
	++s.failedAttempts;
	s.startUnconfirmed = false;
	s.phase = StepPhase::Starting;
	base::ApiError refusal{
		base::ErrorClass::Permanent, run.errCode, run.errMessage, run.requestId, 0, std::nullopt};
	const auto delay = c.retryDelay(s.failedAttempts - 1, refusal);
	c.emit(Persist{});
	c.emit(ArmTimer{TimerKind::Retry, e.nowMs + delay.count()});
	c.log(LogKind::RetryScheduled, Severity::Notice,
	      "restore task " + s.restoreTaskId + " is still '" + run.lastStatus +
		      "' after DBS refused StartRestoreTask (" + describe(refusal) +
		      ") and DBS names no error for it: the start did not take; attempt " +
		      std::to_string(s.failedAttempts) + " of " + std::to_string(c.spec().retry.maxAttempts) +
		      ", retrying in " + ms(delay.count()));
}

void failRefused(RunContext &c, const JobErrorCodeAnswered &e)
{
	RunContext::Memory &m = c.memory();
	const JobRun &run = c.run();
	m.failWhy = "StartRestoreTask was refused (" + run.errCode + ": " + run.errMessage + ") and restore task " +
		    c.step().restoreTaskId + " is still '" + run.lastStatus + "' after " +
		    std::to_string(c.step().failedAttempts + 1) + " attempts";
	m.failKind = LogKind::Failed;
	failWithDetail(c, e);
}

void failWithDetail(RunContext &c, const JobErrorCodeAnswered &e)
{
	RunContext::Memory &m = c.memory();
	JobRun &run = c.run();
	m.questionPending = false;
	std::string reason = m.failWhy;
	if (e.detail) {
		run.jobError = *e.detail;
		if (!e.detail->errorCode.empty() || !e.detail->errorMessage.empty()) {
			run.errCode = e.detail->errorCode;
			run.errMessage = e.detail->errorMessage;
			reason += "; DBS says (DescribeJobErrorCode): " + e.detail->errorCode + ": " +
				  e.detail->errorMessage;
		}
	} else if (e.error) {
		run.requestId = e.error->requestId;
		reason += "; DescribeJobErrorCode failed too: " + describe(*e.error);
	}
	if (m.failKind != LogKind::Failed) // given up on a deadline or a stall
		c.warnIfRestoreKeepsRunning();
	c.step().phase = StepPhase::Failed;
	c.finish(Outcome::Failed, reason, e.nowMs, m.failKind);
}

} // namespace statemachine
