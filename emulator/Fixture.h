// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/Dialect.h"

namespace emulator {

// What a restore task does once started. The end state is chosen up front
// by the fixture so tests can ask for each outcome deterministically.
enum class TaskOutcome { Finish, Stop, Pause };

struct TaskBehaviour {
	std::int64_t durationMs = 2 * 3'600'000;
	TaskOutcome outcome = TaskOutcome::Finish;
	std::string errorMessage;                  // ErrMessage once stopped
	double pauseAt = 0.5;                      // fraction of the duration where "pause" happens
	std::optional<std::string> terminalStatus; // overrides the global success string
	bool precheckFails = false;                // started, but stays "init" for good
	std::string precheckError = "Precheck failed: destination instance unreachable";
	std::int64_t vanishAfter = 0; // gone after this many list answers (0: never)
};

struct AccessKeySpec {
	std::string id;
	std::string secret;
	std::optional<std::string> securityToken;
};

struct BackupPlanSpec {
	std::string id;
	std::int64_t fullBackupDurationMs = 20 * 60'000;
	TaskBehaviour restoreDefaults;       // for tasks created by CreateRestoreTask
	std::vector<std::string> backupSets; // already finished at start-up
};

struct RestoreTaskSpec {
	std::string id;
	std::string backupPlanId;
	std::string name;
	TaskBehaviour behaviour;
	bool running = false; // started before the emulator came up
};

// The emulated account, loaded once at start-up. A plain value.
struct Fixture {
	std::vector<AccessKeySpec> accessKeys;
	std::vector<BackupPlanSpec> backupPlans;
	std::vector<RestoreTaskSpec> restoreTasks;
	Dialect dialect;
};

// Parses fixture YAML (format in docs/emulator.md) with the daemon's strict
// reader. Throws config::ConfigException listing every problem, each as
// "<fileName>:<line>:<column>: <what>; expected <what would do>", unknown
// and duplicate keys included.
Fixture parseFixture(const std::string &text, const std::string &fileName);
Fixture loadFixture(const std::string &path);

} // namespace emulator
