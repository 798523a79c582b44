// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdlib>

#include "TempDir.h"
#include "tests/support/NotifySocket.h"

namespace restored::test {

// Plays systemd's side of sd_notify for code running in the test process:
// a datagram socket in a temp dir, published through $NOTIFY_SOCKET for as
// long as the object lives. Owned by one test; single-threaded.
class NotifySocket
{
public:
	NotifySocket() : socket_(dir_.path() / "notify") { ::setenv("NOTIFY_SOCKET", socket_.path().c_str(), 1); }
	~NotifySocket() { ::unsetenv("NOTIFY_SOCKET"); }
	NotifySocket(const NotifySocket &) = delete;
	NotifySocket &operator=(const NotifySocket &) = delete;

	// One datagram if one is queued; never blocks.
	std::optional<std::string> tryReceive() { return socket_.tryReceive(); }

private:
	TempDir dir_;
	testsupport::NotifySocket socket_;
};

} // namespace restored::test
