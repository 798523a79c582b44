// SPDX-License-Identifier: Apache-2.0
#include "tests/support/NotifySocket.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace testsupport {

using Clock = std::chrono::steady_clock;

NotifySocket::NotifySocket(std::filesystem::path path) : path_(std::move(path))
{
	fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd_ < 0)
		throw std::runtime_error("socket(AF_UNIX) failed");
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	if (path_.string().size() >= sizeof addr.sun_path)
		throw std::runtime_error("notify socket path too long: " + path_.string());
	std::strcpy(addr.sun_path, path_.c_str());
	if (::bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
		throw std::runtime_error("bind " + path_.string() + ": " + std::strerror(errno));
}

NotifySocket::~NotifySocket()
{
	::close(fd_);
	::unlink(path_.c_str());
}

std::optional<std::string> NotifySocket::receive(std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	for (;;) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
		pollfd p{fd_, POLLIN, 0};
		int r = ::poll(&p, 1, std::max<int>(0, static_cast<int>(left.count())));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return std::nullopt;
		char buf[4096];
		ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
		if (n < 0)
			return std::nullopt;
		received_.emplace_back(buf, static_cast<std::size_t>(n));
		return received_.back();
	}
}

bool NotifySocket::waitFor(const std::string &field, std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	for (;;) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
		if (left.count() <= 0)
			return false;
		auto d = receive(left);
		if (!d)
			return false;
		if (hasField(*d, field))
			return true;
	}
}

bool hasField(const std::string &datagram, const std::string &field)
{
	std::size_t start = 0;
	while (start <= datagram.size()) {
		auto nl = datagram.find('\n', start);
		auto line = datagram.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
		if (line == field)
			return true;
		if (nl == std::string::npos)
			return false;
		start = nl + 1;
	}
	return false;
}

} // namespace testsupport
