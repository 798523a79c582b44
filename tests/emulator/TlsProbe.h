// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>

namespace emutest {

// One HTTPS GET to 127.0.0.1:port over OpenSSL, verifying the server
// against caFile (and the IP 127.0.0.1). Returns the raw reply bytes;
// throws std::runtime_error with OpenSSL's reason on any failure.
std::string tlsGet(int port, const std::string &path, const std::string &caFile, std::chrono::milliseconds timeout);

} // namespace emutest
