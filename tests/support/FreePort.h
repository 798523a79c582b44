// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace testsupport {

// A loopback TCP port that nobody listens on right now, for servers that
// cannot be told port 0 and report the one they got (mariadbd,
// prometheus). Another process may take it before the server binds it, so
// callers retry a start that fails with "address in use". Throws
// std::runtime_error when no port can be had. Any thread.
int freeLoopbackPort();

} // namespace testsupport
