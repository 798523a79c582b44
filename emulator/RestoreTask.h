// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "emulator/Fixture.h"

namespace emulator {

// What DescribeRestoreTaskList shows for a task at one simulated instant.
struct RestoreView {
	std::string status;           // init | check_pass | running | <success status> | stop | pause
	int fullStruforeProgress = 0; // schema before data, 0-100
	int fullDataProgress = 0;
	int fullStruAfterProgress = 0;
	int continuousProgress = 0;
	std::int64_t finishTimeMs = 0; // 0 until the task ended (success or stop), or the create
				       // time before that with finish_time_while_running
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
	std::int64_t startCount = 0;  // real StartRestoreTask side effects
	std::int64_t listedCount = 0; // DescribeRestoreTaskList answers that carried it (vanish_after)

	// Destination as sent (never the password: it is dropped on arrival).
	std::string destInstanceType, destRegion, destInstanceId, destIpPort, destDatabaseName, destUserName,
		destOracleSid, restoreObjects, restoreDir, crossAliyunId, crossRoleName;
	std::int64_t backupGatewayId = 0;

	// dialect.successStatus is the global success string (a task's own
	// terminal_status wins); only the dialect's status switches are read.
	RestoreView view(std::int64_t simNowMs, const Dialect &dialect) const;
	// The simulated instant the task reaches its end state, if started and
	// not held in "init" by a failed precheck.
	std::optional<std::int64_t> endSimMs() const;
	// Deleted in the console, as far as the API can tell.
	bool vanished() const { return behaviour.vanishAfter > 0 && listedCount >= behaviour.vanishAfter; }
	// What really happened, for tests: succeeded | failed | paused | running | init | vanished.
	std::string truth(std::int64_t simNowMs) const;
};

} // namespace emulator
