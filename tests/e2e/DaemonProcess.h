// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/Subprocess.h"

namespace e2e {

class Workspace;

using namespace std::chrono_literals;

// One dbs-restored process with stderr merged into stdout; every line it
// prints is kept so a test can wait for a log line and assert on the whole
// output afterwards. Owned by one test; not thread-safe. Waiting only ever
// blocks on the child's pipe or its pidfd, with a deadline.
class DaemonProcess
{
public:
	DaemonProcess(const Workspace &ws, bool once, std::map<std::string, std::string> env = {},
		      std::vector<std::string> extraArgs = {});

	// Reads lines until one satisfies `match` (also checks lines already
	// read after `from`). Returns its index, or nullopt at EOF or timeout.
	std::optional<std::size_t> waitForLine(const std::function<bool(const std::string &)> &match,
					       std::chrono::milliseconds timeout, std::size_t from = 0);
	// Waits for the n-th (1-based) line of `event=<name>` (optionally for
	// one job) since the start of this process.
	bool waitForEvent(const std::string &event, int n, std::chrono::milliseconds timeout,
			  const std::string &jobId = {});
	int countEvent(const std::string &event, const std::string &jobId = {}) const;
	// Lines of one event (optionally one job).
	std::vector<std::string> eventLines(const std::string &event, const std::string &jobId = {}) const;

	// Reads the rest of the output and waits for the exit; the exit code,
	// or nullopt when the process did not exit in time or died by a signal.
	std::optional<int> waitExit(std::chrono::milliseconds timeout);
	// The output pipe (to poll with another descriptor) and a read of the
	// lines already available there, without waiting; false at EOF.
	int outputFd() const { return process_->stdoutFd(); }
	bool readAvailable();
	void signal(int sig) { process_->signal(sig); }
	void kill();

	const std::vector<std::string> &lines() const { return lines_; }
	std::string output() const;

private:
	std::unique_ptr<testsupport::Subprocess> process_;
	std::vector<std::string> lines_;
};

bool isEvent(const std::string &line, const std::string &event, const std::string &jobId = {});

// The summary table's row of one job (from a --once run), or "" if absent.
std::string summaryRow(const std::vector<std::string> &lines, const std::string &jobId);

} // namespace e2e
