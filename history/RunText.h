// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "history/DrillRecord.h"

namespace history {

// How one run's values read, shared by `--history`'s tables and the HTML
// report so that the two never word the same run differently. Pure.

// Whole seconds, "1h12m5s" (a drill is judged to the second); "-" when unknown.
std::string durationText(const std::optional<std::int64_t> &ms);
// RFC 3339 UTC; "-" when unknown.
std::string timeText(const std::optional<std::int64_t> &ms);
// The outcome, with "/<verification>" when the job has a verify hook.
std::string outcomeText(const DrillRecord &r);
// "met", "missed", or "-" without an objective or a finished restore.
std::string rtoText(const DrillRecord &r);

// One word for how the run went, as a CSS class: "verified", "succeeded"
// (no verify hook), "unverified" (the verification failed or could not
// run), "failed" or "cancelled".
std::string_view statusClass(const DrillRecord &r);

} // namespace history
