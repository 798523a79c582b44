// SPDX-License-Identifier: Apache-2.0
#include "tests/support/LoopbackHttp.h"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>

#include "base/Fd.h"

namespace testsupport {

HttpReply loopbackGet(int port, const std::string &path, std::chrono::milliseconds timeout)
{
	base::Fd sock(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (sock.get() < 0)
		throw std::runtime_error("socket failed");
	sockaddr_in addr{};
	addr.sin_family = AF_INET;
	addr.sin_port = htons(static_cast<uint16_t>(port));
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(sock.get(), reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
		throw std::runtime_error("connect to 127.0.0.1 failed");

	std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
	if (send(sock.get(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
		throw std::runtime_error("send failed");

	auto deadline = std::chrono::steady_clock::now() + timeout;
	std::string raw;
	for (;;) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
										  std::chrono::steady_clock::now());
		if (left.count() <= 0)
			throw std::runtime_error("timed out reading " + path);
		pollfd p{sock.get(), POLLIN, 0};
		int r = poll(&p, 1, static_cast<int>(left.count()));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			throw std::runtime_error("timed out reading " + path);
		char chunk[65536];
		ssize_t n = recv(sock.get(), chunk, sizeof chunk, 0);
		if (n < 0)
			throw std::runtime_error("recv failed");
		if (n == 0)
			break;
		raw.append(chunk, static_cast<size_t>(n));
	}

	HttpReply reply;
	auto sp = raw.find(' ');
	auto headerEnd = raw.find("\r\n\r\n");
	if (sp == std::string::npos || headerEnd == std::string::npos)
		throw std::runtime_error("malformed HTTP reply");
	reply.status = std::atoi(raw.c_str() + sp + 1);
	reply.body = raw.substr(headerEnd + 4);
	return reply;
}

} // namespace testsupport
