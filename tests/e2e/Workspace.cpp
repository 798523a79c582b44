// SPDX-License-Identifier: Apache-2.0
#include "tests/e2e/Workspace.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

#include "base/ReadFile.h"

namespace e2e {

namespace fs = std::filesystem;

namespace {

std::string fromEnv(const char *name)
{
	const char *v = std::getenv(name);
	if (!v || !*v)
		throw std::runtime_error(std::string(name) + " is not set (run the e2e tests through meson test)");
	return v;
}

std::string randomHex(std::size_t n)
{
	std::random_device rd;
	std::string s;
	while (s.size() < n) {
		char buf[9];
		std::snprintf(buf, sizeof buf, "%08x", rd());
		s += buf;
	}
	return s.substr(0, n);
}

} // namespace

std::string restoredPath() { return fromEnv("DBS_RESTORED"); }
std::string emulatorPath() { return fromEnv("DBS_EMULATOR"); }
fs::path sourceDir() { return fromEnv("DBS_SOURCE_DIR"); }

void writeFile(const fs::path &path, const std::string &content)
{
	std::ofstream out(path, std::ios::trunc | std::ios::binary);
	out << content;
	if (!out)
		throw std::runtime_error("cannot write " + path.string());
}

void writeFileAtomically(const fs::path &path, const std::string &content)
{
	auto tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
	writeFile(tmp, content);
	fs::rename(tmp, path);
}

std::string readFile(const fs::path &path)
{
	auto text = base::readFile(path);
	auto *found = std::get_if<std::string>(&text);
	return found ? std::move(*found) : std::string();
}

std::string readTree(const fs::path &dir)
{
	std::string all;
	for (const auto &e : fs::recursive_directory_iterator(dir))
		if (e.is_regular_file())
			all += readFile(e.path());
	return all;
}

Workspace::Workspace(int emulatorPort, DaemonSettings settings, const fs::path &parent)
	: port_(emulatorPort), password_("e2e-db-password-" + randomHex(24))
{
	const char *tmp = std::getenv("TMPDIR");
	std::string base = !parent.empty() ? parent.string() : tmp && *tmp ? tmp : "/tmp";
	std::string pattern = base + "/dbs-e2e-XXXXXX";
	if (!::mkdtemp(pattern.data()))
		throw std::runtime_error("mkdtemp failed");
	root_ = pattern;
	fs::create_directory(jobsDir());
	fs::create_directory(stateDir());
	writeFile(root_ / "access-key", "access_key_id = LTAI5tDemoAccessKey01\n"
					"access_key_secret = demo-secret-not-for-production\n");
	writeFile(root_ / "db-password", password_);
	writeConfig(settings);
}

Workspace::~Workspace()
{
	if (std::getenv("E2E_KEEP"))
		return;
	std::error_code ec;
	fs::remove_all(root_, ec);
}

void Workspace::writeConfig(const DaemonSettings &s)
{
	// clang-format off
	std::string yaml =
		"jobs_dir: jobs.d\n"
		"state_dir: state\n"
		"control_socket: control.sock\n"
		"api:\n"
		"  endpoint: " + (s.endpoint.empty() ? "http://127.0.0.1:" + std::to_string(port_) : s.endpoint) + "\n" +
		(s.caFile.empty() ? std::string() : "  ca_file: " + s.caFile + "\n") +
		"  signature: " + s.signature + "\n"
		"  timeouts: {connect: 2s, read: 5s, total: 10s}\n"
		"  rate_limit: {requests_per_second: " + std::to_string(s.requestsPerSecond) +
		", burst: " + std::to_string(s.burst) + "}\n"
		"credentials:\n"
		"  file: access-key\n"
		"defaults:\n"
		"  retry: {max_attempts: " + std::to_string(s.maxAttempts) +
		", initial_backoff: 50ms, max_backoff: 500ms, jitter: full, throttle_factor: 2}\n"
		"  poll_interval: 250ms\n"
		"  stall_timeout: 1m\n"
		"  deadline: " + s.deadline + "\n"
		"max_running_jobs: " + std::to_string(s.maxRunningJobs) + "\n"
		"rescan_interval: " + s.rescanInterval + "\n"
		"log: {target: stderr, level: " + s.logLevel + "}\n";
	// clang-format on
	if (!s.metricsListen.empty() || !s.metricsTextfile.empty())
		yaml += "metrics:\n" +
			(s.metricsListen.empty() ? std::string() : "  listen: " + s.metricsListen + "\n") +
			(s.metricsTextfile.empty() ? std::string() : "  textfile: " + s.metricsTextfile + "\n");
	writeFileAtomically(configFile(), yaml);
}

void Workspace::writeJob(const std::string &name, const std::string &yaml)
{
	writeFileAtomically(jobsDir() / name, yaml);
}

void Workspace::removeJob(const std::string &name) { fs::remove(jobsDir() / name); }

namespace {

std::string destination(const std::string &passwordRef)
{
	// clang-format off
	return "        destination:\n"
	       "          instance_type: RDS\n"
	       "          region: cn-hangzhou\n"
	       "          instance_id: rm-e2etarget01\n"
	       "          user_name: drill\n"
	       "          password_file: " + passwordRef + "\n";
	// clang-format on
}

} // namespace

std::string backupThenRestoreJob(const std::string &plan, const std::string &passwordRef, const std::string &tail)
{
	// clang-format off
	return "steps:\n"
	       "  - backup:\n"
	       "      backup_plan_id: " + plan + "\n"
	       "      wait_for_backup_set: true\n" +
	       createRestoreJob(plan, "previous", passwordRef, tail).substr(7);
	// clang-format on
}

std::string createRestoreJob(const std::string &plan, const std::string &backupSet, const std::string &passwordRef,
			     const std::string &tail)
{
	// clang-format off
	return "steps:\n"
	       "  - restore:\n"
	       "      create:\n"
	       "        backup_plan_id: " + plan + "\n"
	       "        name: e2e-" + plan + "\n"
	       "        backup_set: " + backupSet + "\n" +
	       destination(passwordRef) + tail;
	// clang-format on
}

std::string existingTaskJob(const std::string &taskId, const std::string &tail)
{
	return "steps:\n"
	       "  - restore:\n"
	       "      restore_task_id: " +
	       taskId + "\n" + tail;
}

std::string writeHook(const Workspace &ws, const std::string &name, const std::string &body)
{
	std::filesystem::create_directories(ws.root() / "hooks");
	auto path = ws.root() / "hooks" / name;
	writeFile(path, "#!/bin/sh\n" + body + "\n");
	std::filesystem::permissions(path, std::filesystem::perms::owner_all);
	return path.string();
}

} // namespace e2e
