// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RestoreStatus.h"

#include <string>

#include "base/Strings.h"

namespace statemachine {

namespace {

bool isFailure(const std::string &s) { return s == "stop" || s.starts_with("fail"); }

} // namespace

RestoreVerdict classifyRestoreStatus(std::string_view status)
{
	const std::string s = base::lower(status);
	if (isFailure(s))
		return RestoreVerdict::Failed;
	if (s == "finish" || s == "finished" || s == "success" || s == "succeeded" || s == "completed")
		return RestoreVerdict::Succeeded;
	if (s == "pause")
		return RestoreVerdict::Paused;
	if (s == "init" || s == "check_pass" || s == "running")
		return RestoreVerdict::InProgress;
	return RestoreVerdict::Unknown;
}

bool isNotStarted(std::string_view status) { return base::lower(status) == "init"; }

std::string contradiction(std::string_view status, std::int64_t finishTimeMs)
{
	switch (classifyRestoreStatus(status)) {
	case RestoreVerdict::Unknown:
		return "unknown RestoreStatus '" + std::string(status) + "' (RestoreTaskFinishTime " +
		       std::to_string(finishTimeMs) + ")";
	case RestoreVerdict::InProgress:
		if (finishTimeMs > 0)
			return "RestoreStatus '" + std::string(status) + "' together with RestoreTaskFinishTime " +
			       std::to_string(finishTimeMs);
		return {};
	case RestoreVerdict::Paused:
	case RestoreVerdict::Succeeded:
	case RestoreVerdict::Failed: return {};
	}
	return {};
}

BackupSetVerdict classifyBackupSetStatus(std::string_view status)
{
	const std::string s = base::lower(status);
	if (s == "finish")
		return BackupSetVerdict::Done;
	if (isFailure(s))
		return BackupSetVerdict::Failed;
	return BackupSetVerdict::InProgress;
}

std::string_view toString(RestoreVerdict v)
{
	switch (v) {
	case RestoreVerdict::InProgress: return "in-progress";
	case RestoreVerdict::Paused: return "paused";
	case RestoreVerdict::Succeeded: return "succeeded";
	case RestoreVerdict::Failed: return "failed";
	case RestoreVerdict::Unknown: return "unknown";
	}
	return "?";
}

} // namespace statemachine
