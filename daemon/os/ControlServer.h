// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <vector>

namespace restored::os {

class ControlHandler;

struct ControlServerLimits {
	// Connections served at once; one more is answered `busy` and closed.
	std::size_t maxConnections = 8;
	// From accept to the request's end; a slower client is answered `timeout`.
	std::chrono::milliseconds readTimeout{std::chrono::seconds(2)};
	// For the whole answer; a client that stops reading is dropped.
	std::chrono::milliseconds writeTimeout{std::chrono::seconds(10)};
	// The peer uids served. Empty: root and the daemon's own effective uid.
	// Tests name a uid that is not theirs to see a refusal.
	std::vector<uid_t> allowedUids;
};

// The control socket (docs/operations.md, "Control socket"): a Unix stream
// socket created with mode 0600, whose peers are checked with SO_PEERCRED.
// Each connection carries one request line (ControlProtocol), which is
// parsed, handed to the ControlHandler, answered and closed. Every
// connection is bounded in number, time and request size, so no client,
// authorised or not, can hold or grow the daemon.
//
// Owned by the Daemon (or a test); every method and every handler call
// runs on `executor`, which must be a single thread (the daemon's
// io_context). The handler must outlive the server's open period.
class ControlServer
{
public:
	enum class OpenFailure {
		DirectoryMissing, // the socket's directory does not exist
		InUse,            // a live process answers on the path
		NotASocket,       // something that is not a socket is at the path
		Other,
	};
	struct OpenError : std::runtime_error {
		OpenError(OpenFailure f, const std::string &what) : std::runtime_error(what), failure(f) {}
		OpenFailure failure;
	};

	ControlServer(boost::asio::any_io_executor executor, std::filesystem::path path, ControlHandler &handler,
		      ControlServerLimits limits = {});
	// close()
	~ControlServer();
	ControlServer(const ControlServer &) = delete;
	ControlServer &operator=(const ControlServer &) = delete;

	// Creates the socket and starts accepting. A socket file left by a dead
	// process is replaced; a live one, or a file that is not a socket, is
	// left alone and reported. Throws OpenError.
	void open();
	// Stops accepting, drops every connection without an answer and
	// removes the socket file if it is still the one open() made.
	void close();

	const std::filesystem::path &path() const;
	// Connections being served now (for tests).
	std::size_t connections() const;

private:
	// Shared with its pending accept, which may complete after close().
	struct Impl;
	std::shared_ptr<Impl> impl_;
};

} // namespace restored::os
