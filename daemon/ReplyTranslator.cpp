// SPDX-License-Identifier: Apache-2.0
#include "daemon/ReplyTranslator.h"

#include "daemon/RestorePoller.h"

namespace restored {

using namespace statemachine;

namespace {

// ApiSucceeded, filled in by `fill` from the response, or ApiFailed.
template<class Response, class Fill>
CallReply translate(ApiAction action, std::int64_t nowMs, const dbs::Outcome<Response> &reply, Fill fill)
{
	if (!reply)
		return ApiFailed{action, nowMs, reply.error()};
	ApiSucceeded e{action, nowMs, {}, {}, {}};
	if constexpr (requires { reply.value().envelope.requestId; })
		e.requestId = reply.value().envelope.requestId; // a paged listing has one per page
	fill(e, reply.value());
	return e;
}

} // namespace

CallReply translateReply(ApiAction action, std::int64_t nowMs, const dbs::Outcome<dbs::StartBackupPlanResponse> &reply)
{
	return translate(action, nowMs, reply,
			 [](ApiSucceeded &e, const auto &v) { e.createdFullBackupSetId = v.createdFullBackupsetId; });
}

CallReply translateReply(ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<dbs::CreateRestoreTaskResponse> &reply)
{
	return translate(action, nowMs, reply,
			 [](ApiSucceeded &e, const auto &v) { e.restoreTaskId = v.restoreTaskId; });
}

CallReply translateReply(ApiAction action, std::int64_t nowMs, const dbs::Outcome<dbs::StartRestoreTaskResponse> &reply,
			 const std::string &sentTaskId)
{
	return translate(action, nowMs, reply, [&](ApiSucceeded &e, const auto &v) {
		e.restoreTaskId = v.restoreTaskId.empty() ? sentTaskId : v.restoreTaskId;
	});
}

CallReply translateReply(ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<std::vector<dbs::RestoreTaskDetail>> &reply,
			 const std::string &restoreTaskName)
{
	return translate(action, nowMs, reply, [&](ApiSucceeded &e, const auto &tasks) {
		for (const auto &t : tasks)
			if (t.restoreTaskName == restoreTaskName)
				e.restoreTaskId = t.restoreTaskId;
	});
}

CallReply translateReply(ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<std::vector<dbs::FullBackupFile>> &reply)
{
	return translate(action, nowMs, reply, [](ApiSucceeded &e, const auto &sets) {
		for (const auto &f : sets)
			e.backupSetIds.push_back(f.backupSetId);
	});
}

JobErrorCodeAnswered translateReply(std::int64_t nowMs, const dbs::Outcome<dbs::DescribeJobErrorCodeResponse> &reply)
{
	JobErrorCodeAnswered e;
	e.nowMs = nowMs;
	if (reply) {
		const auto &i = reply.value().item;
		e.detail = JobErrorDetail{i.errorCode, i.errorMessage, i.jobId, i.jobState, i.jobType};
	} else {
		e.error = reply.error();
	}
	return e;
}

RestorePollReply translatePoll(std::int64_t nowMs, const std::string &restoreTaskId,
			       const dbs::Outcome<dbs::RestoreTaskDetail> &reply)
{
	if (!reply && reply.error().code == RestorePoller::taskGoneCode)
		return TaskGone{nowMs, restoreTaskId, reply.error().message};
	if (!reply)
		return reply.error();
	const auto &d = reply.value();
	RestorePolled e;
	e.nowMs = nowMs;
	e.restoreTaskId = d.restoreTaskId;
	e.status = d.restoreStatus;
	e.progress = {d.fullStruforeRestoreProgress, d.fullDataRestoreProgress, d.fullStruAfterRestoreProgress,
		      d.continuousRestoreProgress};
	e.finishTimeMs = d.restoreTaskFinishTime;
	e.errMessage = d.errMessage;
	e.backupSetId = d.backupSetId;
	e.backupPlanId = d.backupPlanId;
	return e;
}

BackupSetPollReply translatePoll(std::int64_t nowMs, const dbs::Outcome<dbs::FullBackupFile> &reply)
{
	if (!reply)
		return reply.error();
	const auto &f = reply.value();
	return BackupSetPolled{nowMs, f.backupSetId, f.backupStatus, f.errMessage, f.endTime};
}

} // namespace restored
