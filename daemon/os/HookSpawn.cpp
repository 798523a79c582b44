// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/HookSpawn.h"

#include <csignal>
#include <fcntl.h>
#include <spawn.h>

namespace restored::os {

namespace {

std::vector<char *> pointers(const std::vector<std::string> &strings)
{
	std::vector<char *> p;
	for (const auto &s : strings)
		p.push_back(const_cast<char *>(s.c_str()));
	p.push_back(nullptr);
	return p;
}

} // namespace

int spawnHook(const std::vector<std::string> &argvStrings, const std::vector<std::string> &environment, int outFd,
	      int errFd, pid_t &pid)
{
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&actions);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, outFd, 1);
	posix_spawn_file_actions_adddup2(&actions, errFd, 2);
	// Asio opens its sockets without close-on-exec: without this a hook
	// would inherit the daemon's connections to DBS and its inotify.
	posix_spawn_file_actions_addclosefrom_np(&actions, 3);
	// Its own group (pgid = its pid), so a timeout can kill all it started;
	// default signal handling and an empty mask, whatever the daemon uses.
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	std::vector<char *> argv = pointers(argvStrings), envp = pointers(environment);
	// posix_spawn, not posix_spawnp: the path is used as written.
	int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&actions);
	return rc;
}

} // namespace restored::os
