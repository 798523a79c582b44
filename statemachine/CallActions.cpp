// SPDX-License-Identifier: Apache-2.0
#include "statemachine/CallActions.h"

#include <cassert>

#include "statemachine/PollActions.h"
#include "statemachine/RunActions.h"
#include "statemachine/RunContext.h"
#include "statemachine/RunGuards.h"
#include "statemachine/SetEvidence.h"

namespace statemachine {

namespace {

// The phase after StartBackupPlan (or the set it made) is known.
StepPhase afterBackupStarted(const RunContext &c)
{
	return c.waitsForBackupSet() ? StepPhase::Polling : StepPhase::Done;
}

} // namespace

void issueCall(RunContext &c)
{
	const ApiAction action = nextAction(c);
	RunContext::Memory &m = c.memory();
	m.inFlight = action;
	if (!c.isBackupStep())
		learnRestoredSet(c, {}, {});
	StepRun &s = c.step();
	const int stepIndex = c.run().stepIndex;
	if (!isMutating(action)) {
		c.log(LogKind::CallSent, Severity::Debug,
		      action == ApiAction::FindRestoreTask ? "looking for a restore task named " + c.taskName() +
								     " before re-sending CreateRestoreTask"
		      : action == ApiAction::ListBackupSets
			      ? "listing the full backup sets of plan " + s.backupPlanId + " before StartBackupPlan"
			      : "looking for a full backup set the unanswered StartBackupPlan made before re-sending it");
		c.emit(CallApi{action, "", stepIndex});
		return;
	}
	bool &sent = action == ApiAction::CreateRestoreTask ? s.createSent : s.startSent;
	m.callIsResend = sent;
	sent = true;
	// Persist-before-send: the token and the sent flag are on disk before
	// the request can reach DBS, so a crash at any point re-sends the same
	// token instead of creating a second task.
	c.emit(Persist{});
	const std::string &token = action == ApiAction::CreateRestoreTask ? s.createToken : s.startToken;
	c.log(LogKind::CallSent, Severity::Debug,
	      std::string(m.callIsResend ? "re-sending " : "sending ") + std::string(toString(action)));
	c.emit(CallApi{action, token, stepIndex});
}

void issueNextCall(RunContext &c)
{
	if (c.step().phase == StepPhase::Done)
		nextStep(c);
	else
		issueCall(c);
}

void recordCall(RunContext &c, const ApiSucceeded &e)
{
	StepRun &s = c.step();
	switch (e.action) {
	case ApiAction::CreateRestoreTask:
		s.restoreTaskId = e.restoreTaskId;
		s.phase = StepPhase::Starting;
		c.log(LogKind::StepStarted, Severity::Info, "restore task " + s.restoreTaskId + " created");
		break;
	case ApiAction::FindRestoreTask:
		if (e.restoreTaskId.empty()) {
			c.memory().lookedUp = true;
			c.log(LogKind::CallSent, Severity::Info,
			      "no restore task named " + c.taskName() +
				      " on the plan: CreateRestoreTask did not happen yet");
			break;
		}
		s.restoreTaskId = e.restoreTaskId;
		s.phase = StepPhase::Starting;
		c.log(LogKind::StartAdopted, Severity::Notice,
		      "restore task " + s.restoreTaskId + " named " + c.taskName() +
			      " is on the plan: the unanswered CreateRestoreTask had happened; using it instead of creating another");
		break;
	case ApiAction::ListBackupSets:
		s.backupSetsListed = true;
		s.knownBackupSets = e.backupSetIds;
		break;
	case ApiAction::FindBackupSet: {
		const std::string found = newBackupSet(c, e);
		if (found.empty()) {
			c.memory().lookedUp = true;
			c.log(LogKind::CallSent, Severity::Info,
			      "no new full backup set on plan " + s.backupPlanId +
				      ": StartBackupPlan did not happen yet");
			break;
		}
		s.createdFullBackupSetId = found;
		s.knownBackupSets.clear();
		s.phase = afterBackupStarted(c);
		c.log(LogKind::StartAdopted, Severity::Notice,
		      "full backup set " + found + " appeared on plan " + s.backupPlanId +
			      " after the unanswered StartBackupPlan: it had happened; using the set instead of starting another");
		break;
	}
	case ApiAction::StartBackupPlan:
		s.createdFullBackupSetId = e.createdFullBackupSetId;
		s.knownBackupSets.clear();
		s.phase = afterBackupStarted(c);
		c.log(LogKind::StepStarted, Severity::Info,
		      "backup plan " + s.backupPlanId + " started full backup set " + s.createdFullBackupSetId);
		break;
	case ApiAction::StartRestoreTask:
		s.phase = StepPhase::Polling;
		s.startAcceptedMs = e.nowMs;
		s.initPolls = 0;
		c.log(LogKind::RestoreStarted, Severity::Info, "restore task " + s.restoreTaskId + " started");
		break;
	case ApiAction::DescribeJobErrorCode: assert(!"not a step call"); break;
	}
	// Store remote ids before acting on them.
	c.emit(Persist{});
}

void armRetry(RunContext &c, const ApiFailed &e)
{
	StepRun &s = c.step();
	if (e.action == ApiAction::CreateRestoreTask || e.action == ApiAction::StartBackupPlan)
		c.memory().lookedUp = false; // the call may have happened: look again before the re-send
	++s.failedAttempts;
	const auto delay = c.retryDelay(s.failedAttempts - 1, e.error);
	c.emit(Persist{});
	c.emit(ArmTimer{TimerKind::Retry, e.nowMs + delay.count()});
	const std::string what =
		std::string(toString(e.action)) + " failed (" + std::string(base::toString(e.error.errorClass)) +
		", attempt " + std::to_string(s.failedAttempts) + " of " + std::to_string(c.spec().retry.maxAttempts) +
		"): " + describe(e.error) + "; retrying in " + ms(delay.count());
	if (e.error.errorClass == base::ErrorClass::Clock)
		c.log(LogKind::ClockSkew, Severity::Error,
		      "DBS rejected the request time; the system clock is probably off by more than 15 minutes. " +
			      what);
	else
		c.log(LogKind::RetryScheduled,
		      e.error.errorClass == base::ErrorClass::Throttled ? Severity::Warning : Severity::Notice, what);
}

void observeStart(RunContext &c, const ApiFailed &e)
{
	StepRun &s = c.step();
	JobRun &run = c.run();
	s.startUnconfirmed = true;
	// Kept for the report if the task turns out not to have started.
	run.errCode = e.error.code;
	run.errMessage = e.error.message;
	run.requestId = e.error.requestId;
	c.log(LogKind::CallFailed, Severity::Notice,
	      "DBS refused StartRestoreTask (" + describe(e.error) +
		      "); the code is not consulted: asking "
		      "DescribeRestoreTaskList whether restore task " +
		      s.restoreTaskId + " started");
	startPolling(c, e.nowMs);
}

void failCall(RunContext &c, const ApiFailed &e)
{
	StepRun &s = c.step();
	JobRun &run = c.run();
	std::string reason = std::string(toString(e.action)) + " failed";
	if (e.error.retryable()) {
		++s.failedAttempts;
		reason += " after " + std::to_string(s.failedAttempts) + " attempts";
	} else {
		reason += " (" + std::string(base::toString(e.error.errorClass)) + ")";
	}
	reason += ": " + describe(e.error);
	run.errCode = e.error.code;
	run.errMessage = e.error.message;
	run.requestId = e.error.requestId;
	s.phase = StepPhase::Failed;
	c.finish(Outcome::Failed, reason, e.nowMs, LogKind::Failed);
}

void failBrokenReply(RunContext &c, const ApiSucceeded &e)
{
	const base::ApiError err{base::ErrorClass::Permanent,
				 "Response.MissingField",
				 std::string(toString(e.action)) + " succeeded without " + std::string(missingId(c, e)),
				 e.requestId,
				 200,
				 std::nullopt};
	failCall(c, ApiFailed{e.action, e.nowMs, err});
}

void dropAnswer(RunContext &c, const ApiSucceeded &e)
{
	c.log(LogKind::EventIgnored, Severity::Debug,
	      "answer to " + std::string(toString(e.action)) + " while waiting for " +
		      std::string(toString(currentAction(c))));
}

void dropFailure(RunContext &c, const ApiFailed &e)
{
	c.log(LogKind::EventIgnored, Severity::Debug,
	      "failure of " + std::string(toString(e.action)) + " while waiting for " +
		      std::string(toString(currentAction(c))));
}

} // namespace statemachine
