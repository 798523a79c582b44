// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "history/DrillRecord.h"

namespace history {

// One record as one line of the history file: a JSON object and '\n'.
// Keys are snake_case in a fixed order, times in epoch milliseconds, an
// unknown value is null; "v" is the format's version (1). Each text is cut
// at 4 KiB, and text that is not valid UTF-8 (a DBS error message can be
// anything) is stored escaped (config::escapeForDisplay), so every line
// stays short and valid JSON. Pure.
std::string encodeLine(const DrillRecord &record);

// Inverse of encodeLine(), for one line without its '\n'. Returns why the
// line cannot be used instead of throwing: a damaged line is expected
// after a crash and must never stop a reader.
std::variant<DrillRecord, std::string> decodeLine(std::string_view line);

} // namespace history
