// SPDX-License-Identifier: Apache-2.0
#include "statemachine/DrillActions.h"

#include <cassert>

#include "statemachine/DrillFacts.h"
#include "statemachine/RunContext.h"
#include "statemachine/SetEvidence.h"

namespace statemachine {

namespace {

void noteVerdict(RunContext &c, const HookFinished &e, Severity failure)
{
	JobRun &run = c.run();
	run.verification = verdictOf(e);
	run.verificationDetail = e.detail;
	const bool verified = run.verification == Verification::Verified;
	c.log(LogKind::Verification, verified ? Severity::Notice : failure,
	      std::string(toString(run.verification)) + ": the verify hook " + e.detail);
}

} // namespace

void noteEvidence(RunContext &c, const PollOutcome &e)
{
	JobRun &run = c.run();
	StepRun &s = c.step();
	if (c.isBackupStep()) {
		s.backupSetEndMs = e.finishTimeMs;
		return;
	}
	run.restoreTaskId = s.restoreTaskId;
	run.restoreStartedAtMs = s.startAcceptedMs;
	run.restoreFinishedAtMs = e.finishTimeMs;
	learnRestoredSet(c, e.backupSetId, e.backupPlanId);
}

void completeSteps(RunContext &c)
{
	c.step().phase = StepPhase::Done;
	if (!rtoMissed(c.spec(), c.run()))
		return;
	c.log(LogKind::RtoMissed, Severity::Warning,
	      "the restore took " + ms(*restoreDurationMs(c.run())) + ", longer than rto_objective " +
		      ms(c.spec().rtoObjective->count()) + "; recorded as rto_missed, the run goes on");
}

void startVerify(RunContext &c)
{
	completeSteps(c);
	c.run().drillPhase = DrillPhase::Verifying;
	c.emit(Persist{});
	c.emit(RunHook{HookKind::Verify});
}

void resumeVerify(RunContext &c, const Begin &e)
{
	assert(e.resumed);
	c.log(LogKind::RunResumed, Severity::Notice,
	      "resuming run: its steps succeeded and its verify hook had not finished; it runs again with the same run id");
	c.emit(ArmTimer{TimerKind::Deadline, c.run().deadlineAtMs});
	c.emit(RunHook{HookKind::Verify});
}

void passVerification(RunContext &c, const HookFinished &e)
{
	noteVerdict(c, e, Severity::Warning);
	const bool verified = c.run().verification == Verification::Verified;
	c.finish(Outcome::Succeeded,
		 c.allStepsSucceeded() + (verified ? " and the restored data was verified"
						   : "; the verification did not pass (the verify hook " + e.detail +
							     "), which on_failure: warn lets through"),
		 e.nowMs, LogKind::Succeeded);
}

void failVerification(RunContext &c, const HookFinished &e)
{
	noteVerdict(c, e, Severity::Error);
	c.finish(Outcome::Failed,
		 c.allStepsSucceeded() + ", but " + std::string(toString(c.run().verification)) + ": the verify hook " +
			 e.detail,
		 e.nowMs, LogKind::Failed);
}

void resumeWrapUp(RunContext &c, const Begin &e)
{
	assert(e.resumed);
	c.log(LogKind::RunResumed, Severity::Notice,
	      "resuming run: it " + std::string(toString(c.run().outcome)) +
		      " and its notify hook had not finished; it runs again with the same run id");
	c.emit(RunHook{HookKind::Notify});
}

void endNotify(RunContext &c, const HookFinished &e)
{
	if (!e.exited || e.exitCode != 0)
		c.log(LogKind::NotifyFailed, Severity::Warning,
		      "the notify hook " + e.detail + "; the run's outcome stays " +
			      std::string(toString(c.run().outcome)));
	c.record();
}

} // namespace statemachine
