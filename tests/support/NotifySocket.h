// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace testsupport {

// An AF_UNIX datagram socket standing in for systemd's NOTIFY_SOCKET: the
// sd_notify messages of a daemon (or of code under test) arrive here. Owned by one test; not thread-safe.
class NotifySocket
{
public:
	explicit NotifySocket(std::filesystem::path path);
	~NotifySocket();
	NotifySocket(const NotifySocket &) = delete;
	NotifySocket &operator=(const NotifySocket &) = delete;

	const std::filesystem::path &path() const { return path_; }
	// The next datagram, or nullopt after `timeout`.
	std::optional<std::string> receive(std::chrono::milliseconds timeout);
	// A datagram that is already queued, without waiting.
	std::optional<std::string> tryReceive() { return receive(std::chrono::milliseconds(0)); }
	// Receives until a datagram contains the line `field` (e.g. "READY=1");
	// every datagram seen is kept in received().
	bool waitFor(const std::string &field, std::chrono::milliseconds timeout);
	const std::vector<std::string> &received() const { return received_; }

private:
	std::filesystem::path path_;
	int fd_ = -1;
	std::vector<std::string> received_;
};

bool hasField(const std::string &datagram, const std::string &field);

} // namespace testsupport
