// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/ControlClient.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/Fd.h"
#include "config/MainConfig.h"

namespace restored::os {

namespace {

using Clock = std::chrono::steady_clock;

ControlClientError failed(const std::filesystem::path &path, const std::string &what)
{
	return {false, "control socket " + path.string() + ": " + what};
}

} // namespace

ControlClient::ControlClient(std::filesystem::path socketPath, std::chrono::milliseconds timeout)
	: path_(std::move(socketPath)), timeout_(timeout)
{}

std::variant<std::string, ControlClientError> ControlClient::ask(const std::string &requestLine) const
{
	const auto deadline = Clock::now() + timeout_;
	if (path_.native().size() > config::maxControlSocketPath)
		return failed(path_, "the path is too long for a socket");
	base::Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (!fd.valid())
		return failed(path_, std::string("cannot create a socket: ") + std::strerror(errno));
	// connect() waits only while the daemon's backlog is full, and send()
	// while its buffer is: the send timeout bounds both.
	auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout_).count();
	timeval tv{static_cast<time_t>(us / 1000000), static_cast<suseconds_t>(us % 1000000)};
	::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);

	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	std::memcpy(addr.sun_path, path_.c_str(), path_.native().size());
	if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
		int err = errno;
		if (err == ENOENT || err == ECONNREFUSED)
			return ControlClientError{true, "no daemon listens on " + path_.string()};
		if (err == EACCES || err == EPERM)
			return failed(path_, "permission denied (it is for root and the daemon's user)");
		if (err == EAGAIN || err == EINPROGRESS)
			return failed(path_, "the daemon did not accept the connection in time");
		return failed(path_, std::strerror(err));
	}
	// A refused peer is answered and closed before it sends: a failed send
	// still leaves that answer to read.
	for (std::size_t sent = 0; sent < requestLine.size();) {
		auto n = ::send(fd.get(), requestLine.data() + sent, requestLine.size() - sent, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sent += static_cast<std::size_t>(n);
	}
	::shutdown(fd.get(), SHUT_WR);

	std::string answer;
	char buf[65536];
	for (;;) {
		auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
		if (left <= 0)
			return failed(path_, "no complete answer within " + std::to_string(timeout_.count()) + " ms");
		pollfd p{fd.get(), POLLIN, 0};
		int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60000)));
		if (ready < 0 && errno != EINTR)
			return failed(path_, std::strerror(errno));
		if (ready <= 0)
			continue;
		auto n = ::read(fd.get(), buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		// The daemon closes a refused peer with its request unread, which
		// the kernel reports as a reset after the answer.
		if (n == 0 || (n < 0 && errno == ECONNRESET && !answer.empty()))
			break;
		if (n < 0)
			return failed(path_, std::strerror(errno));
		answer.append(buf, static_cast<std::size_t>(n));
		if (answer.size() > maxAnswerBytes)
			return failed(path_, "the answer is larger than " + std::to_string(maxAnswerBytes) + " bytes");
	}
	if (answer.empty())
		return failed(path_, "the daemon closed the connection without an answer");
	return answer;
}

} // namespace restored::os
