// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

namespace statemachine {

// The DBS calls a job machine asks the daemon to make. Polls are not here:
// the daemon batches DescribeRestoreTaskList / DescribeFullBackupList across
// jobs and answers with poll events (see JobEvents.h).
enum class ApiAction {
	StartBackupPlan,      // mutating, carries a ClientToken
	CreateRestoreTask,    // mutating, carries a ClientToken
	StartRestoreTask,     // mutating, carries a ClientToken
	DescribeJobErrorCode, // read
	FindRestoreTask,      // read: DescribeRestoreTaskList(BackupPlanId) searched for this run's task name
	ListBackupSets,       // read: the plan's full backup sets before StartBackupPlan is first sent
	FindBackupSet,        // read: the same list again before a re-send, for a set that was not there
};

// The DBS action name, e.g. "StartRestoreTask".
constexpr std::string_view toString(ApiAction a)
{
	switch (a) {
	case ApiAction::StartBackupPlan: return "StartBackupPlan";
	case ApiAction::CreateRestoreTask: return "CreateRestoreTask";
	case ApiAction::StartRestoreTask: return "StartRestoreTask";
	case ApiAction::DescribeJobErrorCode: return "DescribeJobErrorCode";
	case ApiAction::FindRestoreTask: return "FindRestoreTask";
	case ApiAction::ListBackupSets: return "ListBackupSets";
	case ApiAction::FindBackupSet: return "FindBackupSet";
	}
	return "?";
}

constexpr bool isMutating(ApiAction a)
{
	return a == ApiAction::StartBackupPlan || a == ApiAction::CreateRestoreTask || a == ApiAction::StartRestoreTask;
}

std::optional<ApiAction> apiActionFromString(std::string_view s);

} // namespace statemachine
