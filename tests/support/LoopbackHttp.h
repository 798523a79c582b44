// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>

namespace testsupport {

struct HttpReply {
	int status = 0;
	std::string body;
};

// A blocking HTTP/1.0 GET to 127.0.0.1:port, for tests that read the
// emulator's /_emulator/state. Deliberately independent of the product's
// client so a bug there cannot hide in the tests. Throws std::runtime_error
// on connection failure or timeout.
HttpReply loopbackGet(int port, const std::string &path, std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace testsupport
