// SPDX-License-Identifier: Apache-2.0
#include "metrics/DrillOutcome.h"

namespace metrics {

std::string_view toString(DrillOutcome o)
{
	// The run outcomes keep the state machine's own names (status.json,
	// the summary and the journal say them the same way).
	switch (o) {
	case DrillOutcome::Succeeded: return statemachine::toString(statemachine::Outcome::Succeeded);
	case DrillOutcome::Failed: return statemachine::toString(statemachine::Outcome::Failed);
	case DrillOutcome::Cancelled: return statemachine::toString(statemachine::Outcome::Cancelled);
	case DrillOutcome::Verified: return "verified";
	case DrillOutcome::VerificationFailed: return "verification_failed";
	case DrillOutcome::CouldNotVerify: return "could_not_verify";
	case DrillOutcome::RtoMissed: return "rto_missed";
	}
	return "?";
}

std::optional<DrillOutcome> drillOutcome(statemachine::Outcome run, Verification verification, bool rtoMissed)
{
	// No default: a new run outcome must be given its label here.
	switch (run) {
	case statemachine::Outcome::None: return std::nullopt;
	case statemachine::Outcome::Cancelled: return DrillOutcome::Cancelled;
	case statemachine::Outcome::Failed:
	case statemachine::Outcome::Succeeded: break;
	}
	if (verification == Verification::Failed)
		return DrillOutcome::VerificationFailed;
	if (verification == Verification::CouldNotVerify)
		return DrillOutcome::CouldNotVerify;
	if (run == statemachine::Outcome::Failed)
		return DrillOutcome::Failed;
	if (rtoMissed)
		return DrillOutcome::RtoMissed;
	if (verification == Verification::Verified)
		return DrillOutcome::Verified;
	return DrillOutcome::Succeeded;
}

} // namespace metrics
