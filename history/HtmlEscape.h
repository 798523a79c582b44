// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace history {

// User bytes (a job id, a DBS message, a verify hook's detail) as HTML text
// or a quoted attribute value. The bytes first go through
// config::escapeForDisplay, so a control character or invalid UTF-8 shows
// as \xNN instead of being dropped or swapped for U+FFFD by the browser;
// then & < > " ' become character references, so no user string can open
// a tag or leave an attribute. Pure.
std::string escapeHtml(std::string_view userBytes);

} // namespace history
