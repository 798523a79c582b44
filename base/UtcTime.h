// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

namespace base {

// Epoch milliseconds as RFC 3339 UTC to the second, "2026-11-22T03:00:05Z"
// (rounded down): the form config::parseRestoreTime reads back, the drill
// records and reports write, and DBS's request Timestamp. Pure.
std::string formatUtc(std::int64_t epochMs);

} // namespace base
