// SPDX-License-Identifier: Apache-2.0
#include "statemachine/DrillFacts.h"

#include <algorithm>

namespace statemachine {

using config::RunCondition;

const config::CreateRestore *lastCreate(const config::JobSpec &spec, const JobRun &run)
{
	const int last = std::min(run.stepIndex, static_cast<int>(spec.steps.size()) - 1);
	for (int i = last; i >= 0; --i)
		if (const auto *r = std::get_if<config::RestoreStep>(&spec.steps[static_cast<std::size_t>(i)].what))
			return std::get_if<config::CreateRestore>(&r->how);
	return nullptr;
}

std::string drillTaskId(const JobRun &run)
{
	if (!run.restoreTaskId.empty() || run.stepIndex < 0 || run.stepIndex >= static_cast<int>(run.steps.size()))
		return run.restoreTaskId;
	return run.steps[static_cast<std::size_t>(run.stepIndex)].restoreTaskId;
}

Verification verdictOf(const HookFinished &e)
{
	if (!e.exited)
		return Verification::CouldNotVerify;
	return e.exitCode == 0 ? Verification::Verified : Verification::VerificationFailed;
}

std::optional<std::int64_t> restoreDurationMs(const JobRun &run)
{
	if (run.restoreStartedAtMs <= 0 || run.restoreFinishedAtMs <= 0)
		return std::nullopt;
	return run.restoreFinishedAtMs - run.restoreStartedAtMs;
}

bool rtoMissed(const config::JobSpec &spec, const JobRun &run)
{
	auto duration = restoreDurationMs(run);
	return spec.rtoObjective && duration && *duration > spec.rtoObjective->count();
}

std::vector<RunCondition> runConditions(const config::JobSpec &spec, const JobRun &run)
{
	std::vector<RunCondition> out;
	switch (run.outcome) {
	case Outcome::Succeeded: out.push_back(RunCondition::Succeeded); break;
	case Outcome::Failed: out.push_back(RunCondition::Failed); break;
	case Outcome::Cancelled: out.push_back(RunCondition::Cancelled); break;
	case Outcome::None: break;
	}
	if (run.verification == Verification::VerificationFailed)
		out.push_back(RunCondition::VerificationFailed);
	if (run.verification == Verification::CouldNotVerify)
		out.push_back(RunCondition::CouldNotVerify);
	if (rtoMissed(spec, run))
		out.push_back(RunCondition::RtoMissed);
	return out;
}

bool notifies(const config::JobSpec &spec, const JobRun &run)
{
	if (!spec.notify)
		return false;
	const auto &when = spec.notify->when;
	const auto met = runConditions(spec, run);
	return std::any_of(met.begin(), met.end(),
			   [&](RunCondition c) { return std::find(when.begin(), when.end(), c) != when.end(); });
}

} // namespace statemachine
