// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <sys/types.h>

#include "daemon/os/ControlProtocol.h"

namespace restored::os {

// Who sent a request, as the kernel reports it (SO_PEERCRED).
struct ControlPeer {
	uid_t uid = 0;
	pid_t pid = 0;
};

// What the control socket's requests do. The ControlServer parses and
// authorises a request and calls one of these; it never sees the jobs.
// Implemented by the daemon (DaemonControl) and by tests. Called on the
// server's executor, one request at a time; each returns the answer at
// once (nothing waits on I/O), so a slow client never holds the daemon.
class ControlHandler
{
public:
	virtual ~ControlHandler() = default;

	virtual ControlAnswer runNow(const std::string &jobId, const ControlPeer &peer) = 0;
	virtual ControlAnswer cancel(const std::string &jobId, const ControlPeer &peer) = 0;
	// jobId empty: every job.
	virtual ControlAnswer status(const std::string &jobId) = 0;
};

} // namespace restored::os
