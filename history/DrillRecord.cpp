// SPDX-License-Identifier: Apache-2.0
#include "history/DrillRecord.h"

#include <array>
#include <utility>

#include "config/NameTable.h"

namespace history {

namespace {

constexpr std::array<std::pair<DrillOutcome, std::string_view>, 3> outcomeNames{{
	{DrillOutcome::Succeeded, "succeeded"},
	{DrillOutcome::Failed, "failed"},
	{DrillOutcome::Cancelled, "cancelled"},
}};

} // namespace

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

std::string_view toString(DrillOutcome o) { return config::nameOf(outcomeNames, o); }

std::optional<DrillOutcome> drillOutcomeFromString(std::string_view s) { return config::valueOf(outcomeNames, s); }

} // namespace history
