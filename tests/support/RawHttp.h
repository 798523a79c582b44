// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>

namespace testsupport {

// How a raw exchange ended, as seen from the client socket.
enum class RawEnd { Closed, Reset, Timeout };

struct RawResult {
	std::string bytes; // everything received, headers included
	RawEnd end = RawEnd::Closed;
	int status() const;       // 0 when no status line arrived
	std::string body() const; // after the blank line
	std::string header(const std::string &lowerName) const;
};

// A TCP connection to 127.0.0.1:port (the caller closes it); throws
// std::runtime_error when it cannot connect.
int connectLoopback(int port);

// Sends bytes to 127.0.0.1:port and reads until the server closes, resets
// or the timeout passes. Deliberately not Beast: it must observe resets and
// half-sent replies that a real HTTP client would hide.
RawResult rawExchange(int port, const std::string &bytes, std::chrono::milliseconds timeout);

// A connection kept open across requests, to prove keep-alive. Reads one
// Content-Length delimited response per call.
class RawConnection
{
public:
	explicit RawConnection(int port);
	~RawConnection();
	RawConnection(const RawConnection &) = delete;
	RawConnection &operator=(const RawConnection &) = delete;
	RawResult roundTrip(const std::string &bytes, std::chrono::milliseconds timeout);

private:
	int fd_ = -1;
	std::string pending_;
};

} // namespace testsupport
