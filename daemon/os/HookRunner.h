// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "daemon/os/HookOutput.h"

namespace boost::asio {
class io_context;
}

namespace restored::os {

// How a hook ended.
struct HookResult {
	enum class Kind {
		Exited,        // code: its exit status
		CouldNotStart, // error: why (the program is missing, not executable, ...)
		TimedOut,      // it ran past its timeout; its process group was killed
		Killed,        // code: the signal that ended it (not ours)
	};
	Kind kind = Kind::CouldNotStart;
	int code = 0;
	std::string error;
	std::uint64_t droppedOutputBytes = 0; // output over the bounds, not handed to onLine
	std::chrono::milliseconds duration{0};
};

std::string_view toString(HookResult::Kind kind);

struct HookRequest {
	std::vector<std::string> argv;        // argv[0]: an absolute path (no shell, no PATH lookup)
	std::vector<std::string> environment; // "NAME=value": the whole environment (HookEnvironment.h)
	std::chrono::milliseconds timeout{std::chrono::minutes(10)};
	// After the timeout's SIGTERM, how long the group has before SIGKILL.
	std::chrono::milliseconds killGrace{std::chrono::seconds(5)};
	// Once the hook's main process has exited (and its group been killed),
	// how long to wait for the rest of its output: a process that left the
	// group (setsid) may hold the pipes open forever.
	std::chrono::milliseconds drainTimeout{std::chrono::seconds(1)};
	std::size_t maxLineBytes = 4096;
	std::size_t maxOutputBytes = 256 * 1024;
};

// Runs one hook as a child process, the way docs/operations.md ("Restore
// drills") promises: no shell; its own process group, so a timeout kills
// every process it started; stdin from /dev/null; no descriptor of the
// daemon but the two output pipes; stdout and stderr handed to onLine line
// by line (HookOutput's bounds); the exact environment of the request.
// When the main process exits, whatever it left running in its group is
// killed too, so a hook ends when it says it does.
//
// The child is reaped through a pidfd (Linux >= 5.3), never waitpid(-1),
// so it cannot race with any other child of the process.
//
// Owned by whoever runs the hook (one object per hook run); every method
// runs on the io_context's thread, and onLine and onDone are called there,
// never from inside start(). Destroying it while the hook runs kills the
// process group and reaps the child (briefly blocking), and calls nothing.
class HookRunner
{
public:
	using LineHandler = std::function<void(const HookOutput::Line &line)>;
	using DoneHandler = std::function<void(const HookResult &result)>;

	explicit HookRunner(boost::asio::io_context &io);
	explicit HookRunner(boost::asio::any_io_executor executor);
	~HookRunner();
	HookRunner(const HookRunner &) = delete;
	HookRunner &operator=(const HookRunner &) = delete;

	// At most once per object. onDone is called exactly once.
	void start(HookRequest request, LineHandler onLine, DoneHandler onDone);
	// The hook's pid (and process group) while it runs, else -1.
	pid_t pid() const;

private:
	struct Impl;
	std::shared_ptr<Impl> impl_;
};

} // namespace restored::os
