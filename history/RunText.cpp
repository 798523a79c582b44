// SPDX-License-Identifier: Apache-2.0
#include "history/RunText.h"

#include <chrono>

#include "base/UtcTime.h"
#include "config/Duration.h"

namespace history {

std::string durationText(const std::optional<std::int64_t> &ms)
{
	if (!ms || *ms < 0)
		return "-";
	return config::formatDuration(std::chrono::seconds(*ms / 1000));
}

std::string timeText(const std::optional<std::int64_t> &ms) { return ms ? base::formatUtc(*ms) : "-"; }

std::string outcomeText(const DrillRecord &r)
{
	std::string s(toString(r.outcome));
	if (r.verification != Verification::None)
		s += "/" + std::string(toString(r.verification));
	return s;
}

std::string rtoText(const DrillRecord &r)
{
	auto met = rtoMet(r);
	return met ? (*met ? "met" : "missed") : "-";
}

std::string_view statusClass(const DrillRecord &r)
{
	if (r.outcome == DrillOutcome::Failed)
		return "failed";
	if (r.outcome == DrillOutcome::Cancelled)
		return "cancelled";
	switch (r.verification) {
	case Verification::Verified: return "verified";
	case Verification::None: return "succeeded";
	case Verification::VerificationFailed:
	case Verification::CouldNotVerify: break;
	}
	return "unverified";
}

} // namespace history
