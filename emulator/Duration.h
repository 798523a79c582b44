// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace emulator {

// Parses "90s", "20m", "2h", "500ms", "1h30m" (a sum of number+unit parts)
// into milliseconds. Pure. Returns nullopt on anything else, including "".
std::optional<std::int64_t> parseDurationMs(std::string_view text);

} // namespace emulator
