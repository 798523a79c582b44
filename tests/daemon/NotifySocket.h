// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "TempDir.h"

namespace restored::test {

// Plays systemd's side of sd_notify: a datagram socket in a temp dir,
// published through $NOTIFY_SOCKET for as long as the object lives.
// Owned by one test; single-threaded.
class NotifySocket
{
public:
	NotifySocket()
	{
		fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (fd_ < 0)
			throw std::runtime_error("socket");
		sockaddr_un addr{};
		addr.sun_family = AF_UNIX;
		path_ = (dir_.path() / "notify").string();
		if (path_.size() >= sizeof addr.sun_path)
			throw std::runtime_error("socket path too long");
		path_.copy(addr.sun_path, path_.size());
		if (::bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
			throw std::runtime_error("bind");
		::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
	}
	~NotifySocket()
	{
		::unsetenv("NOTIFY_SOCKET");
		::close(fd_);
	}
	NotifySocket(const NotifySocket &) = delete;
	NotifySocket &operator=(const NotifySocket &) = delete;

	// One datagram if one is queued; never blocks.
	std::optional<std::string> tryReceive()
	{
		char buf[4096];
		ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
		if (n < 0)
			return std::nullopt;
		return std::string(buf, static_cast<std::size_t>(n));
	}

private:
	TempDir dir_;
	std::string path_;
	int fd_ = -1;
};

} // namespace restored::test
