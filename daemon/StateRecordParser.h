// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "daemon/StateStore.h"

namespace restored {

// One state file's text to its record, or the reason it cannot be used
// (invalid JSON, foreign schema, an id that is not the one its file name
// encodes). Pure; split from StateStore so a fuzzer reaches it without a
// directory.
std::variant<StateStore::Record, std::string> parseStateRecord(std::string_view text, std::string_view fileName);

} // namespace restored
