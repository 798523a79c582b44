// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace testsupport {

// A child process started by a test, with its stdout readable line by line.
// Owned by one test; not thread-safe. The destructor kills (SIGKILL) and reaps
// the child if the test did not, so a failing test never leaks a process.
class Subprocess
{
public:
	// Starts argv[0] with the given arguments. `env` entries are added to (or
	// replace) the test's environment. stderr is inherited unless
	// `stderrFile` names a file to capture it into, or is "-" to merge it
	// into the stdout pipe (so a test can wait for a log line).
	Subprocess(std::vector<std::string> argv, std::map<std::string, std::string> env = {},
		   std::string stderrFile = {});
	~Subprocess();

	Subprocess(const Subprocess &) = delete;
	Subprocess &operator=(const Subprocess &) = delete;

	pid_t pid() const { return pid_; }
	// The read end of the stdout pipe, for a test that polls it together
	// with another descriptor; read it only through readLine()/readRest().
	int stdoutFd() const { return stdoutFd_; }

	// Reads one line of stdout, waiting at most `timeout`. nullopt on EOF or timeout.
	std::optional<std::string> readLine(std::chrono::milliseconds timeout);

	// Everything the child wrote to stdout after the lines already read,
	// up to EOF or `timeout`.
	std::string readRest(std::chrono::milliseconds timeout);

	void signal(int sig);

	// Waits for the child to exit, at most `timeout`. Returns the exit status
	// as from waitpid (use WIFEXITED etc.), or nullopt on timeout.
	std::optional<int> wait(std::chrono::milliseconds timeout);

	bool running();

private:
	pid_t pid_ = -1;
	int stdoutFd_ = -1;
	std::string buffer_;
	std::optional<int> status_;
};

// "listening on http://127.0.0.1:PORT" -> PORT (0 if the line doesn't match).
int portFromListeningLine(const std::string &line);

} // namespace testsupport
