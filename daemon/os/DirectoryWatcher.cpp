// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/DirectoryWatcher.h"

#include <cerrno>
#include <cstring>
#include <system_error>

#include <sys/inotify.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>

namespace restored::os {

namespace {

constexpr uint32_t watchMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF |
			       IN_MOVE_SELF | IN_ONLYDIR;

int openInotify()
{
	int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		throw std::system_error(errno, std::generic_category(), "inotify_init1");
	return fd;
}

} // namespace

DirectoryWatcher::DirectoryWatcher(boost::asio::any_io_executor ex, std::filesystem::path dir,
				   std::chrono::milliseconds debounce, std::chrono::milliseconds rescanInterval,
				   Callback callback)
	: dir_(std::move(dir)), debounce_(debounce), rescanInterval_(rescanInterval), callback_(std::move(callback)),
	  inotify_(ex, openInotify()), debounceTimer_(ex), rescanTimer_(ex)
{
	wd_ = ::inotify_add_watch(inotify_.native_handle(), dir_.c_str(), watchMask);
	if (wd_ < 0)
		throw std::system_error(errno, std::generic_category(), "cannot watch " + dir_.string());
}

void DirectoryWatcher::start()
{
	stopped_ = false;
	read();
	armRescan();
}

void DirectoryWatcher::stop()
{
	stopped_ = true;
	boost::system::error_code ignored;
	inotify_.cancel(ignored);
	debounceTimer_.cancel();
	rescanTimer_.cancel();
	debounceArmed_ = false;
	pending_ = {};
}

void DirectoryWatcher::read()
{
	inotify_.async_read_some(boost::asio::buffer(buffer_), [this](boost::system::error_code ec, std::size_t bytes) {
		if (ec == boost::asio::error::operation_aborted)
			return; // stopped or destroyed: `this` may be gone
		if (stopped_)
			return;
		if (ec) {
			// The periodic rescan keeps us correct without inotify.
			pending_.fullRescan = true;
			armDebounce();
			return;
		}
		parse(bytes);
		read();
	});
}

void DirectoryWatcher::parse(std::size_t bytes)
{
	std::size_t off = 0;
	while (off + sizeof(inotify_event) <= bytes) {
		const auto *ev = reinterpret_cast<const inotify_event *>(buffer_.data() + off);
		off += sizeof(inotify_event) + ev->len;
		if (ev->mask & IN_Q_OVERFLOW) {
			pending_.fullRescan = true;
		} else if (ev->wd != wd_) {
			// From a watch we already dropped (the directory moved away).
		} else if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
			// The directory we watched is gone or renamed away; whatever
			// sits at the path later must be watched anew. A moved
			// directory still exists, so drop its watch explicitly.
			if (ev->mask & IN_MOVE_SELF)
				::inotify_rm_watch(inotify_.native_handle(), wd_);
			wd_ = -1;
			pending_.fullRescan = true;
		} else if (ev->len > 0 && !(ev->mask & IN_ISDIR)) {
			// The kernel pads the name with NULs.
			pending_.names.insert(std::string(ev->name, ::strnlen(ev->name, ev->len)));
		}
	}
	if (pending_.fullRescan || !pending_.names.empty())
		armDebounce();
}

void DirectoryWatcher::armDebounce()
{
	// The window starts at the first event and is not extended, so a
	// constantly rewritten file still produces a callback every window.
	if (debounceArmed_)
		return;
	debounceArmed_ = true;
	debounceTimer_.expires_after(debounce_);
	debounceTimer_.async_wait([this](boost::system::error_code ec) {
		if (ec || stopped_)
			return;
		debounceArmed_ = false;
		flush();
	});
}

void DirectoryWatcher::armRescan()
{
	if (rescanInterval_.count() <= 0)
		return;
	rescanTimer_.expires_after(rescanInterval_);
	rescanTimer_.async_wait([this](boost::system::error_code ec) {
		if (ec || stopped_)
			return;
		if (wd_ < 0)
			rewatch();
		pending_.fullRescan = true;
		flush();
		armRescan();
	});
}

void DirectoryWatcher::rewatch()
{
	// Failing (the directory is still missing) just means "try again at the
	// next rescan"; the rescan itself reports the jobs as gone.
	wd_ = ::inotify_add_watch(inotify_.native_handle(), dir_.c_str(), watchMask);
}

void DirectoryWatcher::flush()
{
	Change change = std::move(pending_);
	pending_ = {};
	if (change.fullRescan)
		change.names.clear(); // a full rescan covers them
	if (!change.fullRescan && change.names.empty())
		return;
	callback_(change);
}

} // namespace restored::os
