// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "statemachine/JobRun.h"

namespace metrics {

// How one drill ended, as the `outcome` label says it. The run outcomes
// are the state machine's (statemachine::Outcome); the verification
// outcomes and rto_missed are the drill vocabulary of issue 11 (verify
// hook: verified, verification_failed, could_not_verify; a restore slower
// than its rto_objective: rto_missed), the same words its `notify.when`
// takes (daemon/JobSnapshots.h reads them from the finished run).
enum class DrillOutcome {
	Succeeded,
	Failed,
	Cancelled,
	Verified,
	VerificationFailed,
	CouldNotVerify,
	RtoMissed,
};

inline constexpr std::array<DrillOutcome, 7> drillOutcomes{
	DrillOutcome::Succeeded,          DrillOutcome::Failed,         DrillOutcome::Cancelled, DrillOutcome::Verified,
	DrillOutcome::VerificationFailed, DrillOutcome::CouldNotVerify, DrillOutcome::RtoMissed,
};

inline constexpr std::size_t indexOf(DrillOutcome o) { return static_cast<std::size_t>(o); }

std::string_view toString(DrillOutcome o);

// What a run's verify hook said; NotRun when the job has none (or the
// restore failed before it).
enum class Verification { NotRun, Verified, Failed, CouldNotVerify };

// The one outcome a finished run is labelled with, the most telling first:
// a cancelled run; a verification that did not pass (whether on_failure
// made the run fail or only warn); a failed run; a restore that missed its
// RTO objective; a verified run; a plain success. So an alert on one label
// value sees each problem once. nullopt for a run that has not finished
// (Outcome::None). Pure.
std::optional<DrillOutcome> drillOutcome(statemachine::Outcome run, Verification verification, bool rtoMissed);

} // namespace metrics
