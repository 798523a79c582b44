// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace restored::os {

// What a verify or notify hook is told about its run (docs/operations.md,
// "Hook environment"). The password of the restored database is not a
// field: a hook gets the path of the file that holds it and reads it
// itself, so the password never sits in an environment block that
// /proc/<pid>/environ or a careless `env` in a hook script could show.
struct HookContext {
	std::string hook; // "verify" or "notify"
	std::string jobId;
	std::string runId;
	// The run so far: for verify, empty outcome and verification (being decided).
	std::string outcome;                 // succeeded | failed | cancelled
	std::string reason;                  // why it failed or was cancelled
	std::string verification;            // verified | verification_failed | could_not_verify | "" (none)
	std::vector<std::string> conditions; // notify: which `when:` conditions the run meets
	std::string restoreTaskId;
	std::string backupPlanId;
	std::string backupSetId;
	// The restored database.
	std::string instanceId;
	std::string region;
	std::string ip;
	std::optional<int> port;
	std::string user;
	std::vector<std::pair<std::string, std::string>> databases; // source -> target
	std::string passwordFile; // a path: $CREDENTIALS_DIRECTORY/<name> or password_file
	std::optional<std::int64_t> restoreDurationMs;
	std::optional<std::int64_t> rtoObjectiveMs;
	std::optional<bool> rtoMet;
};

// The hook's complete environment as "NAME=value" entries, sorted by name:
// a fixed PATH and the DBS_* variables, every one always present (empty
// when unknown), so a `set -u` script can read them all. Nothing is
// inherited from the daemon (its NOTIFY_SOCKET, WATCHDOG_* and
// CREDENTIALS_DIRECTORY are not the hook's business). Pure.
std::vector<std::string> hookEnvironment(const HookContext &context);

} // namespace restored::os
