// SPDX-License-Identifier: Apache-2.0
#include "tests/support/FreePort.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>

#include "base/Fd.h"

namespace testsupport {

int freeLoopbackPort()
{
	base::Fd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
	sockaddr_in a{};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof a;
	if (!s.valid() || ::bind(s.get(), reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
	    ::getsockname(s.get(), reinterpret_cast<sockaddr *>(&a), &len) != 0)
		throw std::runtime_error("cannot find a free loopback port");
	return ntohs(a.sin_port);
}

} // namespace testsupport
