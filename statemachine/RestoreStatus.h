// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace statemachine {

// What a DescribeRestoreTaskList item says about the task. DBS documents
// init, running, stop ("failed"), pause ("stopped") and check_pass, and NO
// success value (docs/state-machine.md, "Restore status mapping").
enum class RestoreVerdict {
	InProgress, // init, check_pass, running
	Paused,     // pause: not terminal; the deadline still applies
	Succeeded,  // finish|finished|success|succeeded|completed, or a finish time without a failure status
	Failed,     // stop, fail*
	Unknown,    // anything else: keep polling until the deadline
};

// Case-insensitive. finishTimeMs is RestoreTaskFinishTime (0 when unset).
// Pure.
RestoreVerdict classifyRestoreStatus(std::string_view status, std::int64_t finishTimeMs);

// A full backup set's BackupStatus from DescribeFullBackupList.
enum class BackupSetVerdict {
	InProgress, // initializing, running, anything not listed below
	Done,       // finish
	Failed,     // failed, fail*, stop
};

BackupSetVerdict classifyBackupSetStatus(std::string_view status);

std::string_view toString(RestoreVerdict v);

} // namespace statemachine
