// SPDX-License-Identifier: Apache-2.0
#include "statemachine/DrillActions.h"

#include <cassert>

#include "statemachine/DrillFacts.h"
#include "statemachine/RunContext.h"

namespace statemachine {

namespace {

// The set a restore step restores, when DBS did not say: the one its spec
// names, or the one the run's last backup step before it made.
std::string specifiedSet(const RunContext &c)
{
	const auto *create = std::get_if<config::CreateRestore>(&std::get<config::RestoreStep>(c.specStep().what).how);
	if (!create)
		return {};
	if (const auto *byId = std::get_if<config::BackupSetById>(&create->source))
		return byId->id;
	if (!std::holds_alternative<config::FromPreviousBackup>(create->source))
		return {};
	for (int i = c.run().stepIndex - 1; i >= 0; --i)
		if (const auto &s = c.run().steps[static_cast<std::size_t>(i)]; !s.createdFullBackupSetId.empty())
			return s.createdFullBackupSetId;
	return {};
}

// The end time of a set one of the run's backup steps made and saw finish.
std::int64_t endOfSet(const JobRun &run, const std::string &setId)
{
	for (const auto &s : run.steps)
		if (!setId.empty() && s.createdFullBackupSetId == setId)
			return s.backupSetEndMs;
	return 0;
}

void noteVerdict(RunContext &c, const HookFinished &e, Severity failure)
{
	JobRun &run = c.run();
	run.verification = verdictOf(e);
	run.verificationDetail = e.detail;
	const bool verified = run.verification == Verification::Verified;
	c.log(LogKind::Verification, verified ? Severity::Notice : failure,
	      std::string(toString(run.verification)) + ": the verify hook " + e.detail);
}

std::string allSteps(const RunContext &c)
{
	return "all " + std::to_string(c.run().steps.size()) + " steps succeeded";
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
	run.backupSetId = e.backupSetId.empty() ? specifiedSet(c) : e.backupSetId;
	run.backupSetEndMs = endOfSet(run, run.backupSetId);
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
	         allSteps(c) + (verified ? " and the restored data was verified"
	                                 : "; the verification did not pass (the verify hook " + e.detail +
	                                       "), which on_failure: warn lets through"),
	         e.nowMs, LogKind::Succeeded);
}

void failVerification(RunContext &c, const HookFinished &e)
{
	noteVerdict(c, e, Severity::Error);
	c.finish(Outcome::Failed,
	         allSteps(c) + ", but " + std::string(toString(c.run().verification)) + ": the verify hook " + e.detail,
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
