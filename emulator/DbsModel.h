// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "emulator/Fixture.h"
#include "emulator/RestoreTask.h"

namespace emulator {

// A DBS business error (HTTP status + ErrCode/ErrMessage).
struct ModelError {
	int httpStatus = 400;
	std::string code;
	std::string message;
};

struct BackupSet {
	std::string id;
	std::string backupPlanId;
	std::int64_t createTimeMs = 0;
	std::int64_t finishTimeMs = 0; // simulated; in the future while running
	std::int64_t sizeBytes = 0;
	bool isFinished(std::int64_t simNowMs) const { return simNowMs >= finishTimeMs; }
};

struct BackupPlan {
	BackupPlanSpec spec;
	std::vector<std::string> backupSetIds;   // creation order
	std::vector<std::string> restoreTaskIds; // creation order
	std::int64_t backupSetsCreated = 0;      // real StartBackupPlan side effects
	std::int64_t createRestoreCount = 0;     // real CreateRestoreTask side effects
};

// Parameters of CreateRestoreTask after validation (no password: the
// handler drops it before it gets here).
struct NewRestoreTask {
	std::string backupPlanId, name, backupSetId;
	std::int64_t restoreTimeMs = 0;
	std::string destInstanceType, destRegion, destInstanceId, destIpPort, destDatabaseName, destUserName,
		destOracleSid, restoreObjects, restoreDir, crossAliyunId, crossRoleName;
	std::int64_t backupGatewayId = 0;
};

struct TaskPage {
	std::int64_t totalElements = 0;
	std::vector<const RestoreTask *> items;
	std::optional<std::string> firstUnknownId; // of the ids asked for (unknown or vanished)
};

// The emulated DBS account: plans, full backup sets and restore tasks, in
// simulated time passed in by the caller. Pure (no clock, no I/O). Owned by
// ApiHandler; server thread only.
class DbsModel
{
public:
	DbsModel(const Fixture &fixture, std::int64_t simStartMs);

	std::variant<BackupSet, ModelError> startBackupPlan(const std::string &planId, std::int64_t simNowMs);
	std::variant<std::string, ModelError> createRestoreTask(const NewRestoreTask &t, std::int64_t simNowMs);
	// nullopt: accepted (a quiet_success dialect also accepts a task
	// already started, without a side effect).
	std::optional<ModelError> startRestoreTask(const std::string &taskId, std::int64_t simNowMs);

	// ids or planId (or neither: every task), filtered on create time, paged
	// from index pageIndex (0-based whatever the dialect's page base).
	// Vanished tasks are left out as if they never existed.
	TaskPage listRestoreTasks(const std::vector<std::string> &ids, const std::string &planId,
				  std::optional<std::int64_t> fromMs, std::optional<std::int64_t> toMs,
				  std::int64_t pageIndex, std::int64_t pageSize) const;
	// Counts one list answer for each served task (vanish_after).
	void noteListed(const TaskPage &page);

	const BackupPlan *plan(const std::string &id) const;
	const RestoreTask *task(const std::string &id) const;     // vanished ones too
	const RestoreTask *liveTask(const std::string &id) const; // nullptr once vanished
	const BackupSet *backupSet(const std::string &id) const;
	const std::vector<std::string> &planOrder() const { return planOrder_; }
	const std::vector<std::string> &taskOrder() const { return taskOrder_; }

	const std::string &terminalStatus() const { return dialect_.successStatus; }
	void setTerminalStatus(std::string s) { dialect_.successStatus = std::move(s); }
	const Dialect &dialect() const { return dialect_; }

private:
	std::unordered_map<std::string, BackupPlan> plans_;
	std::unordered_map<std::string, RestoreTask> tasks_;
	std::unordered_map<std::string, BackupSet> sets_;
	std::vector<std::string> planOrder_;
	std::vector<std::string> taskOrder_;
	std::int64_t nextId_ = 1;
	Dialect dialect_;
};

} // namespace emulator
