// SPDX-License-Identifier: Apache-2.0
#include "statemachine/PollActions.h"

#include "statemachine/ErrorLookup.h"
#include "statemachine/RunContext.h"
#include "statemachine/RunGuards.h"
#include "statemachine/SetEvidence.h"

namespace statemachine {

void requestPoll(RunContext &c)
{
	const StepRun &s = c.step();
	if (c.isBackupStep())
		c.emit(WantBackupSetPoll{s.backupPlanId, s.createdFullBackupSetId});
	else
		c.emit(WantPoll{s.restoreTaskId});
}

void startPolling(RunContext &c, std::int64_t nowMs)
{
	JobRun &run = c.run();
	c.step().phase = StepPhase::Polling;
	run.lastProgress = {};
	run.lastStatus.clear();
	run.lastProgressChangeMs = nowMs;
	run.paused = false;
	c.emit(Persist{});
	c.emit(ArmTimer{TimerKind::Stall, nowMs + c.spec().stallTimeout.count()});
	requestPoll(c);
}

void settleStart(RunContext &c, const PollOutcome &e)
{
	StepRun &s = c.step();
	JobRun &run = c.run();
	if (c.isBackupStep())
		return;
	const bool init = isNotStarted(e.status);
	s.initPolls = init ? s.initPolls + 1 : 0;
	if (s.startAcceptedMs == 0)
		s.startAcceptedMs = e.nowMs; // a record from before the field existed
	if (!s.startUnconfirmed || init)
		return;
	s.startUnconfirmed = false;
	s.startAcceptedMs = e.nowMs;
	run.errCode.clear();
	run.errMessage.clear();
	run.requestId.clear();
	c.log(LogKind::StartAdopted, Severity::Notice,
	      "restore task " + s.restoreTaskId + " is '" + e.status +
		      "': the refused StartRestoreTask had taken effect; following the task");
	c.emit(Persist{});
}

void notePoll(RunContext &c, const PollOutcome &e)
{
	settleStart(c, e);
	if (!c.isBackupStep())
		learnRestoredSet(c, e.backupSetId, e.backupPlanId);
	JobRun &run = c.run();
	const std::int64_t stallTimeout = c.spec().stallTimeout.count();
	bool persist = false;
	if (e.status != run.lastStatus || e.progress != run.lastProgress) {
		run.lastStatus = e.status;
		run.lastProgress = e.progress;
		run.lastProgressChangeMs = e.nowMs;
		persist = true;
		const auto &p = e.progress;
		c.log(LogKind::Progress, Severity::Info,
		      "status " + e.status + ", progress " + std::to_string(p[0]) + "/" + std::to_string(p[1]) + "/" +
			      std::to_string(p[2]) + "/" + std::to_string(p[3]));
		c.emit(ArmTimer{TimerKind::Stall, e.nowMs + stallTimeout});
	}
	const bool nowPaused = pollVerdict(e) == RestoreVerdict::Paused;
	if (nowPaused != run.paused) {
		run.paused = nowPaused;
		persist = true;
		if (nowPaused) {
			c.log(LogKind::Paused, Severity::Notice,
			      "the task is paused on DBS; still polling, and the deadline still applies");
		} else {
			// Time spent paused does not count towards a stall.
			run.lastProgressChangeMs = e.nowMs;
			c.emit(ArmTimer{TimerKind::Stall, e.nowMs + stallTimeout});
			c.log(LogKind::Unpaused, Severity::Notice, "the task is no longer paused");
		}
	}
	if (const std::string contradiction = pollContradiction(e);
	    !contradiction.empty() && !run.unknownStatusLogged) {
		run.unknownStatusLogged = true;
		persist = true;
		c.log(LogKind::UnknownStatus, Severity::Warning,
		      "contradictory or unknown evidence: " + contradiction +
			      "; not a success, polling on until the deadline (logged once per run)");
	}
	if (persist)
		c.emit(Persist{});
	c.emit(ArmTimer{TimerKind::Poll, e.nowMs + c.spec().pollInterval.count()});
	// init can mean "the precheck failed" (seed 002): after a few polls,
	// and then every fifth, and after a refused start at once, ask DBS
	// whether it has an error for the task.
	askQuestion(c, e);
}

void dropPoll(RunContext &c, const PollOutcome &e)
{
	c.log(LogKind::EventIgnored, Severity::Debug,
	      std::string("poll result for ") +
		      (e.subject == PollSubject::BackupSet ? "backup set " : "restore task ") + e.id +
		      ", which this step does not watch");
}

void dropGone(RunContext &c, const TaskGone &e)
{
	c.log(LogKind::EventIgnored, Severity::Debug,
	      "restore task " + e.restoreTaskId + " is gone, but this step does not watch it");
}

} // namespace statemachine
