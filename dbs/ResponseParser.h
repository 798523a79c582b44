// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "dbs/HttpMessage.h"
#include "dbs/Outcome.h"
#include "dbs/Responses.h"

namespace dbs {

// HTTP response -> typed response or classified ApiError. Pure and
// noexcept in effect: malformed, truncated or mistyped bodies become an
// ApiError with a Response.* code (class Transient), never an exception.
// Required fields: RequestId and Success on every 2xx body, plus the ids
// that make the answer meaningful (documented per function).
class ResponseParser
{
public:
	// Requires BackupPlanId.
	static Outcome<StartBackupPlanResponse> startBackupPlan(const HttpResponse &r);
	// Requires RestoreTaskId.
	static Outcome<StartRestoreTaskResponse> startRestoreTask(const HttpResponse &r);
	// Requires RestoreTaskId.
	static Outcome<CreateRestoreTaskResponse> createRestoreTask(const HttpResponse &r);
	// Requires the paging fields and, per item, RestoreTaskId and
	// RestoreStatus. A missing Items (or Items without RestoreTaskDetail)
	// is an empty page.
	static Outcome<DescribeRestoreTaskListResponse> describeRestoreTaskList(const HttpResponse &r);
	// Requires the paging fields and, per item, BackupSetId and BackupStatus.
	static Outcome<DescribeFullBackupListResponse> describeFullBackupList(const HttpResponse &r);
	// Requires Item.
	static Outcome<DescribeJobErrorCodeResponse> describeJobErrorCode(const HttpResponse &r);
};

} // namespace dbs
