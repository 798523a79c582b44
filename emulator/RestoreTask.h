// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "emulator/Fixture.h"

namespace emulator {

// What DescribeRestoreTaskList shows for a task at one simulated instant.
struct RestoreView {
	std::string status;           // init | running | <terminal> | stop | pause
	int fullStruforeProgress = 0; // schema before data, 0-100
	int fullDataProgress = 0;
	int fullStruAfterProgress = 0;
	int continuousProgress = 0;
	std::int64_t finishTimeMs = 0; // 0 until the task ended (terminal or stop)
	std::string errMessage;        // set once stopped
};

// One restore task of the model. Its status is never stored: it is derived
// from the start time and the fixture behaviour at the instant asked, so the
// model needs no timers. Owned by DbsModel; server thread only.
struct RestoreTask {
	std::string id;
	std::string name;
	std::string backupPlanId;
	std::string backupSetId;
	std::int64_t restoreTimeMs = 0;
	std::int64_t createTimeMs = 0;
	std::optional<std::int64_t> startedSimMs;
	TaskBehaviour behaviour;
	std::int64_t startCount = 0; // real StartRestoreTask side effects

	// Destination as sent (never the password: it is dropped on arrival).
	std::string destInstanceType, destRegion, destInstanceId, destIpPort, destDatabaseName,
		destUserName, destOracleSid, restoreObjects, restoreDir, crossAliyunId, crossRoleName;
	std::int64_t backupGatewayId = 0;

	// Phase weights of the duration: schema-before, data, schema-after, logs.
	RestoreView view(std::int64_t simNowMs, const std::string &terminalStatus) const;
	// The simulated instant the task reaches its end state, if started.
	std::optional<std::int64_t> endSimMs() const;
};

} // namespace emulator
