// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace statemachine {

// What a DescribeRestoreTaskList item says about the task. DBS documents
// init, running, stop ("failed"), pause ("stopped") and check_pass, and NO
// success value (docs/state-machine.md, "Restore status mapping").
enum class RestoreVerdict {
	InProgress, // init, check_pass, running
	Paused,     // pause: not terminal; the deadline still applies
	Succeeded,  // finish|finished|success|succeeded|completed: an explicit success status, nothing else
	Failed,     // stop, fail*
	Unknown,    // anything else: keep polling until the deadline
};

// Case-insensitive; decided by the status alone. A RestoreTaskFinishTime
// never makes a success: seed 002's own sample answer shows "running" with
// a finish time, so under that reading a finish time means nothing. Pure.
RestoreVerdict classifyRestoreStatus(std::string_view status);

// `init`: not started, or started and its precheck not passed (seed 002).
bool isNotStarted(std::string_view status);

// Why an answer contradicts itself or cannot be read, or "" when it is
// consistent: a status that is not terminal together with a finish time,
// or a status no reading knows. Such an answer keeps the task polling (it
// never resolves to success) and is reported once, with the raw values.
// finishTimeMs is RestoreTaskFinishTime (0 when unset). Pure.
std::string contradiction(std::string_view status, std::int64_t finishTimeMs);

// A full backup set's BackupStatus from DescribeFullBackupList.
enum class BackupSetVerdict {
	InProgress, // initializing, running, anything not listed below
	Done,       // finish
	Failed,     // failed, fail*, stop
};

BackupSetVerdict classifyBackupSetStatus(std::string_view status);

std::string_view toString(RestoreVerdict v);

} // namespace statemachine
