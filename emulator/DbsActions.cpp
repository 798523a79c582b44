// SPDX-License-Identifier: Apache-2.0
#include "emulator/DbsActions.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include <boost/json/array.hpp>

#include "base/Strings.h"
#include "emulator/ActionParams.h"

namespace emulator {

namespace {

namespace json = boost::json;

// clang-format off
constexpr std::array<std::string_view, 36> knownActions{
	"ConfigureBackupPlan", "CreateAndStartBackupPlan", "CreateBackupPlan", "CreateFullBackupSetDownload",
	"CreateGetDBListFromAgentTask", "CreateIncrementBackupSetDownload", "CreateRestoreTask",
	"DescribeBackupGatewayList", "DescribeBackupPlanBilling", "DescribeBackupPlanList",
	"DescribeBackupSetDownloadTaskList", "DescribeDLAService", "DescribeFullBackupList",
	"DescribeIncrementBackupList", "DescribeJobErrorCode", "DescribeNodeCidrList",
	"DescribePreCheckProgressList", "DescribeRegions", "DescribeRestoreRangeInfo", "DescribeRestoreTaskList",
	"DisableBackupLog", "EnableBackupLog", "GetDBListFromAgent", "InitializeDbsServiceLinkedRole",
	"ModifyBackupObjects", "ModifyBackupPlanName", "ModifyBackupSetDownloadRules", "ModifyBackupSourceEndpoint",
	"ModifyBackupStrategy", "ModifyStorageStrategy", "ReleaseBackupPlan", "RenewBackupPlan", "StartBackupPlan",
	"StartRestoreTask", "StopBackupPlan", "UpgradeBackupPlan"};
// clang-format on

json::object taskDetail(const RestoreTask &t, std::int64_t now, const Dialect &dialect)
{
	RestoreView v = t.view(now, dialect);
	json::object o;
	o["BackupGatewayId"] = t.backupGatewayId;
	o["BackupPlanId"] = t.backupPlanId;
	o["BackupSetId"] = t.backupSetId;
	o["RestoreTaskId"] = t.id;
	o["RestoreTaskName"] = t.name;
	o["RestoreStatus"] = v.status;
	o["RestoreTaskCreateTime"] = t.createTimeMs;
	o["RestoreTaskFinishTime"] = v.finishTimeMs;
	o["RestoreTime"] = t.restoreTimeMs;
	o["RestoreObjects"] = t.restoreObjects;
	o["RestoreDir"] = t.restoreDir;
	o["DestinationEndpointInstanceType"] = t.destInstanceType;
	o["DestinationEndpointRegion"] = t.destRegion;
	o["DestinationEndpointInstanceID"] = t.destInstanceId;
	o["DestinationEndpointIpPort"] = t.destIpPort;
	o["DestinationEndpointDatabaseName"] = t.destDatabaseName;
	o["DestinationEndpointUserName"] = t.destUserName;
	o["DestinationEndpointOracleSID"] = t.destOracleSid;
	o["CrossAliyunId"] = t.crossAliyunId;
	o["CrossRoleName"] = t.crossRoleName;
	o["ErrMessage"] = v.errMessage;
	o["FullStruforeRestoreProgress"] = v.fullStruforeProgress;
	o["FullDataRestoreProgress"] = v.fullDataProgress;
	o["FullStruAfterRestoreProgress"] = v.fullStruAfterProgress;
	o["ContinuousRestoreProgress"] = v.continuousProgress;
	return o;
}

} // namespace

bool DbsActions::isKnownAction(std::string_view action)
{
	return std::find(knownActions.begin(), knownActions.end(), action) != knownActions.end();
}

bool DbsActions::isIdempotent(std::string_view action)
{
	return action == "StartBackupPlan" || action == "CreateRestoreTask" || action == "StartRestoreTask";
}

HttpResponse DbsActions::run(const std::string &action, const dbs::ParamMap &params, std::int64_t now,
			     const std::string &host)
{
	lastDescribeIds_ = 0;
	try {
		if (action == "StartBackupPlan")
			return startBackupPlan(params, now);
		if (action == "DescribeFullBackupList")
			return describeFullBackupList(params, now);
		if (action == "CreateRestoreTask")
			return createRestoreTask(params, now);
		if (action == "StartRestoreTask")
			return startRestoreTask(params, now);
		if (action == "DescribeRestoreTaskList")
			return describeRestoreTaskList(params, now);
		if (action == "DescribeJobErrorCode")
			return describeJobErrorCode(params, now);
		throw Fail{false, 400, "UnsupportedOperation", "The action " + action + " is not emulated."};
	} catch (const Fail &f) {
		if (f.gateway)
			return replies_.gatewayError(f.status, f.code, f.message, host);
		// Every business error shares one status: the dialect says which.
		return replies_.dbsError(model_.dialect().businessErrorStatus, f.code, f.message);
	}
}

HttpResponse DbsActions::startBackupPlan(const dbs::ParamMap &p, std::int64_t now)
{
	std::string planId = required(p, "BackupPlanId");
	auto r = model_.startBackupPlan(planId, now);
	if (auto *e = std::get_if<ModelError>(&r))
		throw Fail{false, e->httpStatus, e->code, e->message};
	json::object o;
	o["BackupPlanId"] = planId;
	o["CreatedFullBackupsetId"] = std::get<BackupSet>(r).id;
	return replies_.dbsSuccess(std::move(o));
}

HttpResponse DbsActions::describeFullBackupList(const dbs::ParamMap &p, std::int64_t now)
{
	std::string planId = required(p, "BackupPlanId");
	const BackupPlan *plan = model_.plan(planId);
	if (!plan)
		throw Fail{false, 400, "Param.NotFound", "The specified parameter BackupPlanId value is not valid."};
	std::string setId = opt(p, "BackupSetId");
	auto from = integer(p, "StartTimestamp", 0, INT64_MAX);
	auto to = integer(p, "EndTimestamp", 0, INT64_MAX);
	const PageAt at = pageAt(p, model_.dialect().pageBase);
	const std::int64_t size = pageSize(p);
	std::vector<const BackupSet *> matched;
	for (const auto &id : plan->backupSetIds) {
		const BackupSet *s = model_.backupSet(id);
		if ((!setId.empty() && id != setId) || (from && s->createTimeMs < *from) ||
		    (to && s->createTimeMs > *to))
			continue;
		matched.push_back(s);
	}
	json::array items;
	const auto total = static_cast<std::int64_t>(matched.size());
	for (std::int64_t i = at.index * size; i < total && i < (at.index + 1) * size; ++i) {
		const BackupSet &s = *matched[static_cast<std::size_t>(i)];
		bool done = s.isFinished(now);
		json::object f;
		f["BackupSetId"] = s.id;
		f["SourceEndpointIpPort"] = "";
		f["StartTime"] = s.createTimeMs;
		f["EndTime"] = done ? s.finishTimeMs : 0;
		f["BackupStatus"] = done ? "finish" : "running";
		f["BackupSetExpiredTime"] = s.finishTimeMs + 7LL * 24 * 3'600'000;
		f["BackupSize"] = done ? s.sizeBytes : 0;
		f["StorageMethod"] = "";
		f["ErrMessage"] = "";
		f["BackupObjects"] = "";
		f["CreateTime"] = s.createTimeMs;
		f["FinishTime"] = done ? s.finishTimeMs : 0;
		items.push_back(std::move(f));
	}
	json::object o;
	paging(o, at.shown, size, total);
	o["Items"] = json::object{{"FullBackupFile", std::move(items)}};
	return replies_.dbsSuccess(std::move(o));
}

HttpResponse DbsActions::createRestoreTask(const dbs::ParamMap &p, std::int64_t now)
{
	NewRestoreTask t;
	t.backupPlanId = required(p, "BackupPlanId");
	t.name = required(p, "RestoreTaskName");
	t.destInstanceType = required(p, "DestinationEndpointInstanceType");
	const std::string type = base::lower(t.destInstanceType);
	static const std::unordered_set<std::string> types{"rds", "ecs", "express", "agent", "dds", "other", "dg"};
	if (!types.count(type))
		throw invalid("DestinationEndpointInstanceType");
	t.backupSetId = opt(p, "BackupSetId");
	auto restoreTime = integer(p, "RestoreTime", 0, INT64_MAX);
	if (!t.backupSetId.empty() && restoreTime)
		throw Fail{false, 400, "InvalidParameter", "BackupSetId and RestoreTime are mutually exclusive."};
	if (t.backupSetId.empty() && !restoreTime)
		throw Fail{false, 400, "InvalidParameter", "Either BackupSetId or RestoreTime must be specified."};
	t.restoreTimeMs = restoreTime.value_or(0);
	// Conditional requirements as documented per destination type.
	t.destRegion = opt(p, "DestinationEndpointRegion");
	t.destInstanceId = opt(p, "DestinationEndpointInstanceID");
	if (t.destRegion.empty() &&
	    (type == "rds" || type == "ecs" || type == "dds" || type == "express" || type == "agent"))
		throw invalid("DestinationEndpointRegion");
	if (t.destInstanceId.empty() && (type == "rds" || type == "ecs" || type == "dds" || type == "express"))
		throw invalid("DestinationEndpointInstanceID");
	auto port = integer(p, "DestinationEndpointPort", 1, 65535);
	std::string ip = opt(p, "DestinationEndpointIP");
	if (!ip.empty() || port)
		t.destIpPort = ip + ":" + (port ? std::to_string(*port) : std::string());
	t.destDatabaseName = opt(p, "DestinationEndpointDatabaseName");
	t.destUserName = opt(p, "DestinationEndpointUserName");
	t.destOracleSid = opt(p, "DestinationEndpointOracleSID");
	// DestinationEndpointPassword is deliberately not read: the model must
	// never hold it.
	t.restoreObjects = opt(p, "RestoreObjects");
	t.restoreDir = opt(p, "RestoreDir");
	t.crossAliyunId = opt(p, "CrossAliyunId");
	t.crossRoleName = opt(p, "CrossRoleName");
	t.backupGatewayId = integer(p, "BackupGatewayId", 0, INT64_MAX).value_or(0);
	std::string dc = opt(p, "DuplicateConflict");
	if (!dc.empty() && dc != "renamenew")
		throw invalid("DuplicateConflict");
	auto r = model_.createRestoreTask(t, now);
	if (auto *e = std::get_if<ModelError>(&r))
		throw Fail{false, e->httpStatus, e->code, e->message};
	return replies_.dbsSuccess(json::object{{"RestoreTaskId", std::get<std::string>(r)}});
}

HttpResponse DbsActions::startRestoreTask(const dbs::ParamMap &p, std::int64_t now)
{
	std::string id = required(p, "RestoreTaskId");
	if (auto e = model_.startRestoreTask(id, now))
		throw Fail{false, e->httpStatus, e->code, e->message};
	return replies_.dbsSuccess(json::object{{"RestoreTaskId", id}});
}

HttpResponse DbsActions::describeRestoreTaskList(const dbs::ParamMap &p, std::int64_t now)
{
	std::string idList = opt(p, "RestoreTaskId");
	std::string planId = opt(p, "BackupPlanId");
	if (!idList.empty() && !planId.empty())
		throw Fail{false, 400, "InvalidParameter", "Specify either RestoreTaskId or BackupPlanId, not both."};
	std::vector<std::string> ids;
	std::unordered_set<std::string> seen;
	for (std::size_t pos = 0; !idList.empty() && pos <= idList.size();) {
		std::size_t comma = idList.find(',', pos);
		std::string id = idList.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
		if (!id.empty() && seen.insert(id).second)
			ids.push_back(std::move(id));
		if (comma == std::string::npos)
			break;
		pos = comma + 1;
	}
	auto from = integer(p, "StartTimestamp", 0, INT64_MAX);
	auto to = integer(p, "EndTimestamp", 0, INT64_MAX);
	const Dialect &dialect = model_.dialect();
	const PageAt at = pageAt(p, dialect.pageBase);
	const std::int64_t size = pageSize(p);
	lastDescribeIds_ = ids.size();
	if (!idList.empty() && ids.empty())
		throw invalid("RestoreTaskId");
	// A service-side cap below PageSize: the rest are left out, no error.
	if (ids.size() > static_cast<std::size_t>(dialect.maxIdsPerList))
		ids.resize(static_cast<std::size_t>(dialect.maxIdsPerList));
	TaskPage page = model_.listRestoreTasks(ids, planId, from, to, at.index, size);
	if (dialect.refuseUnknownIds && page.firstUnknownId)
		throw Fail{false, 400, "Param.NotFound",
			   "The specified parameter RestoreTaskId value " + *page.firstUnknownId + " is not valid."};
	model_.noteListed(page);
	json::array items;
	items.reserve(page.items.size());
	for (const RestoreTask *t : page.items)
		items.push_back(taskDetail(*t, now, dialect));
	json::object o;
	paging(o, at.shown, size, page.totalElements);
	o["Items"] = json::object{{"RestoreTaskDetail", std::move(items)}};
	return replies_.dbsSuccess(std::move(o));
}

HttpResponse DbsActions::describeJobErrorCode(const dbs::ParamMap &p, std::int64_t now)
{
	std::string id = required(p, "TaskId");
	std::string language = opt(p, "Language");
	if (language.empty())
		language = "en";
	json::object item;
	if (const RestoreTask *t = model_.liveTask(id)) {
		RestoreView v = t->view(now, model_.dialect());
		const bool precheckFailed = t->startedSimMs && t->behaviour.precheckFails;
		item["ErrorCode"] = precheckFailed ? "precheck_failed" : v.status == "stop" ? "failed" : "";
		item["ErrorMessage"] = precheckFailed ? t->behaviour.precheckError : v.errMessage;
		item["JobState"] = v.status;
		item["JobType"] = "RESTORE";
	} else if (const BackupSet *s = model_.backupSet(id)) {
		item["ErrorCode"] = "";
		item["ErrorMessage"] = "";
		item["JobState"] = s->isFinished(now) ? "finish" : "running";
		item["JobType"] = "FULL_BACKUP";
	} else {
		throw Fail{false, 400, "Param.NotFound", "The specified parameter TaskId value is not valid."};
	}
	item["JobId"] = id;
	item["Language"] = language;
	return replies_.dbsSuccess(json::object{{"Item", std::move(item)}});
}

} // namespace emulator
