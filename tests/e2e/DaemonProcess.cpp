// SPDX-License-Identifier: Apache-2.0
#include "tests/e2e/DaemonProcess.h"

#include <csignal>
#include <poll.h>
#include <sys/wait.h>

#include "tests/e2e/Workspace.h"

namespace e2e {

using Clock = std::chrono::steady_clock;

DaemonProcess::DaemonProcess(const Workspace &ws, bool once, std::map<std::string, std::string> env,
			     std::vector<std::string> extraArgs)
{
	std::vector<std::string> argv{restoredPath(), "--config", ws.configFile().string()};
	if (once)
		argv.push_back("--once");
	argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
	// A NOTIFY_SOCKET inherited from a test runner must not receive our
	// daemon's notifications; tests that want them pass their own.
	env.try_emplace("NOTIFY_SOCKET", "");
	process_ = std::make_unique<testsupport::Subprocess>(argv, std::move(env), "-");
}

bool isEvent(const std::string &line, const std::string &event, const std::string &jobId)
{
	const std::string key = "event=" + event;
	std::size_t at = 0;
	for (;; at += key.size()) {
		at = line.find(key, at);
		if (at == std::string::npos)
			return false;
		std::size_t after = at + key.size();
		bool startsField = at == 0 || line[at - 1] == ' ';
		bool endsField = after == line.size() || line[after] == ' ' || line[after] == ':';
		if (startsField && endsField)
			break;
	}
	if (jobId.empty())
		return true;
	auto end = line.find(": ", at); // the fields end where the message begins
	auto job = line.find(" job=" + jobId + " ", at);
	if (job == std::string::npos && end != std::string::npos && end >= at + jobId.size() + 5 &&
	    line.compare(end - jobId.size() - 5, jobId.size() + 5, " job=" + jobId) == 0)
		return true; // the job is the last field
	return job != std::string::npos && (end == std::string::npos || job < end);
}

std::optional<std::size_t> DaemonProcess::waitForLine(const std::function<bool(const std::string &)> &match,
						      std::chrono::milliseconds timeout, std::size_t from)
{
	for (std::size_t i = from; i < lines_.size(); ++i)
		if (match(lines_[i]))
			return i;
	auto deadline = Clock::now() + timeout;
	for (;;) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
		if (left.count() <= 0)
			return std::nullopt;
		auto line = process_->readLine(left);
		if (!line)
			return std::nullopt;
		lines_.push_back(std::move(*line));
		if (match(lines_.back()))
			return lines_.size() - 1;
	}
}

bool DaemonProcess::waitForEvent(const std::string &event, int n, std::chrono::milliseconds timeout,
				 const std::string &jobId)
{
	int seen = 0;
	return waitForLine([&](const std::string &l) { return isEvent(l, event, jobId) && ++seen >= n; }, timeout)
		.has_value();
}

int DaemonProcess::countEvent(const std::string &event, const std::string &jobId) const
{
	return static_cast<int>(eventLines(event, jobId).size());
}

std::vector<std::string> DaemonProcess::eventLines(const std::string &event, const std::string &jobId) const
{
	std::vector<std::string> out;
	for (const auto &l : lines_)
		if (isEvent(l, event, jobId))
			out.push_back(l);
	return out;
}

std::optional<int> DaemonProcess::waitExit(std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	// Drain the pipe first: a daemon blocked on a full pipe never exits.
	waitForLine([](const std::string &) { return false; }, timeout);
	auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
	auto status = process_->wait(std::max(left, std::chrono::milliseconds(100)));
	if (!status || !WIFEXITED(*status))
		return std::nullopt;
	return WEXITSTATUS(*status);
}

bool DaemonProcess::readAvailable()
{
	bool any = false;
	while (auto line = process_->readLine(0ms)) {
		lines_.push_back(std::move(*line));
		any = true;
	}
	if (any)
		return true;
	pollfd p{outputFd(), POLLIN, 0};
	// Hung up: the daemon closed its output (it has exited).
	return !(::poll(&p, 1, 0) > 0 && (p.revents & POLLHUP));
}

void DaemonProcess::kill()
{
	process_->signal(SIGKILL);
	process_->wait(10s);
	// Whatever it printed before dying still counts.
	waitForLine([](const std::string &) { return false; }, 1s);
}

std::string DaemonProcess::output() const
{
	std::string all;
	for (const auto &l : lines_)
		all += l + "\n";
	return all;
}

std::string summaryRow(const std::vector<std::string> &lines, const std::string &jobId)
{
	bool inTable = false;
	for (const auto &l : lines) {
		if (l.rfind("JOB ", 0) == 0 && l.find("OUTCOME") != std::string::npos) {
			inTable = true;
			continue;
		}
		if (inTable && l.rfind(jobId + " ", 0) == 0)
			return l;
	}
	return {};
}

} // namespace e2e
