// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>

namespace e2e {

// The binaries and the source tree, from the environment meson sets
// (DBS_RESTORED, DBS_EMULATOR, DBS_SOURCE_DIR).
std::string restoredPath();
std::string emulatorPath();
std::filesystem::path sourceDir();

void writeFile(const std::filesystem::path &path, const std::string &content);
std::string readFile(const std::filesystem::path &path);
// Every regular file under `dir`, concatenated (for "secret appears nowhere").
std::string readTree(const std::filesystem::path &dir);
// Writes via a hidden temporary and a rename, so the daemon's directory
// watcher never sees half a file.
void writeFileAtomically(const std::filesystem::path &path, const std::string &content);

// What a test may tune in the daemon's main configuration.
struct DaemonSettings {
	std::string signature = "v3";
	std::string logLevel = "debug";
	int maxRunningJobs = 100;
	double requestsPerSecond = 1000;
	int burst = 1000;
	int maxAttempts = 12;
	std::string deadline = "10m";
	std::string rescanInterval = "5m";
	std::string endpoint;        // empty: http://127.0.0.1:<emulator port>
	std::string caFile;          // api.ca_file, when set
	std::string metricsListen;   // metrics.listen, when set ("127.0.0.1:0")
	std::string metricsTextfile; // metrics.textfile, when set (relative to the workspace)
};

// A scratch directory for one test: main configuration, jobs.d, state,
// credentials and a database password file with a random value. Owned by
// one test; removed when it ends (unless E2E_KEEP is set, for debugging).
class Workspace
{
public:
	// `parent`: where to create the scratch directory ($TMPDIR or /tmp if empty).
	Workspace(int emulatorPort, DaemonSettings settings = {}, const std::filesystem::path &parent = {});
	~Workspace();
	Workspace(const Workspace &) = delete;
	Workspace &operator=(const Workspace &) = delete;

	const std::filesystem::path &root() const { return root_; }
	std::filesystem::path configFile() const { return root_ / "dbs-restored.yaml"; }
	std::filesystem::path jobsDir() const { return root_ / "jobs.d"; }
	std::filesystem::path stateDir() const { return root_ / "state"; }
	std::filesystem::path stateFile(const std::string &jobId) const { return stateDir() / (jobId + ".json"); }
	// The daemon's control_socket: in the workspace, never the host's /run.
	std::filesystem::path controlSocket() const { return root_ / "control.sock"; }
	// Relative to a job file, as a job's password_file value.
	std::string passwordFileRef() const { return "../db-password"; }
	const std::string &password() const { return password_; }

	void writeConfig(const DaemonSettings &settings);
	void writeJob(const std::string &name, const std::string &yaml);
	void removeJob(const std::string &name);

private:
	std::filesystem::path root_;
	int port_;
	std::string password_;
};

// Fast timing for jobs: quick polls, and a stall timeout no test reaches
// unless it means to.
inline const std::string fastTiming = "poll_interval: 250ms\nstall_timeout: 1m\n";

// Job file texts used by several tests. `plan` is the backup plan; `tail`
// (job-level keys such as timing) is appended verbatim.
std::string backupThenRestoreJob(const std::string &plan, const std::string &passwordRef,
				 const std::string &tail = fastTiming);
std::string createRestoreJob(const std::string &plan, const std::string &backupSet, const std::string &passwordRef,
			     const std::string &tail = fastTiming);
std::string existingTaskJob(const std::string &taskId, const std::string &tail = fastTiming);

// An executable /bin/sh hook script <root>/hooks/<name> with `body`; its
// absolute path, as a hook's `command` wants it.
std::string writeHook(const Workspace &ws, const std::string &name, const std::string &body);

} // namespace e2e
