// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace restored::os {

// Tells the daemon which files in the jobs directory changed, using inotify.
//
// Events are coalesced for a short debounce window so that an editor's
// "write temp file, rename over" or a `cp` of several files becomes one
// callback. When inotify cannot say what changed (queue overflow, the
// directory itself deleted or moved, a read error) the callback asks for a
// full rescan; a periodic full rescan also covers anything inotify misses
// (e.g. network filesystems).
//
// IN_CREATE is deliberately not watched: a newly created file is usually
// still empty; its IN_CLOSE_WRITE (or IN_MOVED_TO) follows when complete.
//
// Owned by the daemon; runs on its single io_context thread, and the
// callback is invoked there.
class DirectoryWatcher
{
public:
	struct Change {
		bool fullRescan = false;
		std::set<std::string> names; // file names (not paths), when !fullRescan
	};
	using Callback = std::function<void(const Change &)>;

	// Throws std::system_error when the directory cannot be watched (a
	// startup error). rescanInterval of zero disables the periodic rescan.
	DirectoryWatcher(boost::asio::any_io_executor ex, std::filesystem::path dir, std::chrono::milliseconds debounce,
			 std::chrono::milliseconds rescanInterval, Callback callback);

	void start();
	// Stops reading and cancels the timers; no callback after this.
	void stop();

	const std::filesystem::path &directory() const { return dir_; }

private:
	void read();
	void parse(std::size_t bytes);
	void armDebounce();
	void armRescan();
	void flush();
	void rewatch();

	std::filesystem::path dir_;
	std::chrono::milliseconds debounce_;
	std::chrono::milliseconds rescanInterval_;
	Callback callback_;
	boost::asio::posix::stream_descriptor inotify_;
	boost::asio::steady_timer debounceTimer_;
	boost::asio::steady_timer rescanTimer_;
	bool debounceArmed_ = false;
	bool stopped_ = false;
	int wd_ = -1; // the directory's watch; -1 while the directory is gone
	Change pending_;
	// Large enough for many events; aligned as inotify_event requires.
	alignas(8) std::array<char, 64 * 1024> buffer_;
};

} // namespace restored::os
