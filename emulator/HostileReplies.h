// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "emulator/FaultPlan.h"
#include "emulator/HttpMessage.h"

namespace emulator {

// The hostile fault kinds (huge_body ... out_of_range) applied to the real
// reply r: what can be said in bytes is done here, what needs the socket is
// left to HttpServer as a Delivery. Pure.
HttpResponse hostileReply(HttpResponse r, FaultKind kind);

// How much of an endless header HttpServer sends before it gives up on a
// client that never stops reading, so the emulator stays bounded too.
inline constexpr std::size_t endlessHeaderCapBytes = 256 * 1024 * 1024;
inline constexpr std::int64_t slowlorisByteIntervalMs = 100;

} // namespace emulator
