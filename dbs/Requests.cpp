// SPDX-License-Identifier: Apache-2.0
#include "dbs/Requests.h"

namespace dbs {

namespace {

// Adds name=value when the optional is set; the overloads keep every
// toParams() a flat list of the documented parameter names.
void put(ParamMap &p, const char *name, const std::string &v) { p[name] = v; }
void put(ParamMap &p, const char *name, const std::optional<std::string> &v)
{
	if (v)
		p[name] = *v;
}
void put(ParamMap &p, const char *name, const std::optional<int> &v)
{
	if (v)
		p[name] = std::to_string(*v);
}
void put(ParamMap &p, const char *name, const std::optional<std::int64_t> &v)
{
	if (v)
		p[name] = std::to_string(*v);
}
void put(ParamMap &p, const char *name, const std::optional<bool> &v)
{
	if (v)
		p[name] = *v ? "true" : "false";
}
void put(ParamMap &p, const char *name, const std::optional<Secret> &v)
{
	if (v)
		p[name] = std::string(v->reveal());
}

// ClientToken: "up to 64 ASCII characters" (dbs-api.md §1.5).
std::optional<std::string> checkToken(const std::optional<std::string> &t)
{
	if (!t)
		return std::nullopt;
	if (t->empty() || t->size() > 64)
		return "ClientToken must be 1 to 64 characters";
	for (unsigned char c : *t) {
		if (c < 0x21 || c > 0x7e)
			return "ClientToken must be printable ASCII";
	}
	return std::nullopt;
}

std::optional<std::string> required(const std::string &v, const char *name)
{
	if (v.empty())
		return std::string(name) + " is required";
	return std::nullopt;
}

} // namespace

ParamMap toParams(const StartBackupPlanRequest &r)
{
	ParamMap p;
	put(p, "BackupPlanId", r.backupPlanId);
	put(p, "ClientToken", r.clientToken);
	return p;
}

ParamMap toParams(const StartRestoreTaskRequest &r)
{
	ParamMap p;
	put(p, "RestoreTaskId", r.restoreTaskId);
	put(p, "ClientToken", r.clientToken);
	return p;
}

ParamMap toParams(const DescribeRestoreTaskListRequest &r)
{
	ParamMap p;
	put(p, "BackupPlanId", r.backupPlanId);
	put(p, "RestoreTaskId", r.restoreTaskId);
	put(p, "PageNum", r.pageNum);
	put(p, "PageSize", r.pageSize);
	put(p, "StartTimestamp", r.startTimestamp);
	put(p, "EndTimestamp", r.endTimestamp);
	put(p, "ClientToken", r.clientToken);
	return p;
}

ParamMap toParams(const CreateRestoreTaskRequest &r)
{
	ParamMap p;
	put(p, "BackupPlanId", r.backupPlanId);
	put(p, "RestoreTaskName", r.restoreTaskName);
	put(p, "DestinationEndpointInstanceType", r.destinationEndpointInstanceType);
	put(p, "DestinationEndpointRegion", r.destinationEndpointRegion);
	put(p, "DestinationEndpointInstanceID", r.destinationEndpointInstanceId);
	put(p, "DestinationEndpointIP", r.destinationEndpointIp);
	put(p, "DestinationEndpointPort", r.destinationEndpointPort);
	put(p, "DestinationEndpointDatabaseName", r.destinationEndpointDatabaseName);
	put(p, "DestinationEndpointUserName", r.destinationEndpointUserName);
	put(p, "DestinationEndpointPassword", r.destinationEndpointPassword);
	put(p, "DestinationEndpointOracleSID", r.destinationEndpointOracleSid);
	put(p, "BackupSetId", r.backupSetId);
	put(p, "RestoreTime", r.restoreTime);
	put(p, "RestoreObjects", r.restoreObjects);
	put(p, "BackupGatewayId", r.backupGatewayId);
	put(p, "RestoreDir", r.restoreDir);
	put(p, "RestoreHome", r.restoreHome);
	put(p, "DuplicateConflict", r.duplicateConflict);
	put(p, "CrossAliyunId", r.crossAliyunId);
	put(p, "CrossRoleName", r.crossRoleName);
	put(p, "ClientToken", r.clientToken);
	return p;
}

ParamMap toParams(const DescribeFullBackupListRequest &r)
{
	ParamMap p;
	put(p, "BackupPlanId", r.backupPlanId);
	put(p, "BackupSetId", r.backupSetId);
	put(p, "PageNum", r.pageNum);
	put(p, "PageSize", r.pageSize);
	put(p, "StartTimestamp", r.startTimestamp);
	put(p, "EndTimestamp", r.endTimestamp);
	put(p, "ShowStorageType", r.showStorageType);
	put(p, "ClientToken", r.clientToken);
	return p;
}

ParamMap toParams(const DescribeJobErrorCodeRequest &r)
{
	ParamMap p;
	put(p, "TaskId", r.taskId);
	put(p, "Language", r.language);
	put(p, "ClientToken", r.clientToken);
	return p;
}

std::optional<std::string> validate(const StartBackupPlanRequest &r)
{
	if (auto e = required(r.backupPlanId, "BackupPlanId"))
		return e;
	return checkToken(r.clientToken);
}

std::optional<std::string> validate(const StartRestoreTaskRequest &r)
{
	if (auto e = required(r.restoreTaskId, "RestoreTaskId"))
		return e;
	return checkToken(r.clientToken);
}

std::optional<std::string> validate(const DescribeRestoreTaskListRequest &r)
{
	// "Specify either RestoreTaskId or BackupPlanId. If you specify both,
	// an error is returned." (dbs-api.md §1.3)
	if (r.backupPlanId.has_value() == r.restoreTaskId.has_value())
		return "exactly one of BackupPlanId and RestoreTaskId is required";
	if ((r.backupPlanId && r.backupPlanId->empty()) || (r.restoreTaskId && r.restoreTaskId->empty()))
		return "BackupPlanId or RestoreTaskId must not be empty";
	if (r.pageNum && *r.pageNum < 0)
		return "PageNum must be >= 0";
	if (r.pageSize && (*r.pageSize < 1 || *r.pageSize > 100))
		return "PageSize must be 1 to 100";
	return checkToken(r.clientToken);
}

std::optional<std::string> validate(const CreateRestoreTaskRequest &r)
{
	for (auto e : {required(r.backupPlanId, "BackupPlanId"), required(r.restoreTaskName, "RestoreTaskName"),
		       required(r.destinationEndpointInstanceType, "DestinationEndpointInstanceType")}) {
		if (e)
			return e;
	}
	if (r.backupSetId.has_value() == r.restoreTime.has_value())
		return "exactly one of BackupSetId and RestoreTime is required";
	if (r.destinationEndpointPort && (*r.destinationEndpointPort < 1 || *r.destinationEndpointPort > 65535))
		return "DestinationEndpointPort must be 1 to 65535";
	return checkToken(r.clientToken);
}

std::optional<std::string> validate(const DescribeFullBackupListRequest &r)
{
	if (auto e = required(r.backupPlanId, "BackupPlanId"))
		return e;
	if (r.pageNum && *r.pageNum < 0)
		return "PageNum must be >= 0";
	// The API metadata enumerates these three; unset is the server's 30.
	if (r.pageSize && *r.pageSize != 30 && *r.pageSize != 50 && *r.pageSize != 100)
		return "PageSize must be 30, 50 or 100";
	return checkToken(r.clientToken);
}

std::optional<std::string> validate(const DescribeJobErrorCodeRequest &r)
{
	if (auto e = required(r.taskId, "TaskId"))
		return e;
	return checkToken(r.clientToken);
}

} // namespace dbs
