// SPDX-License-Identifier: Apache-2.0
#include "history/DrillRecord.h"

namespace history {

std::optional<std::int64_t> restoreDurationMs(const DrillRecord &r)
{
	if (!r.restoreStartedAtMs || !r.restoreFinishedAtMs)
		return std::nullopt;
	return *r.restoreFinishedAtMs - *r.restoreStartedAtMs;
}

std::int64_t endToEndMs(const DrillRecord &r) { return r.finishedAtMs - r.startedAtMs; }

std::optional<std::int64_t> backupSetAgeMs(const DrillRecord &r)
{
	if (!r.restoreStartedAtMs || !r.backupSetEndMs)
		return std::nullopt;
	return *r.restoreStartedAtMs - *r.backupSetEndMs;
}

std::optional<bool> rtoMet(const DrillRecord &r)
{
	auto duration = restoreDurationMs(r);
	if (!r.rtoObjectiveMs || !duration)
		return std::nullopt;
	return *duration <= *r.rtoObjectiveMs;
}

std::optional<DrillOutcome> drillOutcomeFromString(std::string_view s)
{
	auto o = statemachine::outcomeFromString(s);
	return o == DrillOutcome::None ? std::nullopt : o;
}

} // namespace history
