// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace testsupport {

class Subprocess;

// A private MariaDB server for the tests, from Debian's mariadb-server: a
// fresh data directory made with mariadb-install-db in a temporary
// directory, and mariadbd listening on 127.0.0.1 at a free port and on a
// socket in that directory. Startup waits on the server's own "ready for
// connections" line, at most a minute. The destructor stops the server
// (SIGTERM, then SIGKILL) and removes the directory.
//
// Owned by one test suite; not thread-safe.
class MariaDbServer
{
public:
	// Whether mariadbd, mariadb-install-db and the mariadb client are installed.
	static bool available();

	// Throws std::runtime_error with the server's output when it cannot start.
	MariaDbServer();
	~MariaDbServer();
	MariaDbServer(const MariaDbServer &) = delete;
	MariaDbServer &operator=(const MariaDbServer &) = delete;

	int port() const { return port_; }
	const std::filesystem::path &dataDir() const { return dataDir_; }

	// Runs SQL statements as the administrator over the socket (read from a
	// file, so nothing in them shows in a process list). Returns the
	// client's output (tab-separated, no column names); throws with its
	// error output on failure.
	std::string sql(const std::string &statements);
	// The client as the administrator over the socket, for a test that
	// keeps a session open: append "-e", "<SQL>".
	std::vector<std::string> clientArgv() const;

private:
	bool start(std::string &log);

	std::filesystem::path dir_;
	std::filesystem::path dataDir_;
	std::filesystem::path socket_;
	std::string admin_; // the OS user, whom mariadb-install-db lets in over the socket
	int port_ = 0;
	std::unique_ptr<Subprocess> server_;
};

} // namespace testsupport
