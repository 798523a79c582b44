// SPDX-License-Identifier: Apache-2.0
#include "daemon/DrillHookContext.h"

#include "daemon/RequestFactory.h"
#include "statemachine/DrillFacts.h"

namespace restored {

using statemachine::HookKind;
using statemachine::Outcome;
using statemachine::Verification;

os::HookContext drillHookContext(HookKind kind, const config::JobSpec &spec, const statemachine::JobRun &run)
{
	os::HookContext c;
	c.hook = std::string(statemachine::toString(kind));
	c.jobId = run.jobId;
	c.runId = run.runId;
	// A verify hook runs before the outcome is decided: it is told none.
	if (kind == HookKind::Notify && run.outcome != Outcome::None) {
		c.outcome = std::string(statemachine::toString(run.outcome));
		c.reason = run.reason;
		if (run.verification != Verification::None)
			c.verification = std::string(statemachine::toString(run.verification));
		for (auto condition : statemachine::runConditions(spec, run))
			c.conditions.emplace_back(config::toString(condition));
	}
	c.restoreTaskId = statemachine::drillTaskId(run);
	c.backupSetId = run.backupSetId;
	c.backupPlanId = run.backupPlanId; // DBS's word for an existing task
	if (const auto *create = statemachine::lastCreate(spec, run)) {
		const config::Destination &d = create->destination;
		c.backupPlanId = create->backupPlanId;
		c.instanceId = d.instanceId;
		c.region = d.region;
		c.ip = d.ip;
		c.port = d.port;
		c.user = d.userName;
		for (const auto &o : create->objects)
			c.databases.emplace_back(o.dbName, o.newDbName.empty() ? o.dbName : o.newDbName);
		c.passwordFile = secretPath(d.password);
	}
	c.restoreDurationMs = statemachine::restoreDurationMs(run);
	if (spec.rtoObjective) {
		c.rtoObjectiveMs = spec.rtoObjective->count();
		if (c.restoreDurationMs)
			c.rtoMet = !statemachine::rtoMissed(spec, run);
	}
	return c;
}

} // namespace restored
