// SPDX-License-Identifier: Apache-2.0
#include "tests/support/Subprocess.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace testsupport {

namespace {

using Clock = std::chrono::steady_clock;

int remainingMs(Clock::time_point deadline)
{
	auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
	return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

} // namespace

Subprocess::Subprocess(std::vector<std::string> argv, std::map<std::string, std::string> env, std::string stderrFile)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		throw std::runtime_error("pipe2 failed");

	std::vector<std::string> envStrings;
	for (char **e = environ; *e; ++e) {
		std::string kv(*e);
		auto name = kv.substr(0, kv.find('='));
		if (!env.count(name))
			envStrings.push_back(kv);
	}
	for (auto &[k, v] : env)
		envStrings.push_back(k + "=" + v);

	std::vector<char *> cargv, cenv;
	for (auto &a : argv)
		cargv.push_back(a.data());
	cargv.push_back(nullptr);
	for (auto &e : envStrings)
		cenv.push_back(e.data());
	cenv.push_back(nullptr);

	pid_ = fork();
	if (pid_ < 0)
		throw std::runtime_error("fork failed");
	if (pid_ == 0) {
		dup2(fds[1], STDOUT_FILENO);
		if (stderrFile == "-") {
			dup2(fds[1], STDERR_FILENO);
		} else if (!stderrFile.empty()) {
			int errFd = open(stderrFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
			if (errFd >= 0)
				dup2(errFd, STDERR_FILENO);
		}
		execve(cargv[0], cargv.data(), cenv.data());
		_exit(127);
	}
	close(fds[1]);
	stdoutFd_ = fds[0];
}

Subprocess::~Subprocess()
{
	if (running()) {
		kill(pid_, SIGKILL);
		wait(std::chrono::seconds(10));
	}
	if (stdoutFd_ >= 0)
		close(stdoutFd_);
}

std::optional<std::string> Subprocess::readLine(std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	for (;;) {
		auto nl = buffer_.find('\n');
		if (nl != std::string::npos) {
			std::string line = buffer_.substr(0, nl);
			buffer_.erase(0, nl + 1);
			return line;
		}
		pollfd p{stdoutFd_, POLLIN, 0};
		int r = poll(&p, 1, remainingMs(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return std::nullopt;
		char chunk[4096];
		ssize_t n = read(stdoutFd_, chunk, sizeof chunk);
		if (n <= 0)
			return std::nullopt;
		buffer_.append(chunk, static_cast<size_t>(n));
	}
}

std::string Subprocess::readRest(std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	for (;;) {
		pollfd p{stdoutFd_, POLLIN, 0};
		int r = poll(&p, 1, remainingMs(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		char chunk[4096];
		ssize_t n = read(stdoutFd_, chunk, sizeof chunk);
		if (n <= 0)
			break;
		buffer_.append(chunk, static_cast<size_t>(n));
	}
	std::string out;
	out.swap(buffer_);
	return out;
}

void Subprocess::signal(int sig)
{
	if (running())
		kill(pid_, sig);
}

std::optional<int> Subprocess::wait(std::chrono::milliseconds timeout)
{
	if (status_)
		return status_;
	// A pidfd becomes readable when the child exits, so this waits for the
	// exit itself rather than for time to pass.
	int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
	if (pidfd >= 0) {
		pollfd p{pidfd, POLLIN, 0};
		auto deadline = Clock::now() + timeout;
		int r;
		do {
			r = poll(&p, 1, remainingMs(deadline));
		} while (r < 0 && errno == EINTR);
		close(pidfd);
		if (r <= 0)
			return std::nullopt;
	}
	int status = 0;
	if (waitpid(pid_, &status, pidfd >= 0 ? 0 : WNOHANG) != pid_)
		return std::nullopt;
	status_ = status;
	return status_;
}

bool Subprocess::running()
{
	if (pid_ <= 0 || status_)
		return false;
	int status = 0;
	pid_t r = waitpid(pid_, &status, WNOHANG);
	if (r == pid_) {
		status_ = status;
		return false;
	}
	return r == 0;
}

int portFromListeningLine(const std::string &line)
{
	auto colon = line.rfind(':');
	if (line.rfind("listening on ", 0) != 0 || colon == std::string::npos)
		return 0;
	return std::atoi(line.c_str() + colon + 1);
}

} // namespace testsupport
