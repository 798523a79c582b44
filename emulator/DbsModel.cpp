// SPDX-License-Identifier: Apache-2.0
#include "emulator/DbsModel.h"

#include <cstdio>

namespace emulator {

namespace {

ModelError notFound(const std::string &param)
{
	// The message is the DBS doc's own template for this code.
	return {400, "Param.NotFound", "The specified parameter " + param + " value is not valid."};
}

std::string makeId(const char *prefix, std::int64_t n)
{
	char buf[48];
	std::snprintf(buf, sizeof buf, "%s%08lld", prefix, static_cast<long long>(n));
	return buf;
}

} // namespace

DbsModel::DbsModel(const Fixture &fixture, std::int64_t simStartMs) : dialect_(fixture.dialect)
{
	for (const auto &p : fixture.backupPlans) {
		BackupPlan plan{p, {}, {}, 0, 0};
		for (const auto &setId : p.backupSets) {
			// Pre-existing sets finished one backup-duration before start-up.
			BackupSet s{setId, p.id, simStartMs - 2 * p.fullBackupDurationMs,
				    simStartMs - p.fullBackupDurationMs, 10LL << 30};
			sets_.emplace(setId, s);
			plan.backupSetIds.push_back(setId);
		}
		planOrder_.push_back(p.id);
		plans_.emplace(p.id, std::move(plan));
	}
	tasks_.reserve(fixture.restoreTasks.size());
	for (const auto &t : fixture.restoreTasks) {
		RestoreTask task;
		task.id = t.id;
		task.name = t.name;
		task.backupPlanId = t.backupPlanId;
		task.createTimeMs = simStartMs;
		task.behaviour = t.behaviour;
		task.destInstanceType = "RDS";
		if (t.running)
			task.startedSimMs = simStartMs;
		plans_.at(t.backupPlanId).restoreTaskIds.push_back(t.id);
		taskOrder_.push_back(t.id);
		tasks_.emplace(t.id, std::move(task));
	}
}

std::variant<BackupSet, ModelError> DbsModel::startBackupPlan(const std::string &planId, std::int64_t simNowMs)
{
	auto it = plans_.find(planId);
	if (it == plans_.end())
		return notFound("BackupPlanId");
	BackupPlan &plan = it->second;
	std::int64_t n = nextId_++;
	BackupSet s{makeId("bsemu", n), planId, simNowMs, simNowMs + plan.spec.fullBackupDurationMs,
		    (1LL << 30) + n * 4096};
	sets_.emplace(s.id, s);
	plan.backupSetIds.push_back(s.id);
	++plan.backupSetsCreated;
	return s;
}

std::variant<std::string, ModelError> DbsModel::createRestoreTask(const NewRestoreTask &t, std::int64_t simNowMs)
{
	auto it = plans_.find(t.backupPlanId);
	if (it == plans_.end())
		return notFound("BackupPlanId");
	if (!t.backupSetId.empty()) {
		auto s = sets_.find(t.backupSetId);
		if (s == sets_.end() || s->second.backupPlanId != t.backupPlanId)
			return notFound("BackupSetId");
		if (!s->second.isFinished(simNowMs))
			return ModelError{400, "InvalidStatus",
					  "The backup set " + t.backupSetId + " is not finished yet."};
	}
	BackupPlan &plan = it->second;
	RestoreTask task;
	task.id = makeId("rtemu", nextId_++);
	task.name = t.name;
	task.backupPlanId = t.backupPlanId;
	task.backupSetId = t.backupSetId;
	task.restoreTimeMs = t.restoreTimeMs;
	task.createTimeMs = simNowMs;
	task.behaviour = plan.spec.restoreDefaults;
	task.destInstanceType = t.destInstanceType;
	task.destRegion = t.destRegion;
	task.destInstanceId = t.destInstanceId;
	task.destIpPort = t.destIpPort;
	task.destDatabaseName = t.destDatabaseName;
	task.destUserName = t.destUserName;
	task.destOracleSid = t.destOracleSid;
	task.restoreObjects = t.restoreObjects;
	task.restoreDir = t.restoreDir;
	task.crossAliyunId = t.crossAliyunId;
	task.crossRoleName = t.crossRoleName;
	task.backupGatewayId = t.backupGatewayId;
	++plan.createRestoreCount;
	plan.restoreTaskIds.push_back(task.id);
	taskOrder_.push_back(task.id);
	std::string id = task.id;
	tasks_.emplace(id, std::move(task));
	return id;
}

std::optional<ModelError> DbsModel::startRestoreTask(const std::string &taskId, std::int64_t simNowMs)
{
	auto it = tasks_.find(taskId);
	if (it == tasks_.end() || it->second.vanished())
		return notFound("RestoreTaskId");
	RestoreTask &task = it->second;
	// A task held in "init" by a failed precheck was started all the same:
	// a second start gets the same answer as for any started task.
	if (task.startedSimMs) {
		switch (dialect_.alreadyStarted) {
		case AlreadyStarted::QuietSuccess: return std::nullopt;
		case AlreadyStarted::InvalidJobId:
			return ModelError{400, "InvalidJobId", "The specified job id " + taskId + " is not valid."};
		case AlreadyStarted::InvalidParameterValid:
			return ModelError{400, "InvalidParameterValid",
					  "The restore task " + taskId + " has already been started."};
		case AlreadyStarted::InvalidStatus: break;
		}
		RestoreView v = task.view(simNowMs, dialect_);
		return ModelError{400, "InvalidStatus",
				  "The restore task " + taskId + " cannot be started in status " + v.status + "."};
	}
	task.startedSimMs = simNowMs;
	++task.startCount;
	return std::nullopt;
}

TaskPage DbsModel::listRestoreTasks(const std::vector<std::string> &ids, const std::string &planId,
				    std::optional<std::int64_t> fromMs, std::optional<std::int64_t> toMs,
				    std::int64_t pageIndex, std::int64_t pageSize) const
{
	TaskPage page;
	std::vector<const RestoreTask *> matched;
	auto consider = [&](const RestoreTask &t) {
		if (t.vanished())
			return;
		if (fromMs && t.createTimeMs < *fromMs)
			return;
		if (toMs && t.createTimeMs > *toMs)
			return;
		matched.push_back(&t);
	};
	if (!ids.empty()) {
		for (const auto &id : ids) {
			auto it = tasks_.find(id);
			if (it != tasks_.end() && !it->second.vanished())
				consider(it->second);
			else if (!page.firstUnknownId)
				page.firstUnknownId = id;
		}
	} else if (!planId.empty()) {
		auto p = plans_.find(planId);
		if (p != plans_.end())
			for (const auto &id : p->second.restoreTaskIds)
				consider(tasks_.at(id));
	} else {
		for (const auto &id : taskOrder_)
			consider(tasks_.at(id));
	}
	page.totalElements = static_cast<std::int64_t>(matched.size());
	const std::int64_t first = pageIndex * pageSize;
	for (std::int64_t i = first; i < page.totalElements && i < first + pageSize; ++i)
		page.items.push_back(matched[static_cast<std::size_t>(i)]);
	return page;
}

const BackupPlan *DbsModel::plan(const std::string &id) const
{
	auto it = plans_.find(id);
	return it == plans_.end() ? nullptr : &it->second;
}

const RestoreTask *DbsModel::task(const std::string &id) const
{
	auto it = tasks_.find(id);
	return it == tasks_.end() ? nullptr : &it->second;
}

void DbsModel::noteListed(const TaskPage &page)
{
	for (const RestoreTask *t : page.items)
		++tasks_.at(t->id).listedCount;
}

const RestoreTask *DbsModel::liveTask(const std::string &id) const
{
	const RestoreTask *t = task(id);
	return t && !t->vanished() ? t : nullptr;
}

const BackupSet *DbsModel::backupSet(const std::string &id) const
{
	auto it = sets_.find(id);
	return it == sets_.end() ? nullptr : &it->second;
}

} // namespace emulator
