// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "dbs/PercentEncoding.h"
#include "dbs/Secret.h"

namespace dbs {

// Typed requests for the DBS actions the daemon uses (dbs-api.md §1.3).
// Plain values; toParams() turns one into the business parameters of the
// action (common and signature parameters are added by DbsClient). Unset
// optionals are not sent at all, matching the SDKs that drop empty values.

struct StartBackupPlanRequest {
	std::string backupPlanId;
	std::optional<std::string> clientToken;
};

struct StartRestoreTaskRequest {
	std::string restoreTaskId;
	std::optional<std::string> clientToken;
};

struct DescribeRestoreTaskListRequest {
	std::optional<std::string> backupPlanId;
	std::optional<std::string> restoreTaskId; // comma-separated ids allowed
	std::optional<int> pageNum;
	std::optional<int> pageSize;
	std::optional<std::int64_t> startTimestamp; // epoch ms
	std::optional<std::int64_t> endTimestamp;
	std::optional<std::string> clientToken;
};

struct CreateRestoreTaskRequest {
	std::string backupPlanId;
	std::string restoreTaskName;
	std::string destinationEndpointInstanceType; // RDS|ECS|Express|Agent|DDS|Other|dg
	std::optional<std::string> destinationEndpointRegion;
	std::optional<std::string> destinationEndpointInstanceId;
	std::optional<std::string> destinationEndpointIp;
	std::optional<int> destinationEndpointPort;
	std::optional<std::string> destinationEndpointDatabaseName;
	std::optional<std::string> destinationEndpointUserName;
	std::optional<Secret> destinationEndpointPassword;
	std::optional<std::string> destinationEndpointOracleSid;
	// Exactly one of backupSetId and restoreTime (epoch ms) must be set.
	std::optional<std::string> backupSetId;
	std::optional<std::int64_t> restoreTime;
	std::optional<std::string> restoreObjects; // JSON text, sent as is
	std::optional<std::int64_t> backupGatewayId;
	std::optional<std::string> restoreDir;
	std::optional<std::string> restoreHome;
	std::optional<std::string> duplicateConflict; // only "renamenew" is documented
	std::optional<std::string> crossAliyunId;
	std::optional<std::string> crossRoleName;
	std::optional<std::string> clientToken;
};

struct DescribeFullBackupListRequest {
	std::string backupPlanId;
	std::optional<std::string> backupSetId;
	std::optional<int> pageNum;
	std::optional<int> pageSize; // 30, 50 or 100 only; unset: the server's default (30)
	std::optional<std::int64_t> startTimestamp;
	std::optional<std::int64_t> endTimestamp;
	std::optional<bool> showStorageType;
	std::optional<std::string> clientToken;
};

struct DescribeJobErrorCodeRequest {
	std::string taskId;
	std::optional<std::string> language; // "en" (default) or "cn"
	std::optional<std::string> clientToken;
};

ParamMap toParams(const StartBackupPlanRequest &r);
ParamMap toParams(const StartRestoreTaskRequest &r);
ParamMap toParams(const DescribeRestoreTaskListRequest &r);
ParamMap toParams(const CreateRestoreTaskRequest &r);
ParamMap toParams(const DescribeFullBackupListRequest &r);
ParamMap toParams(const DescribeJobErrorCodeRequest &r);

// What is wrong with a request before it is sent (a caller bug or bad job
// config), or nullopt. Never includes parameter values.
std::optional<std::string> validate(const StartBackupPlanRequest &r);
std::optional<std::string> validate(const StartRestoreTaskRequest &r);
std::optional<std::string> validate(const DescribeRestoreTaskListRequest &r);
std::optional<std::string> validate(const CreateRestoreTaskRequest &r);
std::optional<std::string> validate(const DescribeFullBackupListRequest &r);
std::optional<std::string> validate(const DescribeJobErrorCodeRequest &r);

} // namespace dbs
