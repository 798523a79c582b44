// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config/HookSpec.h"
#include "config/RetryPolicy.h"

namespace config {

// A validated job definition, as read from one file in the jobs directory
// by config::parseJobFile() (config/JobFileParser.h; keys in docs/configuration.md).
// Plain values: the daemon copies a JobSpec into a run when the run starts,
// so later edits to the file only affect the next run.

// StartBackupPlan on a plan; optionally wait for the new full backup set.
struct BackupStep {
	std::string backupPlanId;
	bool waitForBackupSet = true;
};

// Where the password of the destination database comes from. Never inline.
struct SecretRef {
	enum class Kind { None, Credential, File };
	Kind kind = Kind::None;
	std::string value; // credential name (in $CREDENTIALS_DIRECTORY) or file path
};

struct Destination {
	std::string instanceType; // RDS|ECS|Express|Agent|DDS|Other|dg
	std::string region;
	std::string instanceId;
	std::string ip;
	std::optional<int> port;
	std::string databaseName;
	std::string userName;
	SecretRef password;
	std::string oracleSid;
};

struct RestoreObject {
	std::string dbName;
	std::string newDbName;
};

// Which backup a new restore task restores from.
struct FromPreviousBackup {}; // the set made by the previous backup step
struct BackupSetById {
	std::string id;
};
struct PointInTime {
	std::int64_t epochMs = 0;
}; // RestoreTime
using BackupSource = std::variant<FromPreviousBackup, BackupSetById, PointInTime>;

// CreateRestoreTask, then StartRestoreTask.
struct CreateRestore {
	std::string backupPlanId;
	std::string restoreTaskName;
	Destination destination;
	std::vector<RestoreObject> objects;
	BackupSource source;
	std::string duplicateConflict; // "" or "renamenew"
	std::optional<std::int64_t> backupGatewayId;
};

// StartRestoreTask on a task that already exists.
struct ExistingRestore {
	std::string restoreTaskId;
};

struct RestoreStep {
	std::variant<ExistingRestore, CreateRestore> how;
};

struct Step {
	std::variant<BackupStep, RestoreStep> what;
};

struct JobSpec {
	std::string id;         // "id:" or the file name without ".yaml"
	std::string sourceFile; // absolute path of the job file
	std::string specHash;   // hex digest of the canonical spec; changes when the file's meaning does
	std::vector<Step> steps;
	RetryPolicy retry;
	std::chrono::milliseconds pollInterval{std::chrono::seconds(30)};
	std::chrono::milliseconds stallTimeout{std::chrono::hours(2)};
	std::chrono::milliseconds deadline{std::chrono::hours(24)};
	std::chrono::milliseconds precheckTimeout{std::chrono::minutes(30)};
	std::optional<std::string> schedule; // cron expression, validated
	// DBS region of this job's calls (`region:`, e.g. ap-southeast-1); empty:
	// the main config's api.region.
	std::string region;
	// Restore drills: check the restored data, tell someone, and hold the
	// restore time against an objective (config/HookSpec.h).
	std::optional<VerifyHook> verify;
	std::optional<NotifyHook> notify;
	std::optional<std::chrono::milliseconds> rtoObjective;
};

// A definition never changes once read: the job and its running machine
// share one copy (at 10,000 jobs a second copy per run was a measurable
// share of the daemon's memory; bench/RESULTS.md).
using JobSpecPtr = std::shared_ptr<const JobSpec>;

} // namespace config
