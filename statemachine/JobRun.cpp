// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobRun.h"

#include <utility>

#include "config/NameTable.h"

namespace statemachine {

namespace {

// The names of the run record's enums, as the state file writes them (and,
// for Verification, the drill history and the report).
template<class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<StepPhase, 6> phaseNames{{
	{StepPhase::Pending, "pending"},
	{StepPhase::Creating, "creating"},
	{StepPhase::Starting, "starting"},
	{StepPhase::Polling, "polling"},
	{StepPhase::Done, "done"},
	{StepPhase::Failed, "failed"},
}};

constexpr Names<Outcome, 4> outcomeNames{{
	{Outcome::None, "none"},
	{Outcome::Succeeded, "succeeded"},
	{Outcome::Failed, "failed"},
	{Outcome::Cancelled, "cancelled"},
}};

constexpr Names<DrillPhase, 4> drillPhaseNames{{
	{DrillPhase::Steps, "steps"},
	{DrillPhase::Verifying, "verifying"},
	{DrillPhase::Notifying, "notifying"},
	{DrillPhase::Done, "done"},
}};

constexpr Names<Verification, 4> verificationNames{{
	{Verification::None, "none"},
	{Verification::Verified, "verified"},
	{Verification::VerificationFailed, "verification_failed"},
	{Verification::CouldNotVerify, "could_not_verify"},
}};

} // namespace

std::string_view toString(StepPhase p) { return config::nameOf(phaseNames, p); }
std::string_view toString(Outcome o) { return config::nameOf(outcomeNames, o); }
std::string_view toString(DrillPhase p) { return config::nameOf(drillPhaseNames, p); }
std::string_view toString(Verification v) { return config::nameOf(verificationNames, v); }

std::optional<StepPhase> stepPhaseFromString(std::string_view s) { return config::valueOf(phaseNames, s); }
std::optional<Outcome> outcomeFromString(std::string_view s) { return config::valueOf(outcomeNames, s); }
std::optional<DrillPhase> drillPhaseFromString(std::string_view s) { return config::valueOf(drillPhaseNames, s); }
std::optional<Verification> verificationFromString(std::string_view s) { return config::valueOf(verificationNames, s); }

} // namespace statemachine
