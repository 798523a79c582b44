// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <filesystem>

namespace e2e {

class DaemonProcess;

// inotify on the daemon's state directory: reports each job state file
// renamed into place, i.e. each completed (durable) state write. Lets the
// crash test kill the daemon right after a write. Owned by one test.
class StateDirWatch
{
public:
	explicit StateDirWatch(const std::filesystem::path &dir);
	~StateDirWatch();
	StateDirWatch(const StateDirWatch &) = delete;
	StateDirWatch &operator=(const StateDirWatch &) = delete;

	// Waits until `n` more job state files (not status.json) have been
	// written since the last call; false on timeout or when the daemon's
	// output ends. Meanwhile keeps reading the daemon's output, so a
	// chatty daemon never blocks on a full pipe.
	bool waitForWrites(int n, std::chrono::milliseconds timeout, DaemonProcess &daemon);

private:
	int takeWrites();

	int fd_ = -1;
};

} // namespace e2e
