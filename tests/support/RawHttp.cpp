// SPDX-License-Identifier: Apache-2.0
#include "tests/support/RawHttp.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace testsupport {

namespace {

using Clock = std::chrono::steady_clock;

void sendAll(int fd, const std::string &bytes)
{
	std::size_t off = 0;
	while (off < bytes.size()) {
		ssize_t n = send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
		if (n <= 0)
			throw std::runtime_error("send failed");
		off += static_cast<std::size_t>(n);
	}
}

// Reads into out until stop(out) is true, EOF, RST or the deadline.
template<typename Stop>
RawEnd readUntil(int fd, std::string &out, Clock::time_point deadline, Stop stop)
{
	while (!stop(out)) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
		if (left <= 0)
			return RawEnd::Timeout;
		pollfd p{fd, POLLIN, 0};
		int r = poll(&p, 1, static_cast<int>(left));
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			return RawEnd::Timeout;
		char chunk[65536];
		ssize_t n = recv(fd, chunk, sizeof chunk, 0);
		if (n < 0)
			return errno == ECONNRESET ? RawEnd::Reset : RawEnd::Closed;
		if (n == 0)
			return RawEnd::Closed;
		out.append(chunk, static_cast<std::size_t>(n));
	}
	return RawEnd::Closed;
}

// True once out holds a complete Content-Length delimited response.
bool completeResponse(const std::string &out)
{
	auto end = out.find("\r\n\r\n");
	if (end == std::string::npos)
		return false;
	RawResult r{out, RawEnd::Closed};
	std::string len = r.header("content-length");
	return !len.empty() && out.size() >= end + 4 + std::stoul(len);
}

} // namespace

int connectLoopback(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		throw std::runtime_error("socket failed");
	sockaddr_in addr{};
	addr.sin_family = AF_INET;
	addr.sin_port = htons(static_cast<uint16_t>(port));
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
		close(fd);
		throw std::runtime_error("connect to 127.0.0.1 failed");
	}
	return fd;
}

int RawResult::status() const
{
	if (bytes.rfind("HTTP/1.", 0) != 0 || bytes.size() < 12)
		return 0;
	return std::atoi(bytes.c_str() + 9);
}

std::string RawResult::body() const
{
	auto end = bytes.find("\r\n\r\n");
	return end == std::string::npos ? std::string() : bytes.substr(end + 4);
}

std::string RawResult::header(const std::string &lowerName) const
{
	auto end = bytes.find("\r\n\r\n");
	std::size_t pos = bytes.find("\r\n");
	while (pos != std::string::npos && pos < end) {
		std::size_t next = bytes.find("\r\n", pos + 2);
		std::string line = bytes.substr(pos + 2, next - pos - 2);
		auto colon = line.find(':');
		if (colon != std::string::npos) {
			std::string name = line.substr(0, colon);
			for (auto &c : name)
				c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
			if (name == lowerName) {
				std::string v = line.substr(colon + 1);
				while (!v.empty() && v.front() == ' ')
					v.erase(0, 1);
				return v;
			}
		}
		pos = next;
	}
	return {};
}

RawResult rawExchange(int port, const std::string &bytes, std::chrono::milliseconds timeout)
{
	int fd = connectLoopback(port);
	RawResult r;
	try {
		sendAll(fd, bytes);
		r.end = readUntil(fd, r.bytes, Clock::now() + timeout, [](const std::string &) { return false; });
	} catch (...) {
		close(fd);
		throw;
	}
	close(fd);
	return r;
}

RawConnection::RawConnection(int port) : fd_(connectLoopback(port)) {}

RawConnection::~RawConnection() { close(fd_); }

RawResult RawConnection::roundTrip(const std::string &bytes, std::chrono::milliseconds timeout)
{
	sendAll(fd_, bytes);
	RawResult r;
	r.bytes = std::move(pending_);
	r.end = readUntil(fd_, r.bytes, Clock::now() + timeout, completeResponse);
	auto end = r.bytes.find("\r\n\r\n");
	if (end != std::string::npos && completeResponse(r.bytes)) {
		std::size_t total = end + 4 + std::stoul(RawResult{r.bytes, RawEnd::Closed}.header("content-length"));
		pending_ = r.bytes.substr(total);
		r.bytes.resize(total);
	}
	return r;
}

} // namespace testsupport
