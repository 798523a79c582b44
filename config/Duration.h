// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

namespace config {

// Parses a duration written as one or more <integer><unit> parts, units
// ms, s, m, h, d: "500ms", "30s", "5m", "1h30m", "1d". Pure.
// On failure returns the reason (never throws). Zero ("0s") parses; callers
// decide whether zero is meaningful for their key.
std::variant<std::chrono::milliseconds, std::string> parseDuration(std::string_view text);

// The shortest text parseDuration() reads back to d, e.g. "1h30m", "500ms", "0s".
std::string formatDuration(std::chrono::milliseconds d);

} // namespace config
