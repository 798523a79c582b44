// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dbs {

// Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110 §5.6.7),
// the form of `Date` and of a `Retry-After` that is not delta-seconds.
// Pure; nullopt for anything else (the obsolete RFC 850 and asctime forms
// are not produced by the Alibaba Cloud gateway, so they are not read).
std::optional<std::chrono::sys_seconds> parseHttpDate(std::string_view s);

// The IMF-fixdate of t, as a server's `Date` header carries it. Pure.
std::string formatHttpDate(std::chrono::sys_seconds t);

} // namespace dbs
