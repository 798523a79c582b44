// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dbs {

// Typed DBS responses (seed pages in /work/shared/seeds and dbs-api.md
// §1.3). Plain values produced by ResponseParser. Timestamps are epoch
// milliseconds as sent; 0 means "absent" (e.g. a task that has not
// finished has RestoreTaskFinishTime 0).

// Fields every DBS body carries. On a parsed (successful) response
// success is true; failures become an ApiError instead.
struct Envelope {
	std::string requestId;
	bool success = false;
	std::string errCode;
	std::string errMessage;
	int httpStatusCode = 0;
};

struct Paging {
	int pageNum = 0;
	int pageSize = 0;
	std::int64_t totalElements = 0;
	int totalPages = 0;
};

struct StartBackupPlanResponse {
	Envelope envelope;
	std::string backupPlanId;
	std::string createdFullBackupsetId;
};

struct StartRestoreTaskResponse {
	Envelope envelope;
	std::string restoreTaskId;
};

struct CreateRestoreTaskResponse {
	Envelope envelope;
	std::string restoreTaskId;
};

struct RestoreTaskDetail {
	std::string restoreTaskId;
	std::string restoreTaskName;
	std::string restoreStatus; // init|running|stop|pause|check_pass|...; see docs/api-client.md
	std::string backupPlanId;
	std::string backupSetId;
	std::int64_t backupGatewayId = 0;
	std::int64_t restoreTaskCreateTime = 0;
	std::int64_t restoreTaskFinishTime = 0;
	std::int64_t restoreTime = 0;
	std::string restoreObjects;
	std::string restoreDir;
	std::string destinationEndpointInstanceType;
	std::string destinationEndpointRegion;
	std::string destinationEndpointInstanceId;
	std::string destinationEndpointIpPort;
	std::string destinationEndpointDatabaseName;
	std::string destinationEndpointUserName;
	std::string destinationEndpointOracleSid;
	std::string crossAliyunId;
	std::string crossRoleName;
	std::string errMessage;
	// Percent 0-100.
	int fullStruforeRestoreProgress = 0; // schema before full data ("Strufore" sic)
	int fullDataRestoreProgress = 0;
	int fullStruAfterRestoreProgress = 0; // schema after full data
	int continuousRestoreProgress = 0;    // incremental logs
};

struct DescribeRestoreTaskListResponse {
	Envelope envelope;
	Paging paging;
	std::vector<RestoreTaskDetail> items; // Items.RestoreTaskDetail[]
};

struct FullBackupFile {
	std::string backupSetId;
	std::string sourceEndpointIpPort;
	std::int64_t startTime = 0;
	std::int64_t endTime = 0;
	std::string backupStatus; // initializing|running|finish|...
	std::int64_t backupSetExpiredTime = 0;
	std::int64_t backupSize = 0;
	std::string storageMethod;
	std::string errMessage;
	std::string backupObjects;
	std::int64_t createTime = 0;
	std::int64_t finishTime = 0;
};

struct DescribeFullBackupListResponse {
	Envelope envelope;
	Paging paging;
	std::vector<FullBackupFile> items; // Items.FullBackupFile[]
};

struct JobErrorItem {
	std::string errorCode;
	std::string errorMessage;
	std::string jobId;
	std::string jobState;
	std::string jobType;
	std::string language;
};

struct DescribeJobErrorCodeResponse {
	Envelope envelope;
	JobErrorItem item;
};

} // namespace dbs
