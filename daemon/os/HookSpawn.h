// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace restored::os {

// Starts argv[0] (an absolute path; no shell, no PATH lookup) with exactly
// `environment`, in a new process group whose id is its pid, with stdin
// from /dev/null, stdout on outFd, stderr on errFd, no other descriptor,
// default signal dispositions and an empty signal mask. Returns 0 and sets
// pid, or the errno of the failed start (glibc's posix_spawn reports a
// failed execve itself and reaps that child). Called by HookRunner on the
// daemon's io_context thread.
int spawnHook(const std::vector<std::string> &argv, const std::vector<std::string> &environment, int outFd, int errFd,
	      pid_t &pid);

} // namespace restored::os
