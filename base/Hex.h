// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace base {

// Raw bytes as lower-case hex, two digits a byte: how digests and nonces
// are written on the wire and in job files. Pure; any thread.
std::string hexLower(std::string_view raw);

} // namespace base
