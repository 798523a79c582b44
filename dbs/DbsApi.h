// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dbs/Outcome.h"
#include "dbs/Requests.h"
#include "dbs/Responses.h"

namespace dbs {

// The DBS calls the daemon makes, as an interface: DbsClient is the real
// one, and the daemon core's unit tests run against a fake
// (tests/daemon/FakeDbsApi.h) with no sockets. The contract is DbsClient's
// (see there): each call answers exactly once, with the typed response or
// a classified ApiError, later and never from inside the call; no call
// logs or retries.
//
// Owned by whoever made it (RegionRoutes in the daemon); the threads that
// may call it are the implementation's to say.
class DbsApi
{
public:
	template<typename T>
	using Callback = std::function<void(Outcome<T>)>;

	virtual ~DbsApi() = default;

	virtual void startBackupPlan(const StartBackupPlanRequest &r, Callback<StartBackupPlanResponse> cb) = 0;
	virtual void startRestoreTask(const StartRestoreTaskRequest &r, Callback<StartRestoreTaskResponse> cb) = 0;
	virtual void createRestoreTask(const CreateRestoreTaskRequest &r, Callback<CreateRestoreTaskResponse> cb) = 0;
	virtual void describeRestoreTaskList(const DescribeRestoreTaskListRequest &r,
					     Callback<DescribeRestoreTaskListResponse> cb) = 0;
	virtual void describeFullBackupList(const DescribeFullBackupListRequest &r,
					    Callback<DescribeFullBackupListResponse> cb) = 0;
	virtual void describeJobErrorCode(const DescribeJobErrorCodeRequest &r,
					  Callback<DescribeJobErrorCodeResponse> cb) = 0;
	// The tasks among a comma-separated id list (fewer tasks than ids is
	// an answer, not an error).
	virtual void describeAllRestoreTasks(const std::string &restoreTaskIds,
					     Callback<std::vector<RestoreTaskDetail>> cb) = 0;
	// Every full backup set of a plan.
	virtual void describePlanBackupSets(const std::string &backupPlanId,
					    Callback<std::vector<FullBackupFile>> cb) = 0;
	// Every restore task of a plan.
	virtual void describePlanRestoreTasks(const std::string &backupPlanId,
					      Callback<std::vector<RestoreTaskDetail>> cb) = 0;
};

} // namespace dbs
