// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace config {

// User bytes made safe for a terminal or the journal: valid UTF-8 passes
// through; control characters become \n, \t, \r or \xNN, and every byte
// that is not part of valid UTF-8 becomes \xNN. Pure.
std::string escapeForDisplay(std::string_view bytes);

// Whether bytes are well-formed UTF-8 (no overlongs, no surrogates). Pure.
bool isValidUtf8(std::string_view bytes);

} // namespace config
