// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>

namespace restored::os {

// Why the daemon gave no answer.
struct ControlClientError {
	// Nobody listens at the path (no file, or its daemon is gone): the
	// daemon is not running, which --status takes as "read status.json".
	bool noDaemon = false;
	std::string message;
};

// The command line's side of the control socket: sends one request line
// and reads the daemon's whole answer. Blocking, with one deadline for the
// whole exchange, so a wedged daemon cannot hang the command.
//
// A plain value owned by its caller; one thread.
class ControlClient
{
public:
	// An answer larger than this is refused (a status report of 100,000
	// jobs is about 50 MB).
	static constexpr std::size_t maxAnswerBytes = 256u << 20;

	ControlClient(std::filesystem::path socketPath, std::chrono::milliseconds timeout);

	// `requestLine` as formatControlRequest made it. The answer's text, or
	// why there is none.
	std::variant<std::string, ControlClientError> ask(const std::string &requestLine) const;

private:
	std::filesystem::path path_;
	std::chrono::milliseconds timeout_;
};

} // namespace restored::os
