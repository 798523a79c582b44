// SPDX-License-Identifier: Apache-2.0
#include "FakeDbsApi.h"

#include <algorithm>
#include <sstream>

#include <boost/asio/post.hpp>

namespace restored::test {

namespace {

base::ApiError invalid(const std::string &what) { return base::ApiError::permanent("InvalidParameter", what); }

std::vector<std::string> split(const std::string &ids)
{
	std::vector<std::string> out;
	std::istringstream in(ids);
	for (std::string id; std::getline(in, id, ',');)
		out.push_back(id);
	return out;
}

} // namespace

void FakeDbsApi::release()
{
	auto held = std::move(held_);
	held_.clear();
	for (auto &h : held)
		boost::asio::post(io_, std::move(h));
}

int FakeDbsApi::count(const std::string &action, const std::string &subject) const
{
	return static_cast<int>(std::count_if(calls.begin(), calls.end(), [&](const Call &c) {
		return c.action == action && (subject.empty() || c.subject == subject);
	}));
}

void FakeDbsApi::addTask(const std::string &id, const std::string &status, const std::string &plan)
{
	auto &t = tasks[id];
	t.restoreTaskId = id;
	t.restoreStatus = status;
	t.backupPlanId = plan;
}

template<class T>
bool FakeDbsApi::failed(Call call, Callback<T> &cb)
{
	calls.push_back(call);
	if (onCall)
		onCall(calls.back());
	auto &queue = failures[call.action];
	if (queue.empty())
		return false;
	auto error = queue.front();
	queue.pop_front();
	answer<T>(std::move(cb), error);
	return true;
}

template<class T>
void FakeDbsApi::answer(Callback<T> cb, dbs::Outcome<T> outcome)
{
	auto reply = [cb = std::move(cb), outcome = std::move(outcome)]() { cb(outcome); };
	if (hold)
		held_.push_back(std::move(reply));
	else
		boost::asio::post(io_, std::move(reply));
}

void FakeDbsApi::startBackupPlan(const dbs::StartBackupPlanRequest &r, Callback<dbs::StartBackupPlanResponse> cb)
{
	if (failed({"StartBackupPlan", r.backupPlanId, r.clientToken.value_or("")}, cb))
		return;
	dbs::FullBackupFile set;
	set.backupSetId = "set-" + std::to_string(++made_);
	set.backupStatus = "running";
	backupSets[r.backupPlanId].push_back(set);
	dbs::StartBackupPlanResponse response;
	response.envelope.requestId = "req-" + std::to_string(calls.size());
	response.backupPlanId = r.backupPlanId;
	response.createdFullBackupsetId = set.backupSetId;
	answer<dbs::StartBackupPlanResponse>(std::move(cb), response);
}

void FakeDbsApi::startRestoreTask(const dbs::StartRestoreTaskRequest &r, Callback<dbs::StartRestoreTaskResponse> cb)
{
	if (failed({"StartRestoreTask", r.restoreTaskId, r.clientToken.value_or("")}, cb))
		return;
	auto it = tasks.find(r.restoreTaskId);
	if (it == tasks.end())
		return answer<dbs::StartRestoreTaskResponse>(std::move(cb), invalid("no task " + r.restoreTaskId));
	if (it->second.restoreStatus == "init")
		it->second.restoreStatus = "running";
	dbs::StartRestoreTaskResponse response;
	response.envelope.requestId = "req-" + std::to_string(calls.size());
	response.restoreTaskId = r.restoreTaskId;
	answer<dbs::StartRestoreTaskResponse>(std::move(cb), response);
}

void FakeDbsApi::createRestoreTask(const dbs::CreateRestoreTaskRequest &r, Callback<dbs::CreateRestoreTaskResponse> cb)
{
	if (failed({"CreateRestoreTask", r.backupPlanId, r.clientToken.value_or("")}, cb))
		return;
	std::string id = "rt-made-" + std::to_string(++made_);
	addTask(id, "init", r.backupPlanId);
	tasks[id].restoreTaskName = r.restoreTaskName;
	dbs::CreateRestoreTaskResponse response;
	response.envelope.requestId = "req-" + std::to_string(calls.size());
	response.restoreTaskId = id;
	answer<dbs::CreateRestoreTaskResponse>(std::move(cb), response);
}

void FakeDbsApi::describeRestoreTaskList(const dbs::DescribeRestoreTaskListRequest &r,
					 Callback<dbs::DescribeRestoreTaskListResponse> cb)
{
	if (failed({"DescribeRestoreTaskList", r.restoreTaskId.value_or(r.backupPlanId.value_or("")), ""}, cb))
		return;
	answer<dbs::DescribeRestoreTaskListResponse>(std::move(cb), dbs::DescribeRestoreTaskListResponse{});
}

void FakeDbsApi::describeFullBackupList(const dbs::DescribeFullBackupListRequest &r,
					Callback<dbs::DescribeFullBackupListResponse> cb)
{
	if (failed({"DescribeFullBackupList", r.backupPlanId + "/" + r.backupSetId.value_or(""), ""}, cb))
		return;
	dbs::DescribeFullBackupListResponse response;
	for (const auto &set : backupSets[r.backupPlanId])
		if (!r.backupSetId || set.backupSetId == *r.backupSetId)
			response.items.push_back(set);
	answer<dbs::DescribeFullBackupListResponse>(std::move(cb), response);
}

void FakeDbsApi::describeJobErrorCode(const dbs::DescribeJobErrorCodeRequest &r,
				      Callback<dbs::DescribeJobErrorCodeResponse> cb)
{
	if (failed({"DescribeJobErrorCode", r.taskId, ""}, cb))
		return;
	answer<dbs::DescribeJobErrorCodeResponse>(std::move(cb), dbs::DescribeJobErrorCodeResponse{});
}

void FakeDbsApi::describeAllRestoreTasks(const std::string &restoreTaskIds,
					 Callback<std::vector<dbs::RestoreTaskDetail>> cb)
{
	if (failed({"DescribeRestoreTaskList", restoreTaskIds, ""}, cb))
		return;
	std::vector<dbs::RestoreTaskDetail> found;
	for (const auto &id : split(restoreTaskIds))
		if (auto it = tasks.find(id); it != tasks.end())
			found.push_back(it->second);
	answer<std::vector<dbs::RestoreTaskDetail>>(std::move(cb), found);
}

void FakeDbsApi::describePlanBackupSets(const std::string &backupPlanId, Callback<std::vector<dbs::FullBackupFile>> cb)
{
	if (failed({"DescribeFullBackupList", backupPlanId, ""}, cb))
		return;
	answer<std::vector<dbs::FullBackupFile>>(std::move(cb), backupSets[backupPlanId]);
}

void FakeDbsApi::describePlanRestoreTasks(const std::string &backupPlanId,
					  Callback<std::vector<dbs::RestoreTaskDetail>> cb)
{
	if (failed({"DescribeRestoreTaskList", "plan:" + backupPlanId, ""}, cb))
		return;
	std::vector<dbs::RestoreTaskDetail> found;
	for (const auto &[id, t] : tasks)
		if (t.backupPlanId == backupPlanId)
			found.push_back(t);
	answer<std::vector<dbs::RestoreTaskDetail>>(std::move(cb), found);
}

} // namespace restored::test
