// SPDX-License-Identifier: Apache-2.0
#include "history/RunRecord.h"

#include <cassert>

#include "statemachine/DrillFacts.h"

namespace history {

using statemachine::Outcome;

namespace {

std::optional<std::int64_t> known(std::int64_t ms) { return ms > 0 ? std::optional(ms) : std::nullopt; }

DrillOutcome drillOutcome(Outcome o)
{
	assert(o != Outcome::None && "only a decided run is recorded");
	return o == Outcome::None ? Outcome::Failed : o;
}

} // namespace

DrillRecord drillRecordOf(const config::JobSpec &spec, const statemachine::JobRun &run)
{
	DrillRecord r;
	r.jobId = run.jobId;
	r.runId = run.runId;
	r.startedAtMs = run.startedAtMs;
	r.finishedAtMs = run.finishedAtMs;
	r.outcome = drillOutcome(run.outcome);
	r.verification = run.verification;
	r.verificationDetail = run.verificationDetail;
	r.restoreStartedAtMs = known(run.restoreStartedAtMs);
	r.restoreFinishedAtMs = known(run.restoreFinishedAtMs);
	r.backupSetEndMs = known(run.backupSetEndMs);
	if (spec.rtoObjective)
		r.rtoObjectiveMs = spec.rtoObjective->count();
	r.restoreTaskId = statemachine::drillTaskId(run);
	r.backupPlanId = run.backupPlanId;
	if (const auto *create = statemachine::lastCreate(spec, run); create && r.backupPlanId.empty())
		r.backupPlanId = create->backupPlanId; // a record from before the run kept its plan
	r.backupSetId = run.backupSetId;
	if (run.outcome != Outcome::Succeeded)
		r.reason = run.reason;
	return r;
}

} // namespace history
