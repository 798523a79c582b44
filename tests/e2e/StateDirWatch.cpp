// SPDX-License-Identifier: Apache-2.0
#include "tests/e2e/StateDirWatch.h"

#include "tests/e2e/DaemonProcess.h"

#include <cerrno>
#include <poll.h>
#include <stdexcept>
#include <string_view>
#include <sys/inotify.h>
#include <unistd.h>

namespace e2e {

using Clock = std::chrono::steady_clock;

StateDirWatch::StateDirWatch(const std::filesystem::path &dir)
{
	fd_ = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (fd_ < 0 || ::inotify_add_watch(fd_, dir.c_str(), IN_MOVED_TO) < 0)
		throw std::runtime_error("inotify on " + dir.string() + " failed");
}

StateDirWatch::~StateDirWatch() { ::close(fd_); }

int StateDirWatch::takeWrites()
{
	int seen = 0;
	alignas(inotify_event) char buf[8192];
	for (;;) {
		ssize_t len = ::read(fd_, buf, sizeof buf);
		if (len <= 0)
			return seen; // EAGAIN: nothing more for now
		for (ssize_t off = 0; off < len;) {
			auto *ev = reinterpret_cast<inotify_event *>(buf + off);
			std::string_view name = ev->len ? std::string_view(ev->name) : std::string_view();
			if (name.size() > 5 && name.substr(name.size() - 5) == ".json" && name != "status.json")
				++seen;
			off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
		}
	}
}

bool StateDirWatch::waitForWrites(int n, std::chrono::milliseconds timeout, DaemonProcess &daemon)
{
	auto deadline = Clock::now() + timeout;
	int seen = 0;
	while (seen < n) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
		if (left.count() <= 0)
			return false;
		pollfd p[2] = {{fd_, POLLIN, 0}, {daemon.outputFd(), POLLIN, 0}};
		int r = ::poll(p, 2, static_cast<int>(left.count()));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		if (p[0].revents & POLLIN)
			seen += takeWrites();
		if ((p[1].revents & (POLLIN | POLLHUP)) && !daemon.readAvailable() && seen < n)
			return false; // the daemon's output ended: it exited
	}
	return true;
}

} // namespace e2e
