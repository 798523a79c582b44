// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/ApiError.h"
#include "dbs/Outcome.h"
#include "dbs/Responses.h"
#include "statemachine/ApiAction.h"
#include "statemachine/JobEvents.h"

namespace restored {

// Turns the daemon's DBS replies into the state machine's events. All the
// reading of a reply happens here, so the Job only feeds what comes out.
// Pure: nowMs is when the reply arrived (each event carries it). Any
// thread.

// The answer to a CallApi, except DescribeJobErrorCode's.
using CallReply = std::variant<statemachine::ApiSucceeded, statemachine::ApiFailed>;

CallReply translateReply(statemachine::ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<dbs::StartBackupPlanResponse> &reply);
CallReply translateReply(statemachine::ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<dbs::CreateRestoreTaskResponse> &reply);
// sentTaskId: the task the request started; an answer that names none
// means that one.
CallReply translateReply(statemachine::ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<dbs::StartRestoreTaskResponse> &reply, const std::string &sentTaskId);
// FindRestoreTask: the plan's tasks; the one named restoreTaskName (the
// last listed, should DBS list two) is the one the run created.
CallReply translateReply(statemachine::ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<std::vector<dbs::RestoreTaskDetail>> &reply,
			 const std::string &restoreTaskName);
// ListBackupSets / FindBackupSet: every full backup set of the plan.
CallReply translateReply(statemachine::ApiAction action, std::int64_t nowMs,
			 const dbs::Outcome<std::vector<dbs::FullBackupFile>> &reply);
statemachine::JobErrorCodeAnswered translateReply(std::int64_t nowMs,
						  const dbs::Outcome<dbs::DescribeJobErrorCodeResponse> &reply);

// A restore task poll (RestorePoller's answer): the task's reading; the
// task confirmed gone (RestorePoller::taskGoneCode); or the error after
// which the daemon polls again later.
using RestorePollReply = std::variant<statemachine::RestorePolled, statemachine::TaskGone, base::ApiError>;
RestorePollReply translatePoll(std::int64_t nowMs, const std::string &restoreTaskId,
			       const dbs::Outcome<dbs::RestoreTaskDetail> &reply);

// A backup set poll (BackupSetPoller's answer): the set's reading, or the
// error after which the daemon polls again later.
using BackupSetPollReply = std::variant<statemachine::BackupSetPolled, base::ApiError>;
BackupSetPollReply translatePoll(std::int64_t nowMs, const dbs::Outcome<dbs::FullBackupFile> &reply);

} // namespace restored
