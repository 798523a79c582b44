// SPDX-License-Identifier: Apache-2.0
#include "tests/support/MariaDbServer.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <pwd.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/FreePort.h"
#include "tests/support/Subprocess.h"

namespace testsupport {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr const char *mariadbd = "/usr/sbin/mariadbd";
constexpr const char *installDb = "/usr/bin/mariadb-install-db";
constexpr const char *client = "/usr/bin/mariadb";

std::string osUser()
{
	const passwd *pw = ::getpwuid(::geteuid());
	return pw ? pw->pw_name : "root";
}

// mariadbd refuses to run as root unless told which user to be.
std::vector<std::string> asUser(std::vector<std::string> argv)
{
	if (::geteuid() == 0)
		argv.push_back("--user=root");
	return argv;
}

} // namespace

bool MariaDbServer::available()
{
	return ::access(mariadbd, X_OK) == 0 && ::access(installDb, X_OK) == 0 && ::access(client, X_OK) == 0;
}

MariaDbServer::MariaDbServer() : admin_(osUser())
{
	const char *base = std::getenv("TMPDIR");
	std::string templ = std::string(base && *base ? base : "/tmp") + "/dbs-mariadb-XXXXXX";
	if (!::mkdtemp(templ.data()))
		throw std::runtime_error("mkdtemp failed");
	dir_ = templ;
	dataDir_ = dir_ / "data";
	socket_ = dir_ / "mariadb.sock";

	Subprocess install(asUser({installDb, "--no-defaults", "--datadir=" + dataDir_.string(),
				   "--auth-root-authentication-method=socket", "--skip-test-db"}),
			   {}, "-");
	std::string log = install.readRest(120s);
	auto status = install.wait(10s);
	if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
		fs::remove_all(dir_);
		throw std::runtime_error("mariadb-install-db failed:\n" + log);
	}
	for (int attempt = 0; attempt < 3; ++attempt) {
		if (start(log))
			return;
	}
	fs::remove_all(dir_);
	throw std::runtime_error("mariadbd did not start:\n" + log);
}

bool MariaDbServer::start(std::string &log)
{
	port_ = freeLoopbackPort();
	server_ = std::make_unique<Subprocess>(
		asUser({mariadbd, "--no-defaults", "--datadir=" + dataDir_.string(), "--socket=" + socket_.string(),
			"--port=" + std::to_string(port_), "--bind-address=127.0.0.1",
			"--pid-file=" + (dir_ / "mariadbd.pid").string(), "--skip-name-resolve", "--skip-log-bin",
			// Small and quiet: a test server holds a few rows, and its log goes
			// to a pipe that is only read until it is ready.
			"--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M", "--log-warnings=0",
			// A corrupt MyISAM table must stay corrupt for CHECK TABLE to see it.
			"--myisam-recover-options=OFF"}),
		std::map<std::string, std::string>{}, "-");
	log.clear();
	auto deadline = std::chrono::steady_clock::now() + 60s;
	while (std::chrono::steady_clock::now() < deadline) {
		auto line = server_->readLine(std::chrono::duration_cast<std::chrono::milliseconds>(
			deadline - std::chrono::steady_clock::now()));
		if (!line)
			break;
		log += *line + "\n";
		if (line->find("ready for connections") != std::string::npos)
			return true;
	}
	server_.reset(); // killed and reaped
	return false;
}

MariaDbServer::~MariaDbServer()
{
	if (server_ && server_->running()) {
		server_->signal(SIGTERM);
		server_->wait(30s);
	}
	server_.reset();
	std::error_code ec;
	fs::remove_all(dir_, ec);
}

std::vector<std::string> MariaDbServer::clientArgv() const
{
	return {client,    "--no-defaults",      "--socket=" + socket_.string(), "--user=" + admin_,
		"--batch", "--skip-column-names"};
}

std::string MariaDbServer::sql(const std::string &statements)
{
	fs::path file = dir_ / "statements.sql";
	std::ofstream(file) << statements << "\n";
	// On stdin, not with `source`: in batch mode the client then stops at
	// the first error and says so in its exit status.
	std::string command = "exec";
	for (const auto &a : clientArgv())
		command += " '" + a + "'";
	std::vector<std::string> argv{"/bin/sh", "-c", command + " < '" + file.string() + "'"};
	fs::path errors = dir_ / "client.err";
	fs::remove(errors);
	Subprocess run(argv, {}, errors.string());
	std::string out = run.readRest(60s);
	auto status = run.wait(10s);
	fs::remove(file);
	if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
		std::ifstream in(errors);
		std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		throw std::runtime_error("SQL failed: " + err);
	}
	return out;
}

} // namespace testsupport
